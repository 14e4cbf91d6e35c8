"""No lost work in the form of every publishable kind (issue 14, item 1): "Simpan & ajukan" saves
and submits in one step, autosave keeps what was typed and offers it back, and the form names who
else has it open."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsroom import autosave, presence
from newsroom.autosave import Autosave
from newsroom.models import Article, Revision

from .conftest import edit

S = Article.Status
NEW_LEAD = "Nelayan Kotawaringin menerima dua puluh kapal baru dari dinas pada Jumat pagi."


def admin_url(obj, view, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def form_fields(response) -> dict:
    """The fields of a rendered admin form as the browser would post them back."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None or value is False:
            continue
        if value is True:
            value = "on"
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def post_json(client, url, payload):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(url, body, content_type="application/json")


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- "Simpan & ajukan" --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["article", "page"], indirect=True)
def test_save_and_submit_saves_the_edit_then_submits_it(client, draft, writer, supervisor):
    obj = draft()
    client.force_login(writer)
    page = client.get(admin_url(obj, "change"))
    assert b'name="_step" value="submit"' in page.content
    data = {**form_fields(page), "lead": NEW_LEAD, "_step": "submit"}
    response = client.post(admin_url(obj, "change"), data, follow=True)
    obj.refresh_from_db()
    assert obj.status == S.IN_REVIEW
    assert obj.lead == NEW_LEAD
    assert obj.revisions.latest("number").data["lead"] == NEW_LEAD
    assert any("tersimpan" in m and "selesai" in m for m in messages_of(response))
    # The supervisor reviews the saved text.
    client.force_login(supervisor)
    assert NEW_LEAD in client.get(admin_url(obj, "change")).content.decode()


def test_save_and_submit_with_an_error_submits_nothing_and_keeps_the_text(client, draft, writer):
    article = draft()
    client.force_login(writer)
    data = {**form_fields(client.get(admin_url(article, "change"))), "_step": "submit"}
    response = client.post(admin_url(article, "change"), {**data, "lead": NEW_LEAD, "title": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert NEW_LEAD in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.DRAFT and article.lead == "Petambak panen."


def test_save_and_submit_after_someone_else_saved_is_refused_as_a_conflict(
    client, draft, writer, supervisor
):
    article = draft()
    client.force_login(writer)
    data = {**form_fields(client.get(admin_url(article, "change"))), "_step": "submit"}
    edit(article, supervisor, lead="Penyunting menyunting lebih dulu.")
    response = client.post(admin_url(article, "change"), {**data, "lead": NEW_LEAD})
    assert response.status_code == 200
    assert "Tidak disimpan" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.DRAFT and article.lead == "Penyunting menyunting lebih dulu."


def test_a_new_draft_can_be_saved_and_submitted_at_once(client, writer, agency):
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_article_add"),
        {"agency": agency.pk, "title": "Benih ikan untuk nelayan", "lead": NEW_LEAD,
         "body": "<p>Dinas menyalurkan benih.</p>", "expected_version": "", "_step": "submit"},
    )  # fmt: skip
    assert response.status_code == 302
    article = Article.objects.get(title="Benih ikan untuk nelayan")
    assert article.status == S.IN_REVIEW and article.author == writer


def test_a_refused_step_after_the_save_keeps_the_save_and_says_why(client, draft, writer):
    article = draft()
    client.force_login(writer)
    data = {**form_fields(client.get(admin_url(article, "change"))), "_step": "approve"}
    response = client.post(admin_url(article, "change"), {**data, "lead": NEW_LEAD}, follow=True)
    article.refresh_from_db()
    assert article.lead == NEW_LEAD and article.status == S.DRAFT
    assert any("langkah berikutnya tidak dijalankan" in m for m in messages_of(response))


def test_save_and_submit_is_offered_only_where_the_writer_may_submit(client, article_in, writer):
    client.force_login(writer)
    for status in (S.IN_REVIEW, S.PUBLISHED):
        page = client.get(admin_url(article_in(status), "change"))
        assert b'name="_step"' not in page.content, status


# --- autosave -----------------------------------------------------------------------------------


def test_typing_is_autosaved_for_the_person_without_touching_the_article(client, draft, writer):
    article = draft()
    client.force_login(writer)
    payload = {"fields": {"lead": NEW_LEAD, "title": "Judul baru", "version": "1", "x": "y",
                          "expected_version": "0"}}  # fmt: skip
    response = post_json(client, admin_url(article, "autosave"), payload)
    assert response.status_code == 200
    assert response.json()["status"].startswith("Tersimpan otomatis ")
    saved = Autosave.objects.get(user=writer, object_id=article.pk)
    # Only the form's own fields are kept; the version stays the one the form was opened with.
    assert saved.fields == {"lead": NEW_LEAD, "title": "Judul baru"}
    article.refresh_from_db()
    assert article.lead == "Petambak panen." and article.version == 1
    assert Revision.objects.filter(object_id=article.pk).count() == 1

    # The next autosave replaces it: one row per person and form.
    post_json(client, admin_url(article, "autosave"), {"fields": {"lead": "Lagi."}})
    assert Autosave.objects.get(user=writer, object_id=article.pk).fields == {"lead": "Lagi."}


def test_the_autosave_is_offered_back_until_the_form_is_saved(client, draft, writer):
    article = draft()
    client.force_login(writer)
    post_json(client, admin_url(article, "autosave"), {"fields": {"lead": NEW_LEAD}})
    page = client.get(admin_url(article, "change"))
    assert "Ada perubahan yang belum disimpan dari" in page.content.decode()
    assert page.context["no_lost_work"]["offer_data"]["fields"]["lead"] == NEW_LEAD

    response = client.post(admin_url(article, "change"), {**form_fields(page), "lead": NEW_LEAD})
    assert response.status_code == 302
    assert not Autosave.objects.exists()
    page = client.get(admin_url(article, "change"))
    assert "belum disimpan dari" not in page.content.decode()


def test_a_form_sent_back_with_errors_does_not_offer_the_autosave_again(client, draft, writer):
    article = draft()
    client.force_login(writer)
    post_json(client, admin_url(article, "autosave"), {"fields": {"lead": NEW_LEAD}})
    data = {**form_fields(client.get(admin_url(article, "change"))), "lead": NEW_LEAD}
    response = client.post(admin_url(article, "change"), {**data, "title": ""})
    assert response.status_code == 200 and NEW_LEAD in response.content.decode()
    assert "belum disimpan dari" not in response.content.decode()
    assert Autosave.objects.filter(user=writer).exists()  # nothing saved: the autosave stays


def test_an_autosave_older_than_the_last_save_is_not_offered(client, draft, writer, supervisor):
    article = draft()
    client.force_login(writer)
    post_json(client, admin_url(article, "autosave"), {"fields": {"lead": NEW_LEAD}})
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1)):
        edit(article, supervisor, lead="Penyunting menyimpan sesudahnya.")
    page = client.get(admin_url(article, "change"))
    assert "offer_data" not in page.context["no_lost_work"]
    # The supervisor's save did not remove the writer's own autosave.
    assert Autosave.objects.filter(user=writer).exists()


def test_each_person_sees_only_their_own_autosave(client, draft, writer, supervisor):
    article = draft()
    autosave.store(writer, Article, {"fields": {"lead": NEW_LEAD}}, obj=article, allowed={"lead"})
    client.force_login(supervisor)
    page = client.get(admin_url(article, "change"))
    assert "offer_data" not in page.context["no_lost_work"]
    response = post_json(client, admin_url(article, "autosave"), {"discard": True})
    assert response.status_code == 200
    assert Autosave.objects.filter(user=writer).exists()  # discard forgets only their own


def test_discard_forgets_the_autosave(client, draft, writer):
    article = draft()
    client.force_login(writer)
    post_json(client, admin_url(article, "autosave"), {"fields": {"lead": NEW_LEAD}})
    assert post_json(client, admin_url(article, "autosave"), {"discard": True}).json() == {
        "discarded": True
    }
    assert not Autosave.objects.exists()


def test_a_new_objects_form_is_autosaved_and_offered_back(client, writer, agency):
    client.force_login(writer)
    url = reverse("admin:newsroom_article_autosave_new")
    response = post_json(client, url, {"fields": {"title": "Draf baru", "agency": str(agency.pk)}})
    assert response.status_code == 200
    page = client.get(reverse("admin:newsroom_article_add"))
    assert page.context["no_lost_work"]["offer_data"]["fields"]["title"] == "Draf baru"
    client.post(
        reverse("admin:newsroom_article_add"),
        {"agency": agency.pk, "title": "Draf baru", "lead": "Ringkas.", "body": "<p>Isi.</p>"},
    )
    assert Article.objects.filter(title="Draf baru").exists()
    assert not Autosave.objects.exists()


def test_an_autosave_left_for_a_month_is_dropped_at_the_persons_next_autosave(
    client, draft, writer, agency
):
    client.force_login(writer)
    with time_machine.travel(timezone.now() - dt.timedelta(days=31)):
        url = reverse("admin:newsroom_article_autosave_new")
        post_json(client, url, {"fields": {"title": "Draf yang ditinggalkan"}})
    article = draft()
    post_json(client, admin_url(article, "autosave"), {"fields": {"lead": NEW_LEAD}})
    assert [a.object_id for a in Autosave.objects.all()] == [article.pk]


@pytest.mark.parametrize(
    "body",
    ["{not json", '"a string"', "[]", '{"fields": "lead"}', '{"fields": {"lead": {"a": 1}}}',
     '{"fields": {"lead": ["a", 2]}}', b"\xff\xfe"],
)  # fmt: skip
def test_bad_autosave_input_is_a_400_and_stores_nothing(client, draft, writer, body):
    article = draft()
    client.force_login(writer)
    response = post_json(client, admin_url(article, "autosave"), body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Autosave.objects.exists()


def test_an_autosave_is_bounded_in_size(client, draft, writer):
    article = draft()
    client.force_login(writer)
    huge = "<p>" + "kapal " * (autosave.MAX_CHARS // 6 + 10) + "</p>"
    response = post_json(client, admin_url(article, "autosave"), {"fields": {"body": huge}})
    assert response.status_code == 400
    assert "terlalu panjang" in response.json()["error"]
    assert not Autosave.objects.exists()


def test_another_agencys_object_answers_like_a_missing_one(
    client, draft, other_agency, other_writer, writer
):
    theirs = draft(agency=other_agency, author=other_writer)
    client.force_login(writer)
    for view in ("autosave", "presence"):
        url = admin_url(theirs, view)
        missing = url.replace(f"/{theirs.pk}/", "/987654321/")
        response = post_json(client, url, {"fields": {"lead": "x"}})
        assert response.status_code == 404
        assert post_json(client, missing, {"fields": {"lead": "x"}}).status_code == 404
        assert client.get(url).status_code == 405
    assert not Autosave.objects.exists()


def test_a_form_that_cannot_be_changed_is_not_autosaved(client, article_in, writer, ppid_officer):
    in_review = article_in(S.IN_REVIEW)
    client.force_login(writer)
    response = post_json(client, admin_url(in_review, "autosave"), {"fields": {"lead": "x"}})
    assert response.status_code == 403
    client.force_login(ppid_officer)  # no newsroom role: the object is not theirs to see
    assert post_json(client, admin_url(in_review, "autosave"), {"fields": {}}).status_code == 404
    response = post_json(
        client, reverse("admin:newsroom_article_autosave_new"), {"fields": {"lead": "x"}}
    )
    assert response.status_code == 403
    assert not Autosave.objects.exists()


# --- who else has it open -----------------------------------------------------------------------


def test_the_form_names_who_else_has_it_open(client, draft, writer, supervisor):
    article = draft()
    client.force_login(writer)
    page = client.get(admin_url(article, "change"))
    assert page.context["no_lost_work"]["presence_text"] == ""

    client.force_login(supervisor)
    page = client.get(admin_url(article, "change")).content.decode()
    assert "Sedang dibuka juga oleh Rina (sejak " in page and "perubahan dapat bertabrakan" in page

    client.force_login(writer)
    answer = post_json(client, admin_url(article, "presence"), {}).json()
    assert [other["name"] for other in answer["others"]] == ["Budi"]
    assert answer["text"].startswith("Sedang dibuka juga oleh Budi (sejak ")


def test_presence_expires_without_a_heartbeat_and_on_leaving(client, draft, writer, supervisor):
    article = draft()
    presence.here(article, supervisor)
    client.force_login(writer)
    assert len(post_json(client, admin_url(article, "presence"), {}).json()["others"]) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert post_json(client, admin_url(article, "presence"), {}).json()["others"] == []

    presence.here(article, supervisor, "page-2")
    client.force_login(supervisor)
    # A save reloads the form: the goodbye of the page before arrives late and changes nothing.
    post_json(client, admin_url(article, "presence"), {"leave": True, "page": "page-1"})
    assert [viewer.name for viewer in presence.others(article, writer)] == ["Budi"]
    post_json(client, admin_url(article, "presence"), {"leave": True, "page": "page-2"})
    assert presence.others(article, writer) == []


def test_presence_is_a_notice_not_a_lock(client, draft, writer, supervisor):
    article = draft()
    presence.here(article, supervisor)
    client.force_login(writer)
    page = client.get(admin_url(article, "change"))
    response = client.post(admin_url(article, "change"), {**form_fields(page), "lead": NEW_LEAD})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead == NEW_LEAD


@pytest.mark.parametrize("body", ["{oops", "[1, 2]"])
def test_bad_presence_input_is_a_400(client, draft, writer, body):
    article = draft()
    client.force_login(writer)
    assert post_json(client, admin_url(article, "presence"), body).status_code == 400

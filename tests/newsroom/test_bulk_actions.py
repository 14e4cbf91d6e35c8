"""Bulk steps in the lists (issue 14, item 8): a supervisor approves, schedules or archives the
selected items; a confirmation page says what will happen to each and why not; every item goes
through the workflow on its own (four-eyes, state, the agency's checklist) with its own result."""

import datetime as dt

import pytest
from django.contrib.admin import site
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Agency
from newsroom import bulk, workflow
from newsroom.models import Article, Category, Page

from .conftest import edit

S = Article.Status
JAKARTA = dt.timezone(dt.timedelta(hours=7))
GOOD_LEAD = "Dinas Kelautan dan Perikanan menyalurkan bantuan kapal kepada 40 nelayan kecil."


@pytest.fixture
def category(db):
    return Category.objects.create(name="Perikanan", slug="perikanan")


@pytest.fixture
def in_review(article_in, category):
    """An article in review that passes every pre-publication check (unless told otherwise)."""

    def make(**fields):
        values = {
            "title": "Bantuan kapal untuk nelayan kecil",
            "lead": GOOD_LEAD,
            "body": '<p>Lihat <a href="https://kalteng.go.id/data">data penerima</a>.</p>',
            "cover_image": "covers/2026/11/kapal.jpg",
            "cover_alt": "Nelayan menerima kunci kapal",
            "cover_caption": "Penyerahan bantuan di Sampit",
            "cover_credit": "Humas Dislutkan",
            "category": category,
            **fields,
        }
        return article_in(S.IN_REVIEW, **values)

    return make


def changelist(model=Article):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def choose(client, action, objects, model=Article):
    """Tick the items in the list, pick the action, press "Go": the confirmation page."""
    data = {"action": f"bulk_{action}", "index": 0, "_selected_action": [o.pk for o in objects]}
    return client.post(changelist(model), data)


def confirm(client, action, ids, model=Article, **fields):
    """Press the confirmation page's button (``ids``: what the page posts back)."""
    data = {"action": f"bulk_{action}", "post": "yes", "_selected_action": list(ids), **fields}
    return client.post(changelist(model), data, follow=True)


def rows(response) -> dict[str, object]:
    """Title -> the item as the page shows it (what will happen / the result)."""
    return {str(item.obj): item for item in response.context["items"]}


def status_of(obj):
    return type(obj).objects.get(pk=obj.pk).status


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- who is offered the actions ---------------------------------------------------------------


def test_a_supervisor_is_offered_the_three_bulk_steps(client, supervisor, in_review):
    in_review()  # an empty list shows no actions
    client.force_login(supervisor)
    page = client.get(changelist()).content.decode()
    assert "Setujui &amp; terbitkan yang dipilih" in page
    assert "Jadwalkan yang dipilih" in page
    assert "Arsipkan yang dipilih" in page


def test_a_writer_is_not_offered_them_and_cannot_post_them(client, writer, in_review):
    article = in_review()
    client.force_login(writer)
    page = client.get(changelist()).content.decode()
    assert "bulk_approve" not in page and "Arsipkan yang dipilih" not in page
    choose(client, "approve", [article])
    confirm(client, "approve", [article.pk])
    assert status_of(article) == S.IN_REVIEW


@pytest.mark.parametrize("model_name", ["newsroom.page", "newsroom.event", "outreach.plannedpost"])
def test_every_publishable_kind_offers_them_to_supervisors(supervisor, writer, model_name):
    from django.apps import apps

    model_admin = site._registry[apps.get_model(model_name)]
    request = RequestFactory().get("/")
    request.user = supervisor
    offered = set(model_admin.get_actions(request))
    assert {"bulk_approve", "bulk_schedule", "bulk_archive"} <= offered
    request.user = writer
    assert not {"bulk_approve", "bulk_archive"} & set(model_admin.get_actions(request))


# --- the confirmation page --------------------------------------------------------------------


def test_the_confirmation_says_what_happens_to_each_item_and_changes_nothing(
    client, in_review, article_in, supervisor
):
    ready = in_review(title="Siap terbit")
    own = in_review(title="Tulisan penyunting", author=supervisor)
    draft = article_in(S.DRAFT, title="Masih draf")
    live = article_in(S.PUBLISHED, title="Sudah tayang")
    client.force_login(supervisor)
    response = choose(client, "approve", [ready, own, draft, live])
    assert response.status_code == 200
    shown = rows(response)
    assert shown["Siap terbit"].will == "Akan langsung diterbitkan."
    assert not shown["Siap terbit"].skip
    assert shown["Tulisan penyunting"].skip == (
        "Anda menulis naskah ini — perlu penyunting lain (empat mata)."
    )
    assert shown["Masih draf"].skip == "Status: draf — belum diajukan"
    assert shown["Sudah tayang"].skip == "Status: terbit — sudah disetujui"
    page = response.content.decode()
    assert "empat mata" in page and "belum diajukan" in page
    assert [status_of(a) for a in (ready, own, draft)] == [S.IN_REVIEW, S.IN_REVIEW, S.DRAFT]


def test_four_eyes_covers_a_supervisor_who_edited_the_writers_text(
    client, draft, supervisor, category
):
    article = draft(title="Disunting penyunting")
    edit(article, supervisor, lead=GOOD_LEAD)
    Article.objects.filter(pk=article.pk).update(status=S.IN_REVIEW)
    client.force_login(supervisor)
    shown = rows(choose(client, "approve", [article]))
    assert "empat mata" in shown["Disunting penyunting"].skip
    assert workflow.wrote_text(article, supervisor)


def test_the_confirmation_costs_the_same_queries_for_5_and_30_items(
    client, in_review, supervisor, django_assert_max_num_queries
):
    few = [in_review(title=f"Berita {n}") for n in range(5)]
    many = few + [in_review(title=f"Berita {n}") for n in range(5, 30)]
    client.force_login(supervisor)
    choose(client, "approve", few)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as five:
        assert choose(client, "approve", few).status_code == 200
    with django_assert_max_num_queries(len(five)):
        response = choose(client, "approve", many)
    assert len(response.context["items"]) == 30


# --- running it -------------------------------------------------------------------------------


def test_a_mixed_selection_publishes_what_it_may_and_says_why_the_rest_was_skipped(
    client, in_review, article_in, supervisor, writer
):
    first = in_review(title="Pertama")
    second = in_review(title="Kedua")
    own = in_review(title="Tulisan sendiri", author=supervisor)
    draft = article_in(S.DRAFT, title="Draf")
    client.force_login(supervisor)
    response = confirm(client, "approve", [first.pk, second.pk, own.pk, draft.pk])
    assert response.status_code == 200
    result = rows(response)
    assert result["Pertama"].done and result["Kedua"].done
    assert not result["Tulisan sendiri"].done
    assert "empat mata" in result["Tulisan sendiri"].reason
    assert not result["Draf"].done and "draf" in result["Draf"].reason
    assert [status_of(a) for a in (first, second, own, draft)] == [
        S.PUBLISHED, S.PUBLISHED, S.IN_REVIEW, S.DRAFT,
    ]  # fmt: skip
    assert messages_of(response) == ["Setujui & terbitkan: 2 selesai, 2 dilewati."]
    # Each done item went through the workflow: its timeline names the supervisor.
    event = Article.objects.get(pk=first.pk).events.latest("created_at")
    assert event.action == "newsroom.article.approved" and event.actor == supervisor


def test_an_item_that_moved_after_the_confirmation_is_skipped_and_the_others_stay_done(
    client, in_review, supervisor, second_supervisor
):
    first, moved, last = (in_review(title=t) for t in ("Satu", "Dua", "Tiga"))
    client.force_login(supervisor)
    choose(client, "approve", [first, moved, last])
    workflow.request_changes(moved, actor=second_supervisor, comment="Foto kurang jelas.")
    result = rows(confirm(client, "approve", [first.pk, moved.pk, last.pk]))
    assert result["Satu"].done and result["Tiga"].done
    assert "perlu perbaikan" in result["Dua"].reason
    assert [status_of(a) for a in (first, moved, last)] == [
        S.PUBLISHED, S.CHANGES_REQUESTED, S.PUBLISHED,
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["page"], indirect=True)
def test_pages_are_approved_in_bulk_too(client, draft, supervisor, kind):
    page = draft(title="Profil Dinas", lead="")
    Page.objects.filter(pk=page.pk).update(status=S.IN_REVIEW)
    client.force_login(supervisor)
    result = rows(confirm(client, "approve", [page.pk], model=Page))
    assert result["Profil Dinas"].done, result["Profil Dinas"].reason
    assert status_of(page) == S.PUBLISHED


# --- the agency's checklist -------------------------------------------------------------------


def test_an_agency_that_blocks_skips_items_that_fail_a_check(client, in_review, agency, supervisor):
    Agency.objects.filter(pk=agency.pk).update(prepublish_checks=Agency.PrepublishChecks.BLOCK)
    good = in_review(title="Lengkap")
    bare = in_review(title="Tanpa foto", cover_image="", cover_alt="")
    client.force_login(supervisor)
    shown = rows(choose(client, "approve", [good, bare]))
    assert not shown["Lengkap"].skip
    assert shown["Tanpa foto"].checks_block
    assert "Tambahkan foto." in shown["Tanpa foto"].problems
    assert "pemeriksaan" in shown["Tanpa foto"].skip
    result = rows(confirm(client, "approve", [good.pk, bare.pk]))
    assert result["Lengkap"].done and not result["Tanpa foto"].done
    assert status_of(bare) == S.IN_REVIEW


def test_an_agency_that_warns_needs_the_supervisor_to_tick_each_failing_item(
    client, in_review, supervisor
):
    bare = in_review(title="Tanpa foto", cover_image="", cover_alt="")
    also = in_review(title="Tanpa kategori", category=None)
    client.force_login(supervisor)
    response = choose(client, "approve", [bare, also])
    shown = rows(response)
    assert shown["Tanpa foto"].needs_confirmation and not shown["Tanpa foto"].skip
    assert f'name="confirm_checks" value="{bare.pk}"' in response.content.decode()
    # Only the first is ticked: the second is refused by the workflow, the first is published.
    result = rows(confirm(client, "approve", [bare.pk, also.pk], confirm_checks=[bare.pk]))
    assert result["Tanpa foto"].done
    assert not result["Tanpa kategori"].done
    assert "Terbitkan saja" in result["Tanpa kategori"].reason
    assert (status_of(bare), status_of(also)) == (S.PUBLISHED, S.IN_REVIEW)


# --- schedule and archive ---------------------------------------------------------------------


def test_schedule_in_the_past_is_refused_with_a_message_and_nothing_changes(
    client, in_review, supervisor
):
    article = in_review()
    client.force_login(supervisor)
    past = (timezone.now() - dt.timedelta(hours=2)).astimezone(JAKARTA)
    response = confirm(client, "schedule", [article.pk], publish_at=past.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 200
    assert "Belum ada yang diubah" in " ".join(messages_of(response))
    assert "sudah lewat" in response.content.decode()
    assert status_of(article) == S.IN_REVIEW


def test_schedule_puts_every_item_at_the_chosen_wib_time(client, in_review, supervisor):
    one, two = in_review(title="Satu"), in_review(title="Dua")
    when = (
        (timezone.now() + dt.timedelta(days=3))
        .astimezone(JAKARTA)
        .replace(hour=8, minute=0, second=0, microsecond=0)
    )
    client.force_login(supervisor)
    response = confirm(
        client, "schedule", [one.pk, two.pk], publish_at=when.strftime("%Y-%m-%dT%H:%M")
    )
    result = rows(response)
    assert "08.00 WIB" in response.content.decode()
    assert result["Satu"].done and result["Dua"].done
    for article in (one, two):
        article.refresh_from_db()
        assert article.is_scheduled and article.publish_at == when


def test_archive_needs_a_reason_and_records_it_on_each_item(client, article_in, supervisor):
    live = article_in(S.PUBLISHED, title="Sudah terbit")
    draft = article_in(S.DRAFT, title="Draf")
    client.force_login(supervisor)
    response = confirm(client, "archive", [live.pk, draft.pk], comment="   ")
    assert "Tuliskan komentar atau alasan." in response.content.decode()
    assert status_of(live) == S.PUBLISHED
    result = rows(confirm(client, "archive", [live.pk, draft.pk], comment="Acara sudah lewat."))
    assert result["Sudah terbit"].done and not result["Draf"].done
    assert status_of(live) == S.ARCHIVED
    assert Article.objects.get(pk=live.pk).events.latest("created_at").comment == (
        "Acara sudah lewat."
    )


def test_the_confirmation_of_archive_explains_items_that_are_not_live(
    client, article_in, supervisor
):
    draft = article_in(S.DRAFT, title="Draf")
    client.force_login(supervisor)
    shown = rows(choose(client, "archive", [draft]))
    assert shown["Draf"].skip == "Status: draf — belum terbit; hanya yang terbit yang diarsipkan"


# --- scope --------------------------------------------------------------------------------------


def test_another_agencys_item_posted_by_id_is_left_alone(
    client, in_review, supervisor, other_agency, other_writer
):
    ours = in_review(title="Milik kami")
    theirs = in_review(title="Milik instansi lain", agency=other_agency, author=other_writer)
    client.force_login(supervisor)
    assert set(rows(choose(client, "approve", [ours, theirs]))) == {"Milik kami"}
    result = rows(confirm(client, "approve", [ours.pk, theirs.pk]))
    assert set(result) == {"Milik kami"}
    assert status_of(theirs) == S.IN_REVIEW
    # Only the other agency's id: nothing selected, back to the list, nothing changed.
    response = confirm(client, "approve", [theirs.pk])
    assert response.redirect_chain and status_of(theirs) == S.IN_REVIEW


def test_more_than_the_limit_is_refused_before_anything_changes(
    client, in_review, supervisor, monkeypatch
):
    monkeypatch.setattr(bulk, "LIMIT", 2)
    articles = [in_review(title=f"Berita {n}") for n in range(3)]
    client.force_login(supervisor)
    response = confirm(client, "approve", [a.pk for a in articles])
    assert "paling banyak 2" in " ".join(messages_of(response))
    assert {status_of(a) for a in articles} == {S.IN_REVIEW}


def test_four_eyes_in_bulk_counts_only_edits_since_the_last_approval(
    draft, writer, supervisor, second_supervisor
):
    """The batch read of the confirmation page agrees with workflow.wrote_text: an edit made
    before the last approval no longer binds the supervisor."""
    article = draft(title="Diedit sebelum disetujui")
    edit(article, supervisor, lead=GOOD_LEAD)
    workflow.submit(article, actor=writer)
    workflow.approve(article, actor=second_supervisor)
    workflow.archive(article, actor=second_supervisor, comment="Perlu diperbarui.")
    workflow.reopen(article, actor=second_supervisor)
    edit(article, writer, lead=GOOD_LEAD + " Diperbarui.")
    workflow.submit(article, actor=writer)
    article = Article.objects.select_related("agency").get(pk=article.pk)
    for person, bound in ((supervisor, False), (writer, True), (second_supervisor, False)):
        assert workflow.wrote_text(article, person) is bound
        assert bulk._wrote_text([article], person) == ({article.pk} if bound else set())
    [item] = bulk.plan("approve", [article], supervisor)
    assert not item.skip


def test_a_skipped_item_gives_the_same_reason_on_the_result_as_on_the_confirmation(
    client, article_in, supervisor
):
    # A scheduled item is "Terjadwal" in the list: the result must not call it "Terbit".
    scheduled = article_in(S.PUBLISHED, title="Terjadwal besok")
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() + dt.timedelta(days=1))
    client.force_login(supervisor)
    planned = rows(choose(client, "approve", [scheduled]))["Terjadwal besok"].skip
    result = rows(confirm(client, "approve", [scheduled.pk]))["Terjadwal besok"]
    assert not result.done
    expected = "Status: terjadwal — sudah disetujui; ubah waktunya di halaman naskah"
    assert result.reason == planned == expected

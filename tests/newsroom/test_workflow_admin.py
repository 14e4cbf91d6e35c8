"""The whole editorial loop through the staff admin, as writers and supervisors click it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article

from .conftest import PASSWORD_FOR_TESTS as PASSWORD

S = Article.Status
JAKARTA = dt.timezone(dt.timedelta(hours=7))


def login(client, user):
    client.force_login(user)
    return client


def form_data(article, **changes):
    """The change form's fields as the browser would post them."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "cover_caption": article.cover_caption,
        "cover_credit": article.cover_credit,
        "category": article.category_id or "",
        "is_featured": "on" if article.is_featured else "",
        "expected_version": article.version,
    }
    if "agency" in changes or article.pk is None:
        data["agency"] = article.agency_id
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None and v != ""} | {
        k: v for k, v in changes.items() if v == ""
    }


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def step(client, article, action, **data):
    url = reverse("admin:newsroom_article_workflow", args=[article.pk, action])
    return client.post(url, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_writer_creates_a_draft_in_the_admin(client, writer, agency):
    login(client, writer)
    response = client.post(
        reverse("admin:newsroom_article_add"),
        {
            "agency": agency.pk,
            "title": "Benih ikan untuk nelayan",
            "lead": "Bantuan benih.",
            "body": "<p>Dinas menyalurkan benih.</p>",
            "expected_version": "",
        },  # fmt: skip
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="Benih ikan untuk nelayan")
    assert article.status == S.DRAFT
    assert article.author == writer
    assert article.revisions.count() == 1


def test_the_whole_loop_through_the_admin(client, draft, writer, supervisor):
    """draft -> submit -> changes requested -> resubmit -> scheduled -> public at its time ->
    correction -> approved correction live."""
    article = draft()
    login(client, writer)
    response = step(client, article, "submit")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW

    # While in review the writer's form is read-only and a posted save is refused.
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert b'name="title"' not in page.content

    login(client, supervisor)
    queue = client.get(reverse("admin:newsroom_review_queue"))
    assert article.title in queue.content.decode()
    assert "Rina" in queue.content.decode()  # who submitted
    response = step(client, article, "request_changes", comment="Sebutkan jumlah petambak.")
    article.refresh_from_db()
    assert article.status == S.CHANGES_REQUESTED

    login(client, writer)
    page = client.get(change_url(article))
    assert "Sebutkan jumlah petambak." in page.content.decode()  # the comment beside the form
    response = client.post(
        change_url(article), form_data(article, body="<p>Sebanyak 120 petambak panen.</p>")
    )
    assert response.status_code == 302
    step(client, article, "submit")

    login(client, supervisor)
    response = step(client, article, "schedule", publish_at="2030-01-02T08:00")
    assert any(m.startswith("“") for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert article.publish_at == dt.datetime(2030, 1, 2, 8, 0, tzinfo=JAKARTA)
    assert client.get(article.get_absolute_url()).status_code == 404

    with time_machine.travel(dt.datetime(2030, 1, 2, 8, 0, 1, tzinfo=JAKARTA)):
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert "120 petambak" in page.content.decode()

        # A correction of the live article waits for approval; the public page is unchanged.
        login(client, writer)
        article.refresh_from_db()
        response = client.post(
            change_url(article), form_data(article, body="<p>Sebanyak 125 petambak panen.</p>")
        )
        assert response.status_code == 302
        assert "125 petambak" not in client.get(article.get_absolute_url()).content.decode()

        login(client, supervisor)
        step(client, article, "approve_correction")
        page = client.get(article.get_absolute_url())
        assert "125 petambak" in page.content.decode()
        article.refresh_from_db()
        # Marked as corrected at the moment of approval (the travelled clock keeps ticking).
        assert dt.timedelta(0) <= timezone.now() - article.corrected_at < dt.timedelta(seconds=30)
    codes = list(article.events.all().values_list("action", flat=True))
    assert codes == [
        "newsroom.article.created",
        "newsroom.article.submitted",
        "newsroom.article.changes_requested",
        "newsroom.article.saved",
        "newsroom.article.submitted",
        "newsroom.article.scheduled",
        "newsroom.article.correction_saved",
        "newsroom.article.correction_approved",
    ]


def test_refused_step_is_a_message_not_an_error_page(client, draft, writer):
    article = draft()
    login(client, writer)
    step(client, article, "submit")
    response = step(client, article, "approve")
    assert response.status_code == 200
    assert any("peran" in m for m in messages_of(response))
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_request_changes_without_comment_is_refused_with_a_message(client, article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    login(client, supervisor)
    response = step(client, article, "request_changes", comment="")
    assert response.status_code == 200
    assert messages_of(response)
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_schedule_in_the_past_is_refused_with_a_message(client, article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    login(client, supervisor)
    response = step(client, article, "schedule", publish_at="2001-01-01T08:00")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_workflow_buttons_shown_match_the_role(client, article_in, writer, supervisor):
    article = article_in(S.IN_REVIEW)
    login(client, writer)
    assert "Setujui" not in client.get(change_url(article)).content.decode()
    login(client, supervisor)
    content = client.get(change_url(article)).content.decode()
    assert "Setujui &amp; terbitkan" in content
    assert "Minta perbaikan" in content
    assert "Jadwalkan" in content


def test_workflow_urls_answer_get_with_405(client, article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    login(client, supervisor)
    url = reverse("admin:newsroom_article_workflow", args=[article.pk, "approve"])
    assert client.get(url).status_code == 405


def test_preview_shows_the_draft_as_the_public_page_would_and_is_never_cached(
    client, draft, writer
):
    article = draft(title="Draf belum terbit")
    assert client.get(article.get_absolute_url()).status_code == 404
    login(client, writer)
    response = client.get(reverse("admin:newsroom_article_preview", args=[article.pk]))
    assert response.status_code == 200
    assert "Draf belum terbit" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert [t.name for t in response.templates][0] == "portal/article_detail.html"


def test_preview_shows_the_pending_correction(client, article_in, writer):
    from .conftest import edit

    article = article_in(S.PUBLISHED)
    edit(article, writer, lead="Ringkasan yang dikoreksi.")
    login(client, writer)
    response = client.get(reverse("admin:newsroom_article_preview", args=[article.pk]))
    assert "Ringkasan yang dikoreksi." in response.content.decode()


def test_preview_needs_a_staff_login(client, draft):
    article = draft()
    response = client.get(reverse("admin:newsroom_article_preview", args=[article.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("who", ["writer", "supervisor"])
def test_notices_appear_in_the_admin_once(client, draft, writer, supervisor, who, request):
    article = draft()
    login(client, writer)
    step(client, article, "submit")
    login(client, supervisor)
    first = client.get(reverse("admin:newsroom_article_changelist"))
    assert any(article.title in m for m in messages_of(first))
    again = client.get(reverse("admin:newsroom_article_changelist"))
    assert not any(article.title in m for m in messages_of(again))


def test_login_with_password_works_for_the_demo_flow(client, writer):
    assert client.login(username=writer.username, password=PASSWORD)
    assert client.get(reverse("admin:newsroom_article_changelist")).status_code == 200


def test_supervisor_reads_the_body_in_review_as_text_not_markup(client, article_in, supervisor):
    article = article_in(S.IN_REVIEW, body="<p>Isi <strong>tebal</strong>.</p>")
    client.force_login(supervisor)
    content = client.get(change_url(article)).content.decode()
    assert "<strong>tebal</strong>" in content
    assert "&lt;strong&gt;" not in content


def test_view_on_site_only_for_public_articles(client, article_in, supervisor):
    draft_article = article_in(S.DRAFT)
    live = article_in(S.PUBLISHED)
    client.force_login(supervisor)
    assert live.get_absolute_url() in client.get(change_url(live)).content.decode()
    assert (
        draft_article.get_absolute_url()
        not in client.get(change_url(draft_article)).content.decode()
    )


def test_own_article_shows_no_approve_button_but_the_four_eyes_note(client, draft, supervisor):
    article = draft(author=supervisor)
    workflow.submit(article, actor=supervisor)
    client.force_login(supervisor)
    content = client.get(change_url(article)).content.decode()
    assert "Setujui &amp; terbitkan" not in content
    assert "Aturan empat mata" in content
    assert "Minta perbaikan" in content  # sending back one's own text stays possible


def test_the_same_notice_twice_is_shown_once(client, agency, supervisor):
    # Three planned posts of one article (WhatsApp, Facebook, X) each send "Menunggu tinjauan:
    # <title>": the reader cannot tell them apart, so the admin shows the line once.
    from newsroom.notifications import Notification

    for _ in range(3):
        Notification.objects.create(
            recipient=supervisor, agency=agency, subject="Menunggu tinjauan: Panen", body="-"
        )
    client.force_login(supervisor)
    shown = messages_of(client.get(reverse("admin:newsroom_article_changelist")))
    assert shown.count("Menunggu tinjauan: Panen") == 1
    assert not Notification.objects.filter(recipient=supervisor, read_at__isnull=True).exists()


def test_the_status_filter_tells_scheduled_from_published(client, article_in, supervisor):
    # The list shows "Terjadwal"; its status filter must offer it and not count it as "Terbit".
    article_in(S.PUBLISHED, title="Sudah tayang")
    later = article_in(S.PUBLISHED, title="Tayang besok")
    Article.objects.filter(pk=later.pk).update(publish_at=timezone.now() + dt.timedelta(days=1))
    client.force_login(supervisor)
    url = reverse("admin:newsroom_article_changelist")
    page = client.get(url).content.decode()
    assert "?status__exact=scheduled" in page and ">Terjadwal<" in page

    def titles(value):
        response = client.get(url, {"status__exact": value})
        return {str(a) for a in response.context["cl"].result_list}

    assert titles("scheduled") == {"Tayang besok"}
    assert titles("published") == {"Sudah tayang"}
    assert titles("draft") == set()

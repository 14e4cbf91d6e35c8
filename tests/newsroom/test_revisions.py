"""History: every save keeps a revision; any two can be compared; restoring adds a new one."""

import pytest
from django.urls import reverse

from newsroom import editing, workflow
from newsroom.models import Article, Revision
from newsroom.revisions import body_text, diff_snapshots

from .conftest import edit

S = Article.Status
Kind = Revision.Kind


def test_every_save_keeps_a_revision_with_who_when_and_the_fields(draft, writer, supervisor):
    article = draft(title="Versi satu")
    edit(article, writer, title="Versi dua")
    edit(article, supervisor, title="Versi tiga")
    revisions = list(article.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [r.data["title"] for r in revisions] == ["Versi satu", "Versi dua", "Versi tiga"]
    assert [r.created_by for r in revisions] == [writer, writer, supervisor]
    assert all(r.kind == Kind.DRAFT and r.created_at for r in revisions)


def test_approval_records_the_approved_text_as_a_revision(article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    workflow.approve(article, actor=supervisor)
    last = article.revisions.order_by("number").last()
    assert last.kind == Kind.APPROVED
    assert last.data["title"] == article.title


def test_diff_marks_removed_and_added_words_of_title_lead_and_body():
    old = {"title": "Harga ikan stabil", "lead": "Ringkas.", "body": "<p>Harga Rp30.000.</p>"}
    new = {"title": "Harga ikan naik", "lead": "Ringkas.", "body": "<p>Harga Rp32.000.</p>"}
    title, lead, body = diff_snapshots(old, new)
    assert title.changed and "<del>stabil</del>" in title.html and "<ins>naik</ins>" in title.html
    assert not lead.changed
    assert "<del>Rp30.000.</del>" in body.html and "<ins>Rp32.000.</ins>" in body.html


def test_diff_escapes_the_text_it_shows():
    old = {"title": "a", "lead": "", "body": ""}
    new = {"title": "a <script>alert(1)</script>", "lead": "", "body": ""}
    (title, *_rest) = diff_snapshots(old, new)
    assert "<script>" not in title.html
    assert "&lt;script&gt;" in title.html


def test_body_is_compared_as_text_one_block_per_line():
    assert body_text("<p>Satu &amp; dua.</p><p>Tiga</p>") == "Satu & dua.\nTiga"


def test_compare_page_shows_the_changes_between_two_revisions(client, draft, writer):
    article = draft(lead="Petambak panen.")
    edit(article, writer, lead="Petambak panen raya.")
    client.force_login(writer)
    url = reverse("admin:newsroom_article_compare", args=[article.pk])
    page = client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "<ins>panen raya.</ins>" in page
    assert "<del>panen.</del>" in page


def test_restore_creates_a_new_draft_revision_and_keeps_history(draft, writer):
    article = draft(title="Judul pertama")
    edit(article, writer, title="Judul kedua")
    revision = editing.restore_revision(article, 1, actor=writer)
    article.refresh_from_db()
    assert article.title == "Judul pertama"
    assert revision.number == 3
    assert revision.kind == Kind.DRAFT
    assert revision.restored_from.number == 1
    assert [r.data["title"] for r in article.revisions.order_by("number")] == [
        "Judul pertama",
        "Judul kedua",
        "Judul pertama",
    ]
    assert article.events.last().action == "newsroom.article.revision_restored"


def test_restoring_on_a_published_article_waits_as_a_correction(
    client, article_in, writer, supervisor
):
    article = article_in(S.PUBLISHED, title="Judul terbit")
    edit(article, writer, title="Judul koreksi")
    workflow.approve_correction(article, actor=supervisor)
    revision = editing.restore_revision(article, 1, actor=writer)
    assert revision.kind == Kind.CORRECTION and revision.pending
    article.refresh_from_db()
    assert article.title == "Judul koreksi"  # still live until approved
    assert "Judul koreksi" in client.get(article.get_absolute_url()).content.decode()


def test_restore_is_refused_while_in_review(article_in, writer):
    article = article_in(S.IN_REVIEW)
    with pytest.raises(workflow.WorkflowError):
        editing.restore_revision(article, 1, actor=writer)


def test_restore_through_the_admin(client, draft, writer):
    article = draft(body="<p>Asli.</p>")
    edit(article, writer, body="<p>Terhapus tanpa sengaja.</p>")
    client.force_login(writer)
    url = reverse("admin:newsroom_article_restore", args=[article.pk, 1])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.body == "<p>Asli.</p>"
    assert article.revisions.count() == 3


def test_change_form_lists_revisions_and_timeline(client, draft, writer):
    article = draft()
    edit(article, writer, title="Judul baru")
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    content = page.content.decode()
    assert "Linimasa" in content
    assert "Dibuat" in content and "Disimpan" in content
    assert reverse("admin:newsroom_article_restore", args=[article.pk, 1]) in content

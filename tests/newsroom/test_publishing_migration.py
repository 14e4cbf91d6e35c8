"""Moving to the one publishing model loses no history: a database made with the article-only
tables (migration 0004) keeps every revision, event and pending correction after migrating."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, Revision
from newsroom.revisions import diff_snapshots

# accounts too: its later migrations add NOT NULL columns that the old Agency model cannot fill.
BEFORE = [("newsroom", "0004_article_search_document"), ("accounts", "0001_initial")]


def text(title, body):
    return {"title": title, "slug": "kapal-nelayan", "lead": "Ringkas.", "body": body,
            "cover_image": "", "cover_caption": "", "cover_credit": "", "category": None,
            "tags": [], "is_featured": False}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_history_survives_the_move_to_one_revision_table():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agency = old.get_model("accounts", "Agency").objects.create(
        name="Dinas Kelautan dan Perikanan", short_name="Dislutkan", slug="dislutkan"
    )
    users = old.get_model("accounts", "User").objects
    writer = users.create(username="penulis")
    editor = users.create(username="penyunting")
    now = timezone.now()
    article = old.get_model("newsroom", "Article").objects.create(
        agency=agency, author=writer, title="Kapal nelayan", slug="kapal-nelayan", lead="Ringkas.",
        body="<p>Isi kedua.</p>", status="published", publish_at=now, version=6,
    )  # fmt: skip
    revisions = old.get_model("newsroom", "ArticleRevision").objects
    r1 = revisions.create(article=article, number=1, kind="draft", created_by=writer,
                          data=text("Kapal", "<p>Isi pertama.</p>"))  # fmt: skip
    revisions.create(article=article, number=2, kind="draft", created_by=writer,
                     data=text("Kapal nelayan", "<p>Isi kedua.</p>"))  # fmt: skip
    r3 = revisions.create(article=article, number=3, kind="approved", created_by=editor,
                          data=text("Kapal nelayan", "<p>Isi kedua.</p>"))  # fmt: skip
    r4 = revisions.create(article=article, number=4, kind="correction", pending=True,
                          created_by=writer, restored_from=r1,
                          data=text("Kapal nelayan baru", "<p>Isi dikoreksi.</p>"))  # fmt: skip
    events = old.get_model("newsroom", "ArticleEvent").objects
    for action, actor, revision, comment in [
        ("newsroom.article.created", writer, r1, ""),
        ("newsroom.article.submitted", writer, None, ""),
        ("newsroom.article.approved", editor, r3, "Bagus"),
        ("newsroom.article.revision_restored", writer, r4, "Dipulihkan dari revisi #1"),
    ]:
        events.create(article=article, action=action, actor=actor, revision=revision,
                      comment=comment, from_status="in_review", to_status="published")  # fmt: skip
    expected_diff = [
        (d.label, d.changed, str(d.html)) for d in diff_snapshots(r3.data, r4.data)
    ]  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Article.objects.get(pk=article.pk)
    history = list(moved.revisions.order_by("number"))
    assert [(r.number, r.kind, r.pending, r.created_by.username) for r in history] == [
        (1, "draft", False, "penulis"),
        (2, "draft", False, "penulis"),
        (3, "approved", False, "penyunting"),
        (4, "correction", True, "penulis"),
    ]
    assert history[3].restored_from == history[0]
    assert workflow.pending_correction(moved) == history[3]
    assert workflow.last_approved_revision(moved) == history[2]
    latest = diff_snapshots(history[2].data, history[3].data)
    diff = [(d.label, d.changed, str(d.html)) for d in latest]
    assert diff == expected_diff
    timeline = list(moved.events.order_by("created_at", "id"))
    assert [(e.action, e.actor.username, e.comment) for e in timeline] == [
        ("newsroom.article.created", "penulis", ""),
        ("newsroom.article.submitted", "penulis", ""),
        ("newsroom.article.approved", "penyunting", "Bagus"),
        ("newsroom.article.revision_restored", "penulis", "Dipulihkan dari revisi #1"),
    ]
    assert [e.revision.number if e.revision else None for e in timeline] == [1, None, 3, 4]
    assert moved.first_published_at == moved.last_published_at == moved.publish_at
    assert Revision.objects.count() == 4

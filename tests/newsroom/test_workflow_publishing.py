"""What the public sees: scheduled publication at its minute, corrections only once approved."""

import datetime as dt

import time_machine
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article

from .conftest import edit

S = Article.Status
WIB = dt.timezone(dt.timedelta(hours=7))
NINE_WIB = dt.datetime(2030, 3, 2, 9, 0, tzinfo=WIB)


def test_scheduled_article_becomes_public_at_its_time(client, draft, writer, supervisor):
    article = draft(title="Jadwal lelang ikan")
    with time_machine.travel(dt.datetime(2030, 3, 1, 10, 0, tzinfo=WIB), tick=False):
        workflow.submit(article, actor=writer)
        workflow.schedule(article, actor=supervisor, publish_at=NINE_WIB)
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article not in Article.objects.public()
    with time_machine.travel(NINE_WIB - dt.timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(NINE_WIB, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article in Article.objects.public()


def test_schedule_reads_a_naive_time_as_jakarta_time(article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    with time_machine.travel(dt.datetime(2030, 3, 1, 10, 0, tzinfo=WIB), tick=False):
        workflow.schedule(article, actor=supervisor, publish_at=dt.datetime(2030, 3, 2, 9, 0))
    article.refresh_from_db()
    assert article.publish_at == NINE_WIB


def test_schedule_refuses_a_time_in_the_past(article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    past = timezone.now() - dt.timedelta(minutes=1)
    try:
        workflow.schedule(article, actor=supervisor, publish_at=past)
    except workflow.WorkflowError as refused:
        assert "masa depan" in refused.message
    else:
        raise AssertionError("a past time was accepted")
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_publication_changes_are_signalled_after_commit_with_the_time(
    article_in, supervisor, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    workflow.published_changed.connect(receiver)
    try:
        article = article_in(S.IN_REVIEW)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            workflow.schedule(article, actor=supervisor, publish_at=NINE_WIB)
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        workflow.published_changed.disconnect(receiver)
    assert len(received) == 1
    assert received[0]["object_id"] == article.pk
    assert received[0]["action"] == "schedule"
    assert received[0]["publish_at"] == NINE_WIB


def test_pending_correction_does_not_change_the_public_page_until_approved(
    client, article_in, writer, supervisor
):
    article = article_in(S.PUBLISHED, title="Harga ikan stabil", body="<p>Harga Rp30.000.</p>")
    edit(article, writer, body="<p>Harga Rp32.000.</p>", title="Harga ikan naik")

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Rp30.000" in page
    assert "Rp32.000" not in page
    article.refresh_from_db()
    assert (article.title, article.corrected_at) == ("Harga ikan stabil", None)

    workflow.approve_correction(article, actor=supervisor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Rp32.000" in page
    assert "Harga ikan naik" in page
    article.refresh_from_db()
    assert article.corrected_at is not None
    assert article.status == S.PUBLISHED


def test_rejected_correction_never_goes_live_and_stays_in_history(
    client, article_in, writer, supervisor
):
    article = article_in(S.PUBLISHED, body="<p>Asli.</p>")
    edit(article, writer, body="<p>Koreksi keliru.</p>")
    workflow.reject_correction(article, actor=supervisor, comment="Data belum diverifikasi.")
    assert "Koreksi keliru" not in client.get(article.get_absolute_url()).content.decode()
    assert workflow.pending_correction(article) is None
    assert any("Koreksi keliru" in r.data["body"] for r in article.revisions.all())


def test_correcting_a_scheduled_article_does_not_mark_it_updated(article_in, writer, supervisor):
    article = article_in(S.IN_REVIEW)
    workflow.schedule(article, actor=supervisor, publish_at=timezone.now() + dt.timedelta(days=2))
    edit(article, writer, lead="Ringkasan baru.")
    workflow.approve_correction(article, actor=supervisor)
    article.refresh_from_db()
    assert article.lead == "Ringkasan baru."
    assert article.corrected_at is None


def test_archive_takes_the_article_off_the_portal_and_reopen_makes_a_draft(
    client, article_in, supervisor
):
    article = article_in(S.PUBLISHED)
    assert client.get(article.get_absolute_url()).status_code == 200
    workflow.archive(article, actor=supervisor, comment="Informasi sudah tidak berlaku.")
    assert client.get(article.get_absolute_url()).status_code == 404
    workflow.reopen(article, actor=supervisor)
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404


def test_saving_a_live_article_without_changes_creates_no_correction(article_in, writer):
    article = article_in(S.PUBLISHED)
    assert edit(article, writer) is None
    assert workflow.pending_correction(article) is None
    assert not article.notifications.exists()


def test_a_new_cover_photo_in_a_correction_waits_for_approval(article_in, writer, supervisor):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    article = article_in(S.PUBLISHED)
    edit(article, writer, cover_image=SimpleUploadedFile("kapal.png", buffer.getvalue()))
    article.refresh_from_db()
    assert not article.cover_image  # the live article still has no photo
    stored = workflow.pending_correction(article).data["cover_image"]
    assert stored.startswith("covers/") and stored.endswith(".png")

    workflow.approve_correction(article, actor=supervisor)
    article.refresh_from_db()
    assert article.cover_image.name == stored
    assert article.cover_image.storage.exists(stored)

"""Notifications: the right people hear about each step, after the commit, and a broken mail
server never breaks a step; failed e-mails are visible and go out on retry."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from newsroom import workflow
from newsroom.models import Article, Notification

S = Article.Status
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
BROKEN = "tests.newsroom.test_notifications.BrokenMailBackend"


class BrokenMailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")


@pytest.fixture(autouse=True)
def _immediate_tasks_and_locmem_mail(settings):
    settings.EMAIL_BACKEND = LOCMEM
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_submit_mails_the_agencys_supervisors_after_commit(
    draft, writer, supervisor, second_supervisor, other_supervisor,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    article = draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(article, actor=writer)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "penyunting2@example.go.id",
        "penyunting@example.go.id",
    ]
    assert article.title in mail.outbox[0].subject
    assert "Menunggu tinjauan" in mail.outbox[0].subject
    assert f"/admin/newsroom/article/{article.pk}/change/" in mail.outbox[0].body
    notices = Notification.objects.filter(recipient=supervisor)
    assert [n.status for n in notices] == [Notification.Status.SENT]


@pytest.mark.parametrize(
    "action,subject",
    [("approve", "Terbit"), ("request_changes", "Perlu perbaikan")],
)
def test_approval_and_changes_requested_mail_the_writer(
    action, subject, article_in, writer, supervisor, django_capture_on_commit_callbacks
):
    article = article_in(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(action, article, actor=supervisor, comment="Tambahkan foto.")
    assert [m.to for m in mail.outbox] == [[writer.email]]
    assert subject in mail.outbox[0].subject
    if action == "request_changes":
        assert "Tambahkan foto." in mail.outbox[0].body


def test_a_refused_step_notifies_nobody(article_in, writer, django_capture_on_commit_callbacks):
    article = article_in(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.WorkflowError):
        workflow.approve(article, actor=writer)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_rolled_back_step_leaves_no_notification(
    draft, writer, supervisor, django_capture_on_commit_callbacks
):
    article = draft()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.submit(article, actor=writer)
        raise RuntimeError("something later in the same transaction failed")
    assert mail.outbox == []
    assert not Notification.objects.exists()
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_failing_mail_backend_does_not_break_submit_or_approve_and_retry_sends(
    settings, draft, writer, supervisor, second_supervisor, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN
    article = draft(author=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, actor=writer)
        workflow.approve(article, actor=supervisor)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    failed = Notification.objects.filter(status=Notification.Status.FAILED)
    assert failed.count() == 3  # two supervisors on submit, the writer on approval
    assert all("mail server unreachable" in n.last_error for n in failed)
    assert all(n.attempts == 1 for n in failed)

    settings.EMAIL_BACKEND = LOCMEM
    call_command("retry_notifications")  # not due yet: backing off
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        call_command("retry_notifications")
    assert len(mail.outbox) == 3
    assert not Notification.objects.exclude(status=Notification.Status.SENT).exists()


@pytest.mark.django_db(transaction=True)
def test_failed_mail_is_retried_by_the_database_queue_worker(settings, draft, writer, supervisor):
    # Real commits: the worker runs in this process and closes connections as a worker does.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = BROKEN
    article = draft()
    workflow.submit(article, actor=writer)
    assert Notification.objects.get().status == Notification.Status.PENDING  # queued, not sent
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    note = Notification.objects.get()
    assert (note.status, note.attempts) == (Notification.Status.FAILED, 1)

    settings.EMAIL_BACKEND = LOCMEM
    with time_machine.travel(note.next_attempt_at + dt.timedelta(seconds=1)):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    note.refresh_from_db()
    assert note.status == Notification.Status.SENT
    assert [m.to for m in mail.outbox] == [[supervisor.email]]


@pytest.mark.django_db(transaction=True)
def test_submit_in_the_admin_works_while_the_mail_server_is_down(
    settings, client, make_user, agency
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = BROKEN
    writer = make_user("penulis_t", Role.WRITER, agency)
    make_user("penyunting_t", Role.SUPERVISOR, agency)
    article = workflow_draft(agency, writer)
    client.force_login(writer)
    url = reverse("admin:newsroom_article_workflow", args=[article.pk, "submit"])
    response = client.post(url)  # real commits: the mail task runs inside this request
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert Notification.objects.get().status == Notification.Status.FAILED


def workflow_draft(agency, author):
    from newsroom import editing

    return editing.create(
        Article(agency=agency, title="Uji server surat", lead="x", body="<p>x</p>"), actor=author
    )


def test_failed_mails_are_listed_for_superusers_with_their_error_and_can_be_resent(
    settings, client, superuser, draft, writer, supervisor, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(draft(), actor=writer)
    client.force_login(superuser)
    listing = client.get(reverse("admin:newsroom_notification_changelist") + "?status=failed")
    assert "mail server unreachable" in listing.content.decode()

    settings.EMAIL_BACKEND = LOCMEM
    note = Notification.objects.get()
    client.post(
        reverse("admin:newsroom_notification_changelist"),
        {"action": "send_again", "_selected_action": [note.pk]},
    )
    note.refresh_from_db()
    assert note.status == Notification.Status.SENT
    assert len(mail.outbox) == 1


def test_staff_see_only_their_own_notifications(
    client, draft, writer, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(draft(), actor=writer)
    client.force_login(writer)
    listing = client.get(reverse("admin:newsroom_notification_changelist"))
    assert listing.status_code == 200
    assert "Menunggu tinjauan" not in listing.content.decode()
    note = Notification.objects.get(recipient=supervisor)
    url = reverse("admin:newsroom_notification_change", args=[note.pk])
    assert client.get(url).status_code == 404


def test_agency_admins_see_failed_mails_of_their_agency_only(
    settings, client, agency_admin, draft, writer, supervisor, other_writer, other_supervisor,
    other_agency, django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(draft(title="Berita kami"), actor=writer)
        workflow.submit(draft(title="Berita mereka", agency=other_agency, author=other_writer),
                        actor=other_writer)  # fmt: skip
    client.force_login(agency_admin)
    page = client.get(reverse("admin:newsroom_notification_changelist")).content.decode()
    assert "Berita kami" in page and "mail server unreachable" in page
    assert "Berita mereka" not in page


def test_mail_is_in_indonesian_even_when_the_actor_browses_in_english(
    article_in, writer, supervisor, django_capture_on_commit_callbacks
):
    from django.utils import translation

    article = article_in(S.IN_REVIEW)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(article, actor=supervisor, publish_at=dt.datetime(2031, 1, 5, 9, 0))
    assert mail.outbox[0].subject.startswith("Dijadwalkan")
    assert "5 Januari 2031" in mail.outbox[0].body

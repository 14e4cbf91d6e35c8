"""The task worker is down: e-mails wait in the database queue, nothing is lost, and the people who
run the site see the backlog (admin index, /healthz) once it is older than 15 minutes."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from ppid.models import InformationRequest
from tests.ppid.conftest import form_data

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WARNING = "tugas latar belakang"


def run_worker_once():
    """What `manage.py db_worker --batch` does when the worker comes back: run every due task."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def age_queue(minutes: int) -> None:
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=minutes))


@pytest.mark.django_db(transaction=True)
def test_a_citizens_mail_waits_for_the_worker_and_is_sent_when_it_returns(client, settings, agency):
    # Real commits: the mail is queued after the request's commit, as in production.
    settings.TASKS = DATABASE_QUEUE
    response = client.post(reverse("ppid:request"), form_data(agency))
    assert response.status_code == 302
    request = InformationRequest.objects.get()

    # No worker: the request is registered, the mail waits in the queue, nothing is sent.
    assert mail.outbox == []
    waiting = DBTaskResult.objects.get()
    assert waiting.status == TaskResultStatus.READY
    assert waiting.task_path == "ppid.tasks.send_notice_email"

    # Hours later, still waiting, still whole; /healthz and the queue say so.
    age_queue(minutes=240)
    waiting.refresh_from_db()
    assert waiting.status == TaskResultStatus.READY
    assert client.get("/healthz").json()["checks"]["task_queue"]["status"] == "degraded"

    # The worker comes back: the mail goes out, with the request's number.
    run_worker_once()
    waiting.refresh_from_db()
    assert waiting.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sri@example.id"]
    assert request.registration_number in mail.outbox[0].subject
    assert client.get("/healthz").json()["checks"]["task_queue"] == {
        "status": "ok",
        "detail": "no task waiting",
    }


@pytest.fixture
def backlog(settings, db):
    """One e-mail task waiting in the database queue for 20 minutes (no worker)."""
    from ppid.tasks import send_notice_email

    settings.TASKS = DATABASE_QUEUE
    send_notice_email.enqueue(0)
    age_queue(minutes=20)


@pytest.mark.parametrize("who", ["superuser", "agency_admin"])
def test_the_admin_index_warns_the_people_who_run_the_site(client, backlog, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert WARNING in body
    assert "20 menit" in body
    assert '<li class="warning">' in body


def test_the_warning_waits_15_minutes(client, settings, superuser, db):
    from ppid.tasks import send_notice_email

    settings.TASKS = DATABASE_QUEUE
    send_notice_email.enqueue(0)
    age_queue(minutes=14)
    client.force_login(superuser)
    assert WARNING not in client.get(reverse("admin:index")).content.decode()
    age_queue(minutes=16)
    assert WARNING in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("role", [Role.WRITER, Role.SUPERVISOR, Role.PPID_OFFICER])
def test_other_staff_are_not_troubled_with_the_queue(client, backlog, make_user, agency, role):
    client.force_login(make_user("staf", role, agency))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert WARNING not in response.content.decode()


def test_no_warning_while_tasks_run_at_once(client, settings, superuser):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(superuser)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert WARNING not in response.content.decode()

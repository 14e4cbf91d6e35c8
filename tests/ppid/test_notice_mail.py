"""Requesters' notice e-mails go through an outbox (issue 13 item 10): a broken mail server
never loses the request or the notice, the failure is recorded and retried, and staff find the
requests whose mail failed."""

import pytest
from django.core import mail as outbox
from django.urls import reverse

from ppid.models import RequestEvent
from ppid.services import mail
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_mail(settings):
    settings.EMAIL_BACKEND = "tests.ppid.test_notice_mail.BrokenBackend"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_a_failed_mail_is_recorded_and_the_request_stays(
    make_request, broken_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req, code = make_request()
    receipt = req.events.get()
    assert receipt.mail_status == "failed"
    assert receipt.mail_attempts == 1
    assert "SMTP server down" in receipt.mail_error
    assert receipt.mail_next_attempt_at is not None
    assert code in receipt.mail_extra  # kept until it can be sent


def test_a_retry_sends_it_with_the_tracking_code_then_forgets_the_code(
    make_request, broken_mail, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req, code = make_request()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    RequestEvent.objects.update(mail_next_attempt_at=None)
    assert mail.retry(RequestEvent.objects.all()) == (1, 0)
    assert code in outbox.outbox[-1].body
    receipt = req.events.get()
    assert (receipt.mail_status, receipt.mail_extra) == ("sent", "")


def test_staff_find_failed_mails_and_send_them_again(
    client, make_request, ppid_officer, broken_mail, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        failed, _code = make_request()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        fine, _code = make_request()
    client.login(username=ppid_officer.username, password=PASSWORD)
    queue = reverse("admin:ppid_informationrequest_changelist")
    html = client.get(queue + "?surel=gagal").content.decode()
    assert failed.registration_number in html and fine.registration_number not in html
    page = client.get(reverse("admin:ppid_informationrequest_change", args=[failed.pk]))
    assert "E-mail gagal terkirim" in page.content.decode()
    client.post(queue, {"action": "retry_mails", "_selected_action": [failed.pk]})
    assert failed.events.get().mail_status == "sent"
    assert failed.registration_number not in client.get(queue + "?surel=gagal").content.decode()

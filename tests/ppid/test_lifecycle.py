"""A request and its objection from first click to the last answer, through the public pages and
the staff admin, with the clock under the test's control."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppid import services
from ppid.models import InformationRequest, Objection, RequestAttachment
from tests.conftest import PASSWORD

from .conftest import PDF, form_data, jakarta, sent

pytestmark = pytest.mark.django_db


def admin_action(client, req, action, data):
    url = reverse("admin:ppid_informationrequest_action", args=[req.pk, action])
    return client.post(url, data)


def test_request_and_objection_lifecycle(
    client, agency, ppid_officer, ppid_head, travel, django_capture_on_commit_callbacks
):
    # 1. Monday 16 March 2026: a citizen files online with an ID-card scan.
    travel(jakarta(2026, 3, 16, 9, 30))
    upload = SimpleUploadedFile("ktp saya.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ppid:request"), {**form_data(agency), "uploads": upload})
    assert response.status_code == 302
    done = client.get(response["Location"])
    html = done.content.decode()
    assert "PPID/DISLUTKAN/2026/00001" in html
    code = re.search(r'class="ppid-number">([A-Z0-9]{5}-[A-Z0-9]{5})<', html).group(1)
    req = InformationRequest.objects.get()
    assert req.due_date == date(2026, 4, 7)
    assert req.check_tracking_code(code)
    # The receipt went out after the commit, with the number and the code.
    assert len(mail.outbox) == 1
    assert "PPID/DISLUTKAN/2026/00001" in mail.outbox[0].subject
    assert code in mail.outbox[0].body
    # The code is shown once: the success page does not show it again.
    assert code not in client.get(reverse("ppid:request_done"), follow=True).content.decode()

    # 2. The officer sees it in the queue and asks for completion.
    staff = client.__class__()
    staff.login(username=ppid_officer.username, password=PASSWORD)
    queue = staff.get(reverse("admin:ppid_informationrequest_changelist"))
    assert "PPID/DISLUTKAN/2026/00001" in queue.content.decode()
    assert "3371********0001" in queue.content.decode()
    assert "3371014507900001" not in queue.content.decode()
    travel(jakarta(2026, 3, 17, 10))
    staff.login(username=ppid_officer.username, password=PASSWORD)  # sessions last 8 hours
    assert admin_action(staff, req, "ask-completion", {"missing": "Surat kuasa"}).status_code == 302
    assert admin_action(staff, req, "completed", {"note": "Dikirim lewat pos"}).status_code == 302
    # 3. Extension: 7 working days from 7 April -> 16 April.
    response = admin_action(staff, req, "extend", {"days": 7, "reason": "Data di UPT"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.extension_days, req.due_date) == (7, date(2026, 4, 16))
    # A second extension is refused with a message, and the form keeps what was typed.
    response = admin_action(staff, req, "extend", {"days": 2, "reason": "Lagi"})
    assert response.status_code == 200
    assert "only once" in response.content.decode() or "satu kali" in response.content.decode()
    assert "Lagi" in response.content.decode()

    # 4. Decision: partially granted, a file sent, a fee for printed copies.
    travel(jakarta(2026, 4, 14, 14))
    staff.login(username=ppid_officer.username, password=PASSWORD)
    response = admin_action(
        staff,
        req,
        "decide",
        {
            "outcome": "partial",
            "reasons": "Sebagian data terlampir.",
            "withheld_information": "Nama nelayan perorangan",
            "exemption_ground": "17h",
            "consequence_test": "Mengungkap rahasia pribadi nelayan.",
            "information_provided": "Data produksi per kabupaten, tanpa nama nelayan",
            "provided_format": "softcopy",
            "provided_via": "email",
            "fee_estimate": 0,
            "provide_by": "2026-04-14",
            "_send": "1",
        },
    )
    assert response.status_code == 302
    reply = SimpleUploadedFile("produksi.pdf", PDF, content_type="application/pdf")
    assert (
        admin_action(staff, req, "attach", {"file": reply, "description": "Data"}).status_code
        == 302
    )
    response = admin_action(
        staff, req, "fee", {"description": "Fotokopi", "pages": 20, "amount": 4000}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "decided" and req.outcome == "partial"

    # 5. The requester tracks it: timeline, notice, file.
    requester = client.__class__()
    response = requester.post(
        reverse("ppid:status"),
        sent(registration_number=req.registration_number, tracking_code=code),
    )
    assert response.status_code == 302
    page = requester.get(response["Location"]).content.decode()
    for text in ["Surat kuasa", "Data di UPT", "produksi.pdf", "Fotokopi", "16 April 2026"]:
        assert text in page
    decided = req.events.get(action="ppid.request.decided")
    notice = requester.get(reverse("ppid:notice", args=[decided.pk])).content.decode()
    assert "Nama nelayan perorangan" in notice and "17" in notice
    sent_file = req.attachments.get(kind=RequestAttachment.Kind.SENT)
    download = requester.get(reverse("ppid:attachment", args=[sent_file.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert reverse("ppid:objection") in page  # the objection button is there

    # 6. The requester objects; the head answers within the admin.
    travel(jakarta(2026, 4, 20, 9))
    staff.login(username=ppid_officer.username, password=PASSWORD)
    response = requester.post(
        reverse("ppid:objection"),
        sent(
            registration_number=req.registration_number,
            tracking_code=code,
            grounds=["35a", "35f"],
            case_text="Data nelayan bukan rahasia.",
        ),
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.registration_number == "KEBERATAN/DISLUTKAN/2026/00001"
    # 30 working days after Monday 20 April 2026: 21-30 Apr (8), 1 May closed, 4-13 May (16),
    # 14-15 May closed, 18-26 May (23), 27-28 May closed, 29 May (24), 1 June closed, 2-9 June (30).
    assert objection.due_date == date(2026, 6, 9)
    # The officer cannot answer it; the head can.
    decide_url = reverse("admin:ppid_objection_decide", args=[objection.pk])
    answer = {"decision": "overturned", "reasons": "Data agregat dapat dibuka."}
    refused = staff.post(decide_url, answer)
    assert refused.status_code == 200
    assert "atasan PPID" in refused.content.decode() or "PPID head" in refused.content.decode()
    objection.refresh_from_db()
    assert objection.status == "pending"
    head = client.__class__()
    head.login(username=ppid_head.username, password=PASSWORD)
    assert head.post(decide_url, answer).status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.decision) == ("decided", "overturned")
    page = requester.get(reverse("ppid:status_detail", args=[req.pk])).content.decode()
    assert "Data agregat dapat dibuka." in page


def test_walk_in_request_entered_by_staff(client, agency, ppid_officer):
    client.login(username=ppid_officer.username, password=PASSWORD)
    data = form_data(agency, channel="walk_in")
    del data["website"]
    response = client.post(reverse("admin:ppid_informationrequest_add"), data, follow=True)
    assert response.status_code == 200
    req = InformationRequest.objects.get()
    assert req.channel == "walk_in" and req.created_by == ppid_officer
    assert req.events.get().action == "ppid.request.received"
    assert re.search(r"[A-Z0-9]{5}-[A-Z0-9]{5}", response.content.decode())


def test_requester_completes_the_request_from_the_status_page(client, make_request, ppid_officer):
    req, code = make_request()
    services.ask_for_completion(req, actor=ppid_officer, missing="Surat kuasa")
    client.post(
        reverse("ppid:status"),
        sent(registration_number=req.registration_number, tracking_code=code),
    )
    page = client.get(reverse("ppid:status_detail", args=[req.pk])).content.decode()
    url = reverse("ppid:submit_completion", args=[req.pk])
    assert url in page
    # A wrong file type is refused and the message is kept.
    bad = SimpleUploadedFile("kuasa.pdf", b"not a pdf")
    response = client.post(url, sent(note="Surat kuasa terlampir", uploads=bad))
    assert response.status_code == 400 and "Surat kuasa terlampir" in response.content.decode()
    good = SimpleUploadedFile("kuasa.pdf", PDF)
    response = client.post(url, sent(note="Surat kuasa terlampir", uploads=good))
    assert response.status_code == 302
    event = req.events.get(action="ppid.request.completion_submitted")
    assert "kuasa.pdf" in event.summary
    assert req.attachments.get().kind == RequestAttachment.Kind.FROM_REQUESTER
    # Someone without the code cannot send anything.
    stranger = client.__class__()
    assert stranger.post(url, sent(note="x")).status_code == 404
    # Once the PPID records the completion, the form is gone.
    services.record_completion(req, actor=ppid_officer)
    assert url not in client.get(reverse("ppid:status_detail", args=[req.pk])).content.decode()
    assert client.post(url, sent(note="lagi")).status_code == 400

"""The rules of each action, refused with a message whatever door the call comes through."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppid import services
from ppid.models import RequestEvent
from tests.conftest import PASSWORD

from .conftest import PDF, jakarta

pytestmark = pytest.mark.django_db
PPIDError = services.PPIDError


@pytest.mark.parametrize(
    "details",
    [
        {"outcome": "maybe"},
        {"outcome": "partial", "exemption_ground": "17h", "consequence_test": "x"},  # what?
        {"outcome": "partial", "withheld_information": "Nama", "consequence_test": "x"},  # ground
        {"outcome": "exempt", "exemption_ground": "17z", "consequence_test": "x"},
        {"outcome": "exempt", "exemption_ground": "17a"},  # no consequence test
        {"outcome": "not_documented"},  # when?
    ],
)
def test_decision_needs_the_details_of_its_outcome(make_request, ppid_officer, details):
    req, _ = make_request()
    with pytest.raises(PPIDError):
        services.decide(req, actor=ppid_officer, **details)
    req.refresh_from_db()
    assert req.status == "received" and not req.events.filter(action="ppid.request.decided")


def test_a_request_is_decided_once(make_request, ppid_officer):
    req, _ = make_request()
    services.decide(req, actor=ppid_officer, outcome="not_held", holder_of_information="BPS")
    with pytest.raises(PPIDError):
        services.decide(req, actor=ppid_officer, outcome="granted")


@pytest.mark.parametrize(("days", "reason"), [(0, "x"), (8, "x"), (3, "  ")])
def test_extension_limits(make_request, ppid_officer, days, reason):
    req, _ = make_request()
    with pytest.raises(PPIDError):
        services.extend(req, actor=ppid_officer, days=days, reason=reason)


def test_extension_after_the_deadline_is_refused(make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _ = make_request()
    travel(jakarta(2026, 4, 8, 9))  # due 7 April
    with pytest.raises(PPIDError):
        services.extend(req, actor=ppid_officer, days=7, reason="Terlambat")


def test_cannot_decide_while_waiting_for_completion(make_request, ppid_officer):
    req, _ = make_request()
    services.ask_for_completion(req, actor=ppid_officer, missing="KTP")
    with pytest.raises(PPIDError):
        services.decide(req, actor=ppid_officer, outcome="granted")


def test_objection_window(make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _ = make_request()
    assert not services.objection_allowed(req)  # nothing to object to yet
    with pytest.raises(PPIDError):
        services.file_objection(req, grounds=["35c"], case_text="Belum dijawab")
    travel(jakarta(2026, 4, 8, 9))  # the deadline (7 April) passed without an answer
    assert services.objection_allowed(req)
    objection = services.file_objection(req, grounds=["35c", "35g"], case_text="Tidak dijawab")
    assert not services.objection_allowed(req)  # one at a time
    assert objection.grounds == ["35c", "35g"]
    # 30 working days after 7 April is 22 May 2026; the next working day is too late.
    travel(jakarta(2026, 5, 22, 9))
    services.decide_objection(objection, actor=_head(req), decision="overturned", reasons="Jawab")
    assert services.objection_allowed(req, today=date(2026, 5, 22))
    assert not services.objection_allowed(req, today=date(2026, 5, 25))


def _head(req):
    from accounts.models import Membership, Role, User

    user = User.objects.create_user("kepala", password=PASSWORD)
    Membership.objects.create(user=user, agency=req.agency, role=Role.PPID_HEAD)
    return user


def test_objection_grounds_and_case_are_required(make_request, ppid_officer):
    req, _ = make_request()
    services.decide(req, actor=ppid_officer, outcome="granted")
    with pytest.raises(PPIDError):
        services.file_objection(req, grounds=[], case_text="x")
    with pytest.raises(PPIDError):
        services.file_objection(req, grounds=["99z"], case_text="x")
    with pytest.raises(PPIDError):
        services.file_objection(req, grounds=["35a"], case_text=" ")


def test_every_action_writes_a_printable_notice(client, make_request, ppid_officer, ppid_head):
    req, _ = make_request()
    services.ask_for_completion(req, actor=ppid_officer, missing="KTP")
    services.record_completion(req, actor=ppid_officer)
    services.extend(req, actor=ppid_officer, days=3, reason="Arsip")
    services.decide(
        req, actor=ppid_officer, outcome="not_documented", documented_by=date(2026, 12, 1)
    )
    services.attach_file(req, actor=ppid_officer, uploaded=SimpleUploadedFile("a.pdf", PDF))
    services.record_fee(req, actor=ppid_officer, description="Fotokopi", pages=10, amount=2000)
    objection = services.file_objection(req, grounds=["35e"], case_text="Belum ada")
    services.decide_objection(objection, actor=ppid_head, decision="upheld", reasons="Tetap")
    actions = list(req.events.values_list("action", flat=True))
    assert actions == [
        "ppid.request.received",
        "ppid.request.completion_requested",
        "ppid.request.completed",
        "ppid.request.extended",
        "ppid.request.decided",
        "ppid.request.file_sent",
        "ppid.request.fee_recorded",
        "ppid.objection.filed",
        "ppid.objection.decided",
    ]
    client.login(username=ppid_officer.username, password=PASSWORD)
    for event in RequestEvent.objects.filter(request=req):
        assert event.notice_title and event.notice_text
        page = client.get(reverse("ppid:notice", args=[event.pk]))
        assert page.status_code == 200
        assert "ppid/ppid.css" in page.content.decode()  # carries the print stylesheet
        assert req.registration_number in page.content.decode()


def test_nik_is_masked_in_lists_only():
    from ppid.models.requests import mask_nik

    assert mask_nik("3371014507900001") == "3371********0001"
    assert mask_nik("") == ""

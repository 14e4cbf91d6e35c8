"""One state machine for requests: the admin's buttons are exactly the steps the services accept.

For every role and every request state, each staff step is tried through its ppid.services
function (inside a savepoint that is rolled back) and looked for among the buttons of the request's
admin page; both must agree with the table below, which is the PPID's rule written out.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Agency, Membership, Role, User
from ppid import services
from ppid.services import transitions

from .conftest import PDF, jakarta

pytestmark = pytest.mark.django_db

#: x = PPID staff of the agency may take the step in this state (and see its button).
TABLE = """
state                    process  ask-completion  completed  extend  decide  close-incomplete  deliver  attach  fee
received                    x           x             .        x       x            .             .       x      x
in_process                  .           x             .        x       x            .             .       x      x
awaiting_completion         .           .             x        x       .            .             .       x      x
awaiting_clock_stopped      .           .             x        .       .            .             .       x      x
awaiting_period_over        .           .             x        .       .            x             .       x      x
extended                    .           x             .        .       x            .             .       x      x
overdue                     x           x             .        .       x            .             .       x      x
decided                     .           .             .        .       .            .             x       x      x
"""  # noqa: E501
_header, *_rows = [line.split() for line in TABLE.strip().splitlines()]
STAFF_STEPS = _header[1:]
ALLOWED = {row[0]: {s for s, mark in zip(STAFF_STEPS, row[1:], strict=True) if mark == "x"}
           for row in _rows}  # fmt: skip
STATES = list(ALLOWED)

#: Role -> whether the table applies (True) or every step is refused and no button shown.
ROLES = {
    "ppid_officer": True,
    "ppid_head": True,
    "superuser": True,
    "officer_of_another_agency": False,
    "writer": False,
    "supervisor": False,
    "agency_admin": False,
}


def _staff(username, role=None, agency=None, **extra):
    # No password: these people sign in with force_login (hashing one costs a third of a second).
    user = User.objects.create_user(username=username, is_staff=True, **extra)
    if role:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def person(agency, other_agency):
    def make(role):
        if role == "superuser":
            return _staff("root", is_superuser=True)
        if role == "officer_of_another_agency":
            return _staff("petugas_lain", Role.PPID_OFFICER, other_agency)
        return _staff(role, getattr(Role, role.upper()), agency)

    return make


@pytest.fixture
def request_in(make_request, agency, travel):
    """A request brought into ``state`` by the services themselves."""

    def make(state):
        staff = _staff("petugas_penyiap", Role.PPID_OFFICER, agency)
        travel(jakarta(2026, 3, 16, 9))  # due Tuesday 7 April
        if state == "awaiting_clock_stopped":
            agency.ppid_clock_start = Agency.ClockStart.COMPLETE
            agency.save()
        req, _code = make_request()
        if state == "in_process":
            services.start_processing(req, actor=staff)
        elif state.startswith("awaiting"):
            services.ask_for_completion(req, actor=staff, missing="Fotokopi KTP")
            if state == "awaiting_period_over":  # 10 working days to complete: until 7 April
                travel(jakarta(2026, 4, 8, 9))
        elif state == "extended":
            services.extend(req, actor=staff, days=3, reason="Data masih dihimpun")
        elif state == "decided":
            services.decide(req, actor=staff, outcome="granted", reasons="Terlampir")
        elif state == "overdue":
            travel(jakarta(2026, 4, 8, 9))
        req.refresh_from_db()
        return req

    return make


def _calls(actor):
    """Each staff step's service call with what a person would type."""
    return {
        "process": lambda req: services.start_processing(req, actor=actor),
        "ask-completion": lambda req: services.ask_for_completion(
            req, actor=actor, missing="Surat kuasa"
        ),
        "completed": lambda req: services.record_completion(req, actor=actor, note=""),
        "extend": lambda req: services.extend(
            req, actor=actor, days=5, reason="Informasi tersebar di beberapa bidang"
        ),
        "decide": lambda req: services.decide(
            req, actor=actor, outcome="granted", reasons="Informasi terlampir"
        ),
        "close-incomplete": lambda req: services.close_incomplete(req, actor=actor, reasons=""),
        "deliver": lambda req: services.record_delivery(
            req, actor=actor, delivered_on=timezone.localdate(), channel="email"
        ),
        "attach": lambda req: services.attach_file(
            req,
            actor=actor,
            uploaded=SimpleUploadedFile("data.pdf", PDF, "application/pdf"),
            description="Data produksi",
        ),
        "fee": lambda req: services.record_fee(
            req, actor=actor, description="Salinan cetak", pages=4, amount=2000
        ),
    }


def _try(call, req):
    """Run one step and undo it: None when refused, else (status after, last timeline row)."""
    try:
        with transaction.atomic():
            call(req)
            after = type(req).objects.get(pk=req.pk)
            event = after.events.order_by("-created_at", "-id").first()
            outcome = (after.status, event.action, bool(event.notice_text))
            transaction.set_rollback(True)
    except services.PPIDError:
        return None
    return outcome


def _buttons(client, user, req) -> list[str] | None:
    """The step buttons on the request's admin page, in page order (None: page not open to them)."""
    client.force_login(user)
    response = client.get(reverse("admin:ppid_informationrequest_change", args=[req.pk]))
    if response.status_code != 200:
        return None
    html = response.content.decode()
    prefix = reverse("admin:ppid_informationrequest_action", args=[req.pk, "x"])[: -len("x/")]
    return re.findall(re.escape(prefix) + r"([\w-]+)/", html)


def test_the_table_covers_every_staff_step_of_the_machine():
    staff_steps = [s.name for s in transitions.STEPS.values() if s.roles is not None]
    assert staff_steps == STAFF_STEPS


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", list(ROLES))
def test_buttons_are_exactly_the_steps_the_services_accept(client, person, request_in, role, state):
    user = person(role)
    req = request_in(state)
    expected = ALLOWED[state] if ROLES[role] else set()

    accepted = {}
    for name, call in _calls(user).items():
        outcome = _try(call, req)
        if outcome is not None:
            accepted[name] = outcome
    assert set(accepted) == expected

    buttons = _buttons(client, user, req)
    if buttons is None:  # the page is closed to them: no button anywhere
        assert not ROLES[role]
    else:
        assert buttons == [s.name for s in transitions.available_steps(req, user)]
        assert set(buttons) == set(accepted)

    # What each accepted step did is what the table row of the step says.
    for name, (status, action, wrote_notice) in accepted.items():
        step = transitions.STEPS[name]
        assert status == step.target(req.status)
        assert action == step.code
        assert wrote_notice == step.notice


@pytest.mark.parametrize("state", STATES)
def test_requester_sends_missing_parts_only_while_completion_is_awaited(request_in, state):
    req = request_in(state)
    accepted = _try(lambda r: services.submit_completion(r, note="KTP menyusul"), req) is not None
    assert accepted == (req.status in transitions.STEPS["submit-completion"].sources)


def test_an_impossible_step_page_says_why_instead_of_offering_its_form(
    client, ppid_officer, request_in
):
    req = request_in("received")
    client.force_login(ppid_officer)
    url = reverse("admin:ppid_informationrequest_action", args=[req.pk, "completed"])
    html = client.get(url).content.decode()
    assert "Permohonan ini tidak sedang menunggu kelengkapan." in html
    assert '<form method="post"' not in html.split('id="content-main"')[1]
    # Posting anyway is refused by the service with the same message, and nothing changes.
    html = client.post(url, {"note": ""}).content.decode()
    assert "Permohonan ini tidak sedang menunggu kelengkapan." in html
    req.refresh_from_db()
    assert req.status == "received"

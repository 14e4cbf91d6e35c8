"""The information request's state machine: which step is possible in which state, and for whom.

One table, read by the services (every action calls ``check_step`` before it changes anything) and
by the admin (``available_steps`` gives the buttons), so "which step is possible in which state" is
written once. Checks that depend on what the person typed (the days of an extension, the details of
a decision) stay in the service function of the step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import permissions

from ..models import InformationRequest
from .base import PPIDError

Status = InformationRequest.Status
RECEIVED, IN_PROCESS = Status.RECEIVED, Status.IN_PROCESS
AWAITING, DECIDED = Status.AWAITING_COMPLETION, Status.DECIDED
WITHDRAWN = Status.WITHDRAWN
#: Target of a step that leaves the status as it is (a file sent, a fee recorded).
STAYS = None
#: Who may take a step that is not a staff action: the requester, proved by number and tracking
#: code in their browser session (ppid.views checks that before calling the service).
REQUESTER = None

#: A condition on the request beyond its status: (request, today) -> refusal message or None.
Guard = Callable[[InformationRequest, date], object]


@dataclass(frozen=True)
class Step:
    name: str  # also the admin's URL slug: /aksi/<name>/
    label: object  # lazy translation: the button text
    moves: Mapping[str, str | None]  # source status -> target status (STAYS: unchanged)
    code: str  # the timeline row's action code
    roles: frozenset[str] | None  # roles in the request's agency (accounts.permissions)
    notice: bool  # writes a written notice for the requester (printable, e-mailed)
    refusal: object = ""  # message when the status does not allow the step
    refusals: Mapping[str, object] = field(default_factory=dict)  # per-status messages
    guards: tuple[Guard, ...] = ()

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(self.moves)

    def target(self, status: str) -> str:
        """The status after the step (raises KeyError for a status it does not start from)."""
        moved = self.moves[status]
        return status if moved is STAYS else moved


def _from(*sources: str, to: str | None = STAYS) -> dict[str, str | None]:
    return dict.fromkeys(sources, to)


def _extended_once(req: InformationRequest, today: date):
    # UU 14/2008 Pasal 22(8): one extension.
    if req.extension_days:
        return gettext_lazy("The time may be extended only once.")
    return None


def _before_deadline(req: InformationRequest, today: date):
    # Pasal 22(8): the extension is given within the 10 working days, not after them.
    if req.due_date is None or today > req.due_date:
        return gettext_lazy("The extension must be given before the 10-working-day deadline.")
    return None


def _completion_period_over(req: InformationRequest, today: date):
    # Perki 1/2021: the request is closed only once the period to complete it has passed.
    from django.utils import formats
    from django.utils.translation import gettext

    from .completion import completion_due  # completion reads this table too

    due = completion_due(req)
    if due is None or today <= due:
        return gettext("The requester has until %(date)s to complete the request.") % {
            "date": formats.date_format(due, "j F Y") if due else "-"
        }
    return None


def _delivery_owed(req: InformationRequest, today: date):
    if req.outcome not in InformationRequest.DELIVERABLE_OUTCOMES:
        return gettext_lazy("Only a request decided in the requester's favour has a delivery.")
    if req.delivered_on is not None:
        return gettext_lazy("The delivery of this request has already been recorded.")
    return None


PPID_STAFF = permissions.PPID_ROLES
#: Files and fees go with a request before, with and after its decision; not after a withdrawal.
ANY_STATUS = tuple(status for status in Status.values if status != WITHDRAWN)

#: Every step of a request, in the order of the admin's buttons.
STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step(
            "process",
            gettext_lazy("Take into process"),
            _from(RECEIVED, to=IN_PROCESS),
            "ppid.request.in_process",
            PPID_STAFF,
            notice=False,
            refusal=gettext_lazy("Only a newly received request can be taken into process."),
        ),
        # Perki 1/2021: a deficient file is sent back for completion; the clock may stop.
        Step(
            "ask-completion",
            gettext_lazy("Ask for completion"),
            _from(RECEIVED, IN_PROCESS, to=AWAITING),
            "ppid.request.completion_requested",
            PPID_STAFF,
            notice=True,
            refusal=gettext_lazy("Completion can only be asked for an open request."),
        ),
        Step(
            "completed",
            gettext_lazy("Record completion"),
            _from(AWAITING, to=IN_PROCESS),
            "ppid.request.completed",
            PPID_STAFF,
            notice=True,
            refusal=gettext_lazy("This request is not waiting for completion."),
        ),
        # The requester sends the missing parts from the status page; the PPID then records the
        # completion ("completed").
        Step(
            "submit-completion",
            gettext_lazy("Send"),
            _from(AWAITING),
            "ppid.request.completion_submitted",
            REQUESTER,
            notice=False,
            refusal=gettext_lazy("This request is not waiting for completion."),
        ),
        # Extending a received request takes it into process.
        Step(
            "extend",
            gettext_lazy("Extend the deadline"),
            {**_from(RECEIVED, to=IN_PROCESS), **_from(IN_PROCESS, AWAITING)},
            "ppid.request.extended",
            PPID_STAFF,
            notice=True,
            refusal=gettext_lazy("A decided request cannot be extended."),
            guards=(_extended_once, _before_deadline),
        ),
        Step(
            "decide",
            gettext_lazy("Decide"),
            _from(RECEIVED, IN_PROCESS, to=DECIDED),
            "ppid.request.decided",
            PPID_STAFF,
            notice=True,
            refusal=gettext_lazy("This request has already been decided."),
            refusals={
                AWAITING: gettext_lazy(
                    "This request is waiting for completion; record the completion first."
                )
            },
        ),
        # Perki 1/2021: the period to complete passed without completion; closed with a notice.
        Step(
            "close-incomplete",
            gettext_lazy("Close as not completed"),
            _from(AWAITING, to=DECIDED),
            "ppid.request.closed_incomplete",
            PPID_STAFF,
            notice=True,
            refusal=gettext_lazy(
                "Only a request waiting for completion can be closed as not completed."
            ),
            guards=(_completion_period_over,),
        ),
        # Fulfilment: the information reached the requester (Perki 1/2021: the service ends
        # with the delivery, not with the decision).
        Step(
            "deliver",
            gettext_lazy("Record the delivery"),
            _from(DECIDED),
            "ppid.request.delivered",
            PPID_STAFF,
            notice=False,
            refusal=gettext_lazy("Decide the request before recording its delivery."),
            guards=(_delivery_owed,),
        ),
        # The requester may withdraw an open request from the status page; confirmed in writing.
        Step(
            "withdraw",
            gettext_lazy("Withdraw the request"),
            _from(RECEIVED, IN_PROCESS, AWAITING, to=WITHDRAWN),
            "ppid.request.withdrawn",
            REQUESTER,
            notice=True,
            refusal=gettext_lazy("Only an open request can be withdrawn."),
        ),
        # Copies of the information and the fee ledger: before, with and after the decision.
        Step(
            "attach",
            gettext_lazy("Send a file"),
            _from(*ANY_STATUS),
            "ppid.request.file_sent",
            PPID_STAFF,
            notice=True,
        ),
        Step(
            "fee",
            gettext_lazy("Record a fee"),
            _from(*ANY_STATUS),
            "ppid.request.fee_recorded",
            PPID_STAFF,
            notice=True,
        ),
    ]
}


def refusal(req: InformationRequest, step: Step | str, actor, today: date | None = None):
    """Why ``actor`` may not take ``step`` on ``req`` now (a message), or None when they may.

    A requester's step has no actor: the view has checked the number and tracking code.
    """
    step = STEPS[step] if isinstance(step, str) else step
    if step.roles is not REQUESTER and not permissions.has_role(actor, req.agency_id, *step.roles):
        return gettext_lazy("Only the PPID staff of this agency may do this.")
    if req.status not in step.moves:
        return step.refusals.get(req.status, step.refusal)
    today = today or timezone.localdate()
    for guard in step.guards:
        message = guard(req, today)
        if message:
            return message
    return None


def check_step(req: InformationRequest, step: Step | str, actor, today: date | None = None) -> Step:
    """Raise PPIDError unless ``actor`` may take ``step`` on ``req`` now; return the step.

    Call it on the locked row (``lock_request``) inside the action's transaction.
    """
    step = STEPS[step] if isinstance(step, str) else step
    message = refusal(req, step, actor, today)
    if message:
        raise PPIDError(str(message))
    return step


def available_steps(req: InformationRequest, user, today: date | None = None) -> list[Step]:
    """The staff steps ``user`` may take on ``req`` now, in button order (the admin's buttons)."""
    today = today or timezone.localdate()
    return [
        step
        for step in STEPS.values()
        if step.roles is not REQUESTER and refusal(req, step, user, today) is None
    ]

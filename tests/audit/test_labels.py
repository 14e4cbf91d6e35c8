"""Every action the log can hold reads as words, not as a code."""

import pytest

from audit.log import action_label
from newsroom.publishing import kinds
from newsroom.workflow import AUDITED_VERBS
from ppid.services.transitions import STEPS

OTHER_PPID_CODES = [
    "ppid.request.received", "ppid.request.due_date_recomputed", "ppid.request.identity_purged",
    "ppid.objection.filed", "ppid.objection.decided", "ppid.objection.due_date_recomputed",
    "ppid.dispute.recorded", "ppid.dispute.updated", "ppid.dip.created", "ppid.dip.changed",
    "ppid.dip.published", "ppid.dip.withdrawn", "ppid.dip.deleted",
]  # fmt: skip
ACCOUNT_CODES = [
    "accounts.membership.added", "accounts.membership.role_changed", "accounts.membership.removed",
    "accounts.agency.changed", "accounts.user.created", "accounts.user.activated",
    "accounts.user.deactivated",
]  # fmt: skip
PUBLISHING_CODES = [
    f"{kind.action_prefix()}.{verb}"
    for kind in kinds()
    for verb in AUDITED_VERBS
    if verb != "posted"
] + ["outreach.plannedpost.posted"]


@pytest.mark.parametrize(
    "code",
    PUBLISHING_CODES + [step.code for step in STEPS.values()] + OTHER_PPID_CODES + ACCOUNT_CODES,
)
def test_action_has_a_label(code):
    assert action_label(code) != code

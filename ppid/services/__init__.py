"""PPID actions: one function per rule, each one transaction that writes its timeline row.

Views, the admin, commands and tasks call these and nothing else to change a request, an
objection or the calendar. Every refusal is a ``PPIDError`` with a message for people.
"""

from .base import PPIDError
from .calendar import (
    recompute_due_dates,
    remove_closure_day,
    save_closure_day,
    sync_package_holidays,
)
from .completion import close_incomplete
from .files import attach_file, record_fee
from .objections import (
    decide_objection,
    file_objection,
    file_periodic_objection,
    last_day_to_object,
    objection_allowed,
)
from .requests import (
    ask_for_completion,
    decide,
    extend,
    find_request,
    preview_decision,
    record_completion,
    record_delivery,
    register_request,
    start_processing,
    submit_completion,
    withdraw,
)
from .survey import answer_survey

__all__ = [
    "PPIDError",
    "answer_survey",
    "ask_for_completion",
    "attach_file",
    "close_incomplete",
    "decide",
    "decide_objection",
    "extend",
    "file_objection",
    "file_periodic_objection",
    "find_request",
    "preview_decision",
    "last_day_to_object",
    "objection_allowed",
    "recompute_due_dates",
    "record_completion",
    "record_delivery",
    "record_fee",
    "register_request",
    "remove_closure_day",
    "save_closure_day",
    "start_processing",
    "submit_completion",
    "withdraw",
    "sync_package_holidays",
]

"""Staff admin of the PPID service: scoped to the agencies where the user holds a PPID role."""

from . import calendar, dip, disputes, objections, privacy, reports, requests  # noqa: F401

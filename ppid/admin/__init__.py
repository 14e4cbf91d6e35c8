"""Staff admin of the PPID service: scoped to the agencies where the user holds a PPID role."""

from . import calendar, consequence, dip, disputes, objections, privacy, reports, requests  # noqa: F401

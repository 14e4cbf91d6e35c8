"""Telling form-filling bots from people on the public PPID forms, without bothering people.

Two cheap signs, checked before a post is looked at (security issue #11, item 7):

- the honeypot: a text field people never see, nor hear with a screen reader (its container is
  aria-hidden, the field is out of the tab order and has autocomplete off), that bots fill in. It
  must be sent, and empty: a bot that leaves it out entirely is refused too;
- the fill time: each form carries a signed stamp of when it was shown. A post faster than
  ``PPID_FORM_MIN_SECONDS`` (default 3) after that, or without a valid stamp, is not taken.

Neither ever loses what a person typed: the form comes back with everything kept and a polite
message, and sending it again works. A filled honeypot (a browser's autofill, say) comes back
empty; a form sent too quickly keeps its stamp, which is old enough by the second try; a stamp
older than ``PPID_FORM_MAX_AGE_SECONDS`` (default 6 hours: the page was left open), missing (a
page from before this check) or not ours is replaced by a fresh one.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

HONEYPOT = "website"
STAMP = "started"
_SALT = "ppid.form-shown-at"
#: Seconds a stamp may lie in the future (clocks of several servers differ a little).
_CLOCK_SKEW = 60


def min_seconds() -> float:
    return float(getattr(settings, "PPID_FORM_MIN_SECONDS", 3))


def max_age() -> float:
    return float(getattr(settings, "PPID_FORM_MAX_AGE_SECONDS", 6 * 60 * 60))


def new_stamp(shown_at: float | None = None) -> str:
    """A signed stamp of the moment a form is shown (now unless ``shown_at`` is given)."""
    moment = int(time.time() if shown_at is None else shown_at)
    return signing.Signer(salt=_SALT).sign(str(moment))


def stamp_age(value) -> float | None:
    """Seconds since the stamp was made; None when it is missing, not ours, or out of range."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = int(signing.Signer(salt=_SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        return None
    age = time.time() - moment
    return age if -_CLOCK_SKEW <= age <= max_age() else None


def problem(data) -> str | None:
    """Why a post does not look like a person's (a message for the person), or None."""
    trap = data.get(HONEYPOT)
    if trap is None or trap.strip():
        return _("Your form could not be processed. Please check what you typed and send it again.")
    age = stamp_age(data.get(STAMP))
    if age is None:
        return _(
            "This page had been open for a long time, so your form has not been accepted yet. "
            "Everything you typed is still here: please check it and send it again."
        )
    if age < min_seconds():
        return _(
            "Your form was sent only moments after the page opened, so it has not been accepted "
            "yet. Please check what you typed and send it again."
        )
    return None

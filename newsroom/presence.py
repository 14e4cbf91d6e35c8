"""Who else has the form of a publishable object open: a heartbeat from each open form, kept in
the shared cache for a short time, so the form can say "also open by Siti Aminah (since 10.30)".

Not a lock: reading and saving stay allowed, and the version check of ``newsroom.editing`` still
refuses a save that would overwrite someone else's. The cache (Redis with several workers, the
local-memory cache on one process) is the right place: presence is worth nothing a minute later.
Two heartbeats at the same moment may drop one entry; the next heartbeat puts it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .publishing import Publishable


def interval_seconds() -> int:
    """How often an open form says it is still open."""
    return int(getattr(settings, "HUMAS_PRESENCE_SECONDS", 45))


def _ttl() -> int:
    # Two missed heartbeats (a slow network, a sleeping laptop) before someone is gone.
    return 2 * interval_seconds() + 15


@dataclass(frozen=True)
class Viewer:
    user_id: int
    name: str
    since: datetime

    def label(self) -> str:
        when = formats.time_format(timezone.localtime(self.since), "TIME_FORMAT")
        return _("%(name)s (since %(time)s)") % {"name": self.name, "time": when}


def _key(obj: Publishable) -> str:
    return f"presence:{ContentType.objects.get_for_model(obj).pk}:{obj.pk}"


def _current(obj: Publishable, now: float) -> dict[str, dict]:
    entries = cache.get(_key(obj)) or {}
    if not isinstance(entries, dict):
        return {}
    return {uid: e for uid, e in entries.items() if now - e.get("seen", 0) < _ttl()}


def here(obj: Publishable, user, page: str = "", now: datetime | None = None) -> list[Viewer]:
    """``user`` has the form of ``obj`` open now (in the page load ``page``); returns the others
    who have it open too."""
    moment = (now or timezone.now()).timestamp()
    entries = _current(obj, moment)
    uid = str(user.pk)
    since = entries.get(uid, {}).get("since", moment)
    name = user.get_full_name() or user.get_username()
    entries[uid] = {"name": name, "since": since, "seen": moment, "page": page}
    cache.set(_key(obj), entries, _ttl())
    return _others(entries, uid)


def left(obj: Publishable, user, page: str = "") -> None:
    """``user`` closed the form of page load ``page``. A save reloads the form: the old page's
    goodbye may arrive after the new page said hello, and must not remove the person then."""
    entries = _current(obj, timezone.now().timestamp())
    entry = entries.get(str(user.pk))
    if entry is not None and entry.get("page", "") == page:
        del entries[str(user.pk)]
        cache.set(_key(obj), entries, _ttl())


def others(obj: Publishable, user, now: datetime | None = None) -> list[Viewer]:
    """Everyone but ``user`` who has the form of ``obj`` open."""
    return _others(_current(obj, (now or timezone.now()).timestamp()), str(user.pk))


def notice(viewers: list[Viewer]) -> str:
    """The sentence the form shows (empty when nobody else has it open)."""
    if not viewers:
        return ""
    names = ", ".join(viewer.label() for viewer in viewers)
    return _("Also open by %(names)s — saving may conflict.") % {"names": names}


def _others(entries: dict[str, dict], uid: str) -> list[Viewer]:
    viewers = [
        Viewer(int(key), entry["name"], datetime.fromtimestamp(entry["since"], tz=UTC))
        for key, entry in entries.items()
        if key != uid
    ]
    return sorted(viewers, key=lambda viewer: viewer.since)

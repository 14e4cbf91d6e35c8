"""The staff dashboard at /admin/ and the counts beside the admin menu, gathered from the apps.

The project package imports no app: each app that has something to show registers a function
from its ``AppConfig.ready()`` (``dashboard.register("newsroom.dashboard.panels", order=10)``;
``settings.HUMAS_DASHBOARD_PANELS``, when set, replaces the list). Each is called as
``panels(request, detail=...)`` and returns the
:class:`Panel` s of the roles the person holds, scoped to their agencies; with ``detail=False``
(every admin page, for the menu counts) only the counters are computed, with ``detail=True`` (the
dashboard) the lists too. Both are computed at most once per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

_MEMO = "_humas_dashboard"
#: (order, dotted path) of every registered panels function.
_REGISTERED: list[tuple[int, str]] = []


def register(path: str, *, order: int = 50) -> None:
    """Add an app's ``panels(request, *, detail)`` (by dotted path) to the dashboard; smaller
    ``order`` comes first (newsroom 10, PPID 20, people 30)."""
    if path not in {p for _o, p in _REGISTERED}:
        _REGISTERED.append((order, path))
        _REGISTERED.sort()


def providers() -> list[str]:
    configured = getattr(settings, "HUMAS_DASHBOARD_PANELS", None)
    return list(configured) if configured is not None else [p for _o, p in _REGISTERED]


@dataclass
class Counter:
    """One count with the list it counts (an admin changelist, filtered)."""

    label: str
    count: int
    url: str
    #: ``app_label.model_name`` of the admin list it counts.
    model: str = ""


@dataclass
class Stat:
    """A headline number of a panel: the sum of its parts (one per kind of content, or one)."""

    label: str
    parts: list[Counter]
    #: "" (neutral), "warning" (asks for action) or "danger" (late).
    tone: str = ""
    #: Shown beside the models in the admin menu as well.
    in_menu: bool = False

    @property
    def count(self) -> int:
        return sum(part.count for part in self.parts)

    @property
    def url(self) -> str:
        """The one list to open: the part that holds everything (or the first part)."""
        filled = [part for part in self.parts if part.count]
        return (filled[0] if len(filled) == 1 else self.parts[0]).url if self.parts else ""

    @property
    def breakdown(self) -> list[Counter]:
        """The parts worth listing under the number (more than one kind holds some)."""
        filled = [part for part in self.parts if part.count]
        return filled if len(filled) > 1 else []


@dataclass
class Item:
    """One line of a dashboard list: something to open, with what to know about it."""

    title: str
    url: str
    meta: str = ""
    note: str = ""
    tone: str = ""


@dataclass
class Section:
    """A titled list within a panel."""

    title: str
    items: list[Item]
    empty: str = ""


@dataclass
class Panel:
    """What one role sees: its numbers and (on the dashboard) its lists."""

    key: str
    title: str
    stats: list[Stat]
    sections: list[Section] = field(default_factory=list)


def panels(request, *, detail: bool = False) -> list[Panel]:
    """Every app's panels for the person making ``request`` (memoised on the request)."""
    memo = getattr(request, _MEMO, {})
    if detail not in memo:
        if not detail and True in memo:
            return memo[True]  # the dashboard's panels already hold every counter
        found: list[Panel] = []
        for path in providers():
            found += import_string(path)(request, detail=detail)
        memo[detail] = found
        setattr(request, _MEMO, memo)
    return memo[detail]


def menu_counters(request) -> dict[str, list[tuple[Stat, Counter]]]:
    """The counts to show beside each model of the admin menu, keyed ``app_label.model_name``
    (counts of zero are left out: an empty badge says nothing)."""
    by_model: dict[str, list[tuple[Stat, Counter]]] = {}
    for panel in panels(request):
        for stat in panel.stats:
            for part in stat.parts if stat.in_menu else []:
                if part.model and part.count:
                    by_model.setdefault(part.model, []).append((stat, part))
    return by_model

"""The portal's main menu and the footer's link columns, from settings.

``HUMAS_PORTAL_MENU`` is a list of ``(label, target)`` and ``HUMAS_PORTAL_FOOTER_LINKS`` a list of
``(heading, [(label, target), ...])``, ``HUMAS_PORTAL_AGENCY_LINKS`` the buttons on an agency's
page, ``[(label, target), ...]``; a target is a URL name (``"portal:feed"``) or a path. The
project's settings list the other apps' public entry points, so the portal's layout names no app
(their pages extend it and appear in its menu without the portal or the newsroom knowing them).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

DEFAULT_MENU = [(_("Home"), "portal:home"), (_("News"), "portal:article_list")]
DEFAULT_FOOTER_LINKS = [
    (
        _("Follow the news"),
        [(_("RSS feed"), "portal:feed"), (_("News archive"), "portal:article_list")],
    )
]

DEFAULT_AGENCY_LINKS = []


class Link(NamedTuple):
    label: object  # a lazy translation: read it in the language of the page
    url: str


class Section(NamedTuple):
    heading: object
    links: tuple[Link, ...]


@cache
def main_menu() -> tuple[Link, ...]:
    return _links(getattr(settings, "HUMAS_PORTAL_MENU", DEFAULT_MENU))


@cache
def footer_sections() -> tuple[Section, ...]:
    sections = getattr(settings, "HUMAS_PORTAL_FOOTER_LINKS", DEFAULT_FOOTER_LINKS)
    return tuple(Section(heading, _links(links)) for heading, links in sections)


@cache
def agency_links() -> tuple[Link, ...]:
    return _links(getattr(settings, "HUMAS_PORTAL_AGENCY_LINKS", DEFAULT_AGENCY_LINKS))


@cache
def menu_paths() -> frozenset[str]:
    """The paths of the main menu's entries (the header marks the one of the page shown)."""
    return frozenset(link.url for link in main_menu())


def _links(entries) -> tuple[Link, ...]:
    return tuple(Link(label, _url(target)) for label, target in entries)


def _url(target: str) -> str:
    return target if target.startswith("/") else reverse(target)


def forget() -> None:
    """Read the settings again (tests that change them)."""
    for function in (main_menu, footer_sections, agency_links, menu_paths):
        function.cache_clear()

"""The header and footer menus of the portal and of each agency's site.

Menus are rows (portal.models.Menu and MenuItem) that agency administrators edit in the admin;
where an agency has none, a default is built from its published pages and the public lists; where
the portal has none, from the settings:

``HUMAS_PORTAL_MENU`` is a list of ``(label, target)``, where a target may also be a list of
``(label, target)`` (a group); ``HUMAS_PORTAL_FOOTER_LINKS`` a list of ``(heading, [(label,
target), ...])``; ``HUMAS_PORTAL_AGENCY_LINKS`` the buttons on an agency's page. A target is a URL
name (``"portal:feed"``) or a path. The project's settings list the other apps' public entry points,
so the portal's layout names no app.

Reading a menu costs no query on a hit: each site's resolved menus (labels and addresses, plain
data) are kept in the shared cache under a generation that every change of a menu, a page or an
agency bumps (portal.cache_hooks). On a miss they are built in one query (two when an agency has
no menu of its own), whatever the number of entries. A page entry keeps its publication window,
so a page scheduled to appear shows up in the menu on time without any write.
"""

from __future__ import annotations

import logging
import secrets
import time
from functools import cache
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.menus")

DEFAULT_MENU = [
    (gettext_lazy("Home"), "portal:home"),
    (gettext_lazy("News"), "portal:article_list"),
]
DEFAULT_FOOTER_LINKS = [
    (
        gettext_lazy("Follow the news"),
        [
            (gettext_lazy("RSS feed"), "portal:feed"),
            (gettext_lazy("News archive"), "portal:article_list"),
        ],
    )
]
DEFAULT_AGENCY_LINKS = []

#: The public lists an entry may point at: URL name, and whether it takes ``?instansi=``.
LIST_URLS = {
    "home": ("portal:home", False),
    "news": ("portal:article_list", True),
    "announcements": ("portal:announcement_list", True),
    "agenda": ("portal:event_list", True),
    "documents": ("portal:document_list", True),
    "galleries": ("portal:gallery_list", True),
}
#: Lists of other apps, from the settings (the portal names no app): ``{target: (URL name,
#: takes ?instansi=)}``, e.g. the PPID desk.
LIST_URLS.update(getattr(settings, "HUMAS_PORTAL_MENU_LISTS", {}))
GENERATION_KEY = "menus:gen"
LIFETIME = 24 * 60 * 60


class Link(NamedTuple):
    label: object  # a lazy translation in the settings-based menus: read it in the page's language
    url: str


class Section(NamedTuple):
    heading: object
    links: tuple[Link, ...]


class Entry(NamedTuple):
    """One menu entry as shown: ``url`` empty for a heading; ``children`` one level deep.
    ``shown_from``/``shown_until`` (epoch seconds) bound a page entry's publication."""

    label: str
    url: str
    children: tuple[Entry, ...] = ()
    shown_from: float | None = None
    shown_until: float | None = None

    @property
    def urls(self) -> tuple[str, ...]:
        """The addresses of this entry and of those under it (the header marks the group of the
        page shown)."""
        return (self.url, *(child.url for child in self.children))

    def visible(self, now: float) -> bool:
        return (self.shown_from is None or self.shown_from <= now) and (
            self.shown_until is None or now < self.shown_until
        )


class SiteMenus(NamedTuple):
    header: tuple[Entry, ...]
    footer: tuple[Section, ...]


# -- the settings-based menus of the portal --------------------------------------------------


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


class Shortcut(NamedTuple):
    title: object
    text: object
    url: str


@cache
def shortcuts() -> tuple[Shortcut, ...]:
    """The home page's service shortcuts (``HUMAS_PORTAL_SHORTCUTS``), those whose app is here."""
    entries = getattr(settings, "HUMAS_PORTAL_SHORTCUTS", [])
    return tuple(
        Shortcut(title, text, url) for title, text, target in entries if (url := _url(target))
    )


@cache
def menu_paths() -> frozenset[str]:
    """The paths of the main menu's entries (the header marks the one of the page shown)."""
    return frozenset(link.url for link in main_menu())


def _links(entries) -> tuple[Link, ...]:
    links = []
    for label, target, *_children in entries:
        if isinstance(target, list | tuple):
            continue  # a group: see _settings_entries
        if url := _url(target):
            links.append(Link(label, url))
    return tuple(links)


def _url(target: str) -> str:
    if target.startswith("/"):
        return target
    try:
        return reverse(target)
    except NoReverseMatch:
        return ""  # an app not installed (yet): its entry is left out


def forget() -> None:
    """Read the settings again (tests that change them)."""
    for function in (main_menu, footer_sections, agency_links, menu_paths, shortcuts):
        function.cache_clear()
    bump()


def _settings_entries() -> tuple[Entry, ...]:
    entries = []
    for label, target, *group in getattr(settings, "HUMAS_PORTAL_MENU", DEFAULT_MENU):
        if isinstance(target, list | tuple):
            target, group = "", [target]
        url = _url(target) if target else ""
        links = _links(group[0] if group else [])
        children = tuple(Entry(str(link.label), link.url) for link in links)
        if url or children:
            entries.append(Entry(str(label), url, children))
    return tuple(entries)


# -- the menus of a site, from the rows, kept in the cache ------------------------------------


def site_menus(agency=None) -> SiteMenus:
    """The header and footer of ``agency``'s site (None: the portal), as the visitor sees them
    now: entries of pages not (or no longer) public are left out."""
    return many_site_menus([agency])[_scope(agency)]


def many_site_menus(agencies) -> dict[int, SiteMenus]:
    """:func:`site_menus` of several sites (by agency id, 0 for the portal) in one round trip."""
    scopes = {_scope(agency): agency for agency in agencies}
    language = get_language()
    keys = {scope: f"menus:{scope}:{language}" for scope in scopes}
    try:
        values = shared_cache.get_many([GENERATION_KEY, *keys.values()])
    except Exception:  # a cache outage costs the queries, never the page
        logger.exception("Menu cache unavailable")
        values = {}
    generation = values.get(GENERATION_KEY)
    now = time.time()
    found = {}
    for scope, agency in scopes.items():
        kept = values.get(keys[scope])
        if kept is not None and generation is not None and kept[0] == generation:
            found[scope] = _visible(kept[1], now)
            continue
        menus = _build(agency)
        if generation is None:
            generation = _start_generation()
        if generation is not None:
            try:
                shared_cache.set(keys[scope], (generation, menus), LIFETIME)
            except Exception:
                logger.exception("Menu cache unavailable")
        found[scope] = _visible(menus, now)
    return found


def _scope(agency) -> int:
    return agency.pk if agency is not None else 0


def bump() -> None:
    """Every site's menus are built afresh on their next request (a menu, a page or an agency
    changed)."""
    try:
        shared_cache.incr(GENERATION_KEY)
    except ValueError:
        pass  # no generation yet: the next request starts one
    except Exception:
        logger.exception("Could not bump the menu generation")


def _start_generation() -> int | None:
    try:
        shared_cache.add(GENERATION_KEY, secrets.randbelow(2**40), timeout=None)
        return shared_cache.get(GENERATION_KEY)
    except Exception:
        return None


def _visible(menus: SiteMenus, now: float) -> SiteMenus:
    header = tuple(
        entry._replace(children=tuple(c for c in entry.children if c.visible(now)))
        for entry in menus.header
        if entry.visible(now)
    )
    header = tuple(entry for entry in header if entry.url or entry.children)
    footer = tuple(
        section._replace(links=tuple(link for link in section.links if _link_visible(link, now)))
        for section in menus.footer
    )
    return SiteMenus(header, tuple(section for section in footer if section.links))


def _link_visible(link, now: float) -> bool:
    return not isinstance(link, Entry) or link.visible(now)


def _build(agency) -> SiteMenus:
    from .models import Menu, MenuItem

    items = list(
        MenuItem.objects.filter(menu__agency=agency)
        .select_related("menu", "page__agency", "page__parent__parent")
        .order_by("position", "id")
    )
    by_location = {location: [] for location in Menu.Location.values}
    for item in items:
        by_location[item.menu.location].append(item)
    header = _tree(by_location["header"], agency)
    footer = _footer_sections(_tree(by_location["footer"], agency))
    if not by_location["header"]:
        header = _default_header(agency)
    if not by_location["footer"]:
        footer = _default_footer(agency)
    return SiteMenus(header, footer)


def _tree(items, agency) -> tuple[Entry, ...]:
    children: dict[int, list[Entry]] = {}
    for item in items:
        if item.parent_id and (entry := _entry(item, agency)):
            children.setdefault(item.parent_id, []).append(entry)
    top = []
    for item in items:
        if item.parent_id is None:
            entry = _entry(item, agency, heading_allowed=True)
            if entry is not None:
                top.append(entry._replace(children=tuple(children.get(item.pk, ()))))
    return tuple(top)


def _entry(item, agency, heading_allowed=False) -> Entry | None:
    if item.page_id:
        return _page_entry(item.page, item.label)
    if item.list_target:
        url = list_url(item.list_target, agency)
        label = item.label or str(item.ListTarget(item.list_target).label)
        return Entry(label, url) if url else None
    if item.url:
        return Entry(item.label, item.url)
    if heading_allowed and item.label:
        return Entry(item.label, "")
    return None  # its page was deleted


def _page_entry(page, label="") -> Entry | None:
    """A page's entry, with the window in which it and the pages above it are public."""
    chain = [page]
    while chain[-1].parent_id is not None and len(chain) < 3:
        chain.append(chain[-1].parent)
    if any(p.status != p.Status.PUBLISHED or p.publish_at is None for p in chain):
        return None
    shown_from = max(p.publish_at.timestamp() for p in chain)
    ends = [p.expire_at.timestamp() for p in chain if p.expire_at is not None]
    url = reverse("portal:page_detail", args=[page.agency.slug, page.path])
    return Entry(label or page.title, url, (), shown_from, min(ends) if ends else None)


def list_url(target: str, agency=None) -> str:
    """The address of one of the public lists, for ``agency``'s site ('' while not installed)."""
    if target not in LIST_URLS:
        return ""
    name, per_agency = LIST_URLS[target]
    if target == "home" and agency is not None:
        return agency.get_absolute_url()
    url = _url(name)
    if url and per_agency and agency is not None:
        url = f"{url}?instansi={agency.slug}"
    return url


def _footer_sections(entries: tuple[Entry, ...]) -> tuple[Section, ...]:
    """Top entries with entries under them are columns; the others share a "Links" column."""
    sections = [Section(e.label, e.children) for e in entries if e.children]
    single = tuple(e for e in entries if not e.children and e.url)
    if single:
        sections.insert(0, Section(_("Links"), single))
    return tuple(sections)


def _default_header(agency) -> tuple[Entry, ...]:
    if agency is None:
        return _settings_entries()
    from newsroom.models import Page

    pages = list(
        Page.objects.filter(agency=agency, status=Page.Status.PUBLISHED)
        .select_related("agency", "parent__parent")
        .order_by("position", "title")
    )
    tops = [p for p in pages if p.parent_id is None]
    under = {p.pk: [] for p in tops}
    for page in pages:
        if page.parent_id in under and (entry := _page_entry(page)):
            under[page.parent_id].append(entry)
    profile, sections = [], []
    for page in tops:
        entry = _page_entry(page)
        if entry is None:
            continue
        if under[page.pk]:
            sections.append(entry._replace(children=tuple(under[page.pk])))
        else:
            profile.append(entry)
    entries = [Entry(_("Home"), agency.get_absolute_url())]
    if profile:
        entries.append(Entry(_("Profile"), "", tuple(profile)))
    entries.extend(sections)
    entries.append(Entry(_("News"), list_url("news", agency)))
    information = tuple(
        Entry(str(label), url)
        for target, label in (
            ("announcements", _("Announcements")),
            ("agenda", _("Agenda")),
            ("documents", _("Documents")),
            ("galleries", _("Galleries")),
        )
        if (url := list_url(target, agency))
    )
    if information:
        entries.append(Entry(_("Information"), "", information))
    return tuple(entries)


def _default_footer(agency) -> tuple[Section, ...]:
    sections = footer_sections()
    return tuple(
        Section(str(s.heading), tuple(Entry(str(link.label), link.url) for link in s.links))
        for s in sections
    )

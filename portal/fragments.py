"""Page fragments rendered once per content and kept in the cache: news cards, agency tiles,
the text of an article, the site header and footer.

A fragment's cache key says what it shows without listing fields by hand (:func:`content_key`): a
publishable row by its id, ``version`` and ``updated_at`` (every save moves ``updated_at``, every
workflow step and edit moves ``version``), the related rows loaded with it (``select_related``,
``prefetch_related``) by their id and ``updated_at`` or, for rows without one (categories, tags),
every column they were loaded with; then its variant, the language and the text of its templates.
A field added to a card therefore can never be served stale: the key does not depend on which
fields the template reads. When the content changes, the key changes and the old fragment simply
expires: no invalidation is needed, and the per-process memory cache of development is as correct
as Redis. (Rows changed with ``QuerySet.update()`` keep their ``updated_at``: the editorial code
moves ``version`` when it does that; scripts should save through the model.)

A list renders all its cards at once (``{% news_cards %}``): one ``get_many`` for the page, the
missing cards rendered and stored with one ``set_many``. Each process also keeps the fragments it
used last (``LOCAL_SIZE``, for ``LOCAL_LIFETIME``): the header and footer of every page and the
cards of busy lists then cost no round trip to Redis. Being content-addressed, they need no
invalidation there either.
"""

from __future__ import annotations

import hashlib
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db.models.fields.files import FieldFile
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import menus

CARD_TEMPLATE = "portal/_card.html"
AGENCY_TILES_TEMPLATE = "portal/_agency_tiles.html"
ARTICLE_TEMPLATE = "portal/_article_main.html"
HEADER_TEMPLATE = "_site_header.html"
FOOTER_TEMPLATE = "_site_footer_sections.html"
# Templates rendered inside the fragments by {% picture %} and {% agency_logo %}.
INCLUDED = ("portal/_picture.html", "portal/_agency_logo.html", "_menu.html")
LIFETIME = 24 * 60 * 60  # bounds how long a photo that could not be read stays missing
LOCAL_SIZE = 2000  # fragments kept in each process's memory (a few MB), the most recently used
LOCAL_LIFETIME = 5 * 60


def render_cards(articles, *, heading="h3", compact=False, first_big=False) -> SafeString:
    """The cards of ``articles`` as HTML, in order; the first one big when ``first_big``."""
    items = []
    for position, article in enumerate(articles):
        big = first_big and position == 0
        variant = {"heading": heading, "big": big, "compact": compact and not big}
        # A search result's highlighted snippet is not part of the row: it is part of the key.
        shows = (content_key(article), str(article.snippet), variant)
        items.append(({"article": article, **variant}, shows))
    return mark_safe("".join(render_kept(CARD_TEMPLATE, items)))  # noqa: S308 - template output


def render_article_main(article, canonical_url: str) -> SafeString:
    """An article's page body: breadcrumbs, header, photo, text, tags and share links."""
    context = {"article": article, "canonical_url": canonical_url}
    (html,) = render_kept(ARTICLE_TEMPLATE, [(context, (content_key(article), canonical_url))])
    return mark_safe(html)  # noqa: S308 - template output, escaped (and the body sanitised) there


def render_agency_tiles(agencies) -> SafeString:
    """The home page's tiles of every agency (name, logo, link) as HTML."""
    agencies = list(agencies)
    shows = [content_key(agency) for agency in agencies]
    (html,) = render_kept(AGENCY_TILES_TEMPLATE, [({"agencies": agencies}, shows)])
    return mark_safe(html)  # noqa: S308 - template output, escaped there


def render_site_header(
    path: str, query: str = "", *, site=None, agency=None, menus_of=None
) -> SafeString:
    """The header: the portal's brand and menu, or on an agency's own domain (``site``) the
    agency's; on the portal's pages about one agency (``agency``), a bar with that agency's name
    and menu below. The entry of the page shown is marked."""
    menus_of = menus_of or menus.site_menus
    menu = menus_of(site).header
    agency_menu = menus_of(agency).header if agency is not None and site is None else ()
    tops = (*menu, *agency_menu)
    urls = {entry.url for top in tops for entry in (top, *top.children)}
    current_path = path if path in urls else ""
    context = {
        "site": site,
        "menu": menu,
        "agency": agency if agency_menu else None,
        "agency_menu": agency_menu,
        "current_path": current_path,
        "query": query,
    }
    shows = (
        content_key(site),
        menu,
        content_key(agency) if agency_menu else (),
        agency_menu,
        current_path,
        query,
    )
    (html,) = render_kept(HEADER_TEMPLATE, [(context, shows)])
    return mark_safe(html)  # noqa: S308 - template output, escaped there


def render_footer_sections(agency=None, *, menus_of=None) -> SafeString:
    """The footer's columns that are the same on every page of a site (all but the language
    switch): the agency's (or the portal's) identity and contacts, its footer menu, and where to
    complain (SP4N-LAPOR!, the Komisi Informasi)."""
    sections = (menus_of or menus.site_menus)(agency).footer
    context = {"sections": sections, "agency": agency}
    shows = (content_key(agency), [(str(s.heading), s.links) for s in sections])
    (html,) = render_kept(FOOTER_TEMPLATE, [(context, shows)])
    return mark_safe(html)  # noqa: S308 - template output, escaped there


def content_key(obj, _seen=None) -> tuple:
    """What identifies the content of a model instance as loaded, and of the related rows loaded
    with it (``select_related`` and prefetched ones), as plain data for a fragment key.

    - a row with ``version`` and ``updated_at`` (a publishable kind): id, version, updated_at;
    - a row with ``updated_at`` (an agency): id, updated_at;
    - any other row (a category, a tag): every column it was loaded with.
    """
    if obj is None:
        return ()
    seen = _seen if _seen is not None else set()
    opts = obj._meta
    loaded = obj.__dict__
    identity = (opts.label_lower, obj.pk)
    if identity in seen:
        return identity
    seen.add(identity)
    if "version" in loaded and "updated_at" in loaded:
        row = (loaded["version"], loaded["updated_at"])
    elif "updated_at" in loaded:
        row = (loaded["updated_at"],)
    else:
        columns = [field.attname for field in opts.concrete_fields]
        row = tuple(_plain(loaded[name]) for name in columns if name in loaded)
    related = [
        (name, content_key(value, seen)) for name, value in sorted(obj._state.fields_cache.items())
    ]
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    many = [(name, [content_key(row, seen) for row in rows]) for name, rows in prefetched.items()]
    return (*identity, row, related, many)


def _plain(value):
    return value.name if isinstance(value, FieldFile) else value


def render_kept(template_name: str, items: list[tuple[dict, object]]) -> list[str]:
    """Render ``template_name`` once per (context, what it shows) item, reusing kept results.

    ``what it shows`` must hold every value the context feeds into the template, as plain data.
    """
    template, version = _template(template_name)
    language = get_language()
    keys = [_key(version, language, shows) for _, shows in items]
    kept = _local.get_many(keys)
    if wanted := [key for key in keys if key not in kept]:
        from_cache = cache.get_many(wanted)
        _local.set_many(from_cache)
        kept.update(from_cache)
    rendered, missing = [], {}
    for key, (context, _) in zip(keys, items, strict=True):
        html = kept.get(key)
        if html is None:
            html = missing[key] = template.render(context)
        rendered.append(html)
    if missing:
        cache.set_many(missing, LIFETIME)
        _local.set_many(missing)
    return rendered


# Django's per-process memory cache: least recently used out first, with a lifetime, thread-safe
# (about 0.13 ms for the 14 fragments of a list page: it pickles, a dict would not, 1% of a page).
_local = LocMemCache(
    "humas-fragments", {"TIMEOUT": LOCAL_LIFETIME, "OPTIONS": {"MAX_ENTRIES": LOCAL_SIZE}}
)
forget_local = _local.clear  # for tests, which start each with an empty cache


@once
def _template(name: str):
    template = get_template(name)
    # The templates' own text is part of every key: a changed template renders new fragments.
    sources = [template.template.source] + [get_template(n).template.source for n in INCLUDED]
    version = hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()
    return template, f"{name}:{version}"


def _key(version: str, language: str, shows) -> str:
    where = (version, language, settings.TIME_ZONE, settings.MEDIA_URL, shows)
    return "fragment:" + hashlib.blake2b(repr(where).encode(), digest_size=16).hexdigest()

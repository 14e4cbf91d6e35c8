"""Page fragments rendered once per content and kept in the cache: news cards, agency tiles,
the text of an article, the site header and footer.

A fragment is a pure function of what it shows (for a card: title, lead, date, photo, agency,
category, link, the search snippet), its variant, the language and its templates. Its cache key
is a digest of exactly those, so a kept fragment can never be stale: when any of them changes,
the key changes and the old fragment simply expires. No invalidation is needed, and the
per-process memory cache of development is as correct as Redis.

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
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

CARD_TEMPLATE = "portal/_card.html"
AGENCY_TILES_TEMPLATE = "portal/_agency_tiles.html"
ARTICLE_TEMPLATE = "portal/_article_main.html"
HEADER_TEMPLATE = "_site_header.html"
FOOTER_TEMPLATE = "_site_footer_sections.html"
# The header marks the main menu's entry of the page shown (aria-current); other paths need no mark.
MENU_PATHS = ("portal:home", "portal:article_list", "/ppid/", "/ppid/informasi/")
# Templates rendered inside the fragments by {% picture %} and {% agency_logo %}.
INCLUDED = ("portal/_picture.html", "portal/_agency_logo.html")
LIFETIME = 24 * 60 * 60  # bounds how long a photo that could not be read stays missing
LOCAL_SIZE = 2000  # fragments kept in each process's memory (a few MB), the most recently used
LOCAL_LIFETIME = 5 * 60


def render_cards(articles, *, heading="h3", compact=False, first_big=False) -> SafeString:
    """The cards of ``articles`` as HTML, in order; the first one big when ``first_big``."""
    items = []
    for position, article in enumerate(articles):
        big = first_big and position == 0
        variant = {"heading": heading, "big": big, "compact": compact and not big}
        items.append(({"article": article, **variant}, (_card_shows(article), variant)))
    return mark_safe("".join(render_kept(CARD_TEMPLATE, items)))  # noqa: S308 - template output


def _card_shows(article) -> tuple:
    agency, category = article.agency, article.category
    return (
        article.pk,
        article.slug,
        article.title,
        article.lead,
        str(getattr(article, "snippet", "")),
        article.publish_at.isoformat() if article.publish_at else "",
        article.cover_image.name or "",
        (agency.slug, agency.name, agency.short_name),
        (category.slug, category.name) if category else None,
    )


def render_article_main(article, canonical_url: str) -> SafeString:
    """An article's page body: breadcrumbs, header, photo, text, tags and share links."""
    agency, category = article.agency, article.category
    shows = (
        article.pk,
        article.title,
        article.lead,
        hashlib.blake2b(article.body.encode(), digest_size=16).hexdigest(),
        article.publish_at.isoformat() if article.publish_at else "",
        article.corrected_at.isoformat() if article.corrected_at else "",
        (article.cover_image.name or "", article.cover_caption, article.cover_credit),
        (agency.slug, agency.name, agency.short_name, agency.logo.name or ""),
        (category.slug, category.name) if category else None,
        [(tag.slug, tag.name) for tag in article.tags.all()],
        canonical_url,
    )
    context = {"article": article, "canonical_url": canonical_url}
    (html,) = render_kept(ARTICLE_TEMPLATE, [(context, shows)])
    return mark_safe(html)  # noqa: S308 - template output, escaped (and the body sanitised) there


def render_agency_tiles(agencies) -> SafeString:
    """The home page's tiles of every agency (name, logo, link) as HTML."""
    agencies = list(agencies)
    shows = [(a.slug, a.name, a.short_name, a.logo.name or "") for a in agencies]
    (html,) = render_kept(AGENCY_TILES_TEMPLATE, [({"agencies": agencies}, shows)])
    return mark_safe(html)  # noqa: S308 - template output, escaped there


def render_site_header(path: str, query: str = "") -> SafeString:
    """The portal's header: brand, main menu (the current entry marked), search box."""
    current_path = path if path in _menu_paths() else ""
    context = {"current_path": current_path, "query": query}
    (html,) = render_kept(HEADER_TEMPLATE, [(context, (current_path, query))])
    return mark_safe(html)  # noqa: S308 - template output, escaped there


def render_footer_sections() -> SafeString:
    """The footer's columns that are the same on every page (all but the language switch)."""
    (html,) = render_kept(FOOTER_TEMPLATE, [({}, ())])
    return mark_safe(html)  # noqa: S308 - template output, escaped there


@once
def _menu_paths() -> frozenset[str]:
    return frozenset(path if path.startswith("/") else reverse(path) for path in MENU_PATHS)


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

"""News cards, rendered once per content and kept in the cache.

A card is a pure function of what it shows (title, lead, date, photo, agency, category, link, the
search snippet), the variant (heading level, big, compact), the language and the card template
itself. Its cache key is a digest of exactly those, so a stored card can never be stale: when any
of them changes the key changes, and old cards simply expire. No invalidation is needed, and the
per-process memory cache of development is as correct as Redis.

Lists render all their cards at once (``{% news_cards %}``): one ``get_many`` for the page, the
missing cards rendered with the template and stored with one ``set_many``.
"""

from __future__ import annotations

import hashlib
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TEMPLATE = "newsroom/_card.html"
INCLUDED = ("newsroom/_picture.html",)  # rendered inside a card by {% picture %}
LIFETIME = 24 * 60 * 60  # bounds how long a photo that could not be read stays missing on a card


@once
def _template():
    template = get_template(TEMPLATE)
    # The templates' own text is part of every key: a changed card template renders new cards.
    sources = [template.template.source] + [get_template(n).template.source for n in INCLUDED]
    version = hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()
    return template, version


def render_cards(articles, *, heading="h3", compact=False, first_big=False) -> SafeString:
    """The cards of ``articles`` as HTML, in order; the first one big when ``first_big``."""
    template, version = _template()
    language = get_language()
    contexts, keys = [], []
    for position, article in enumerate(articles):
        big = first_big and position == 0
        context = {
            "article": article,
            "heading": heading,
            "big": big,
            "compact": compact and not big,
        }
        contexts.append(context)
        keys.append(_key(article, context, language, version))
    stored = cache.get_many(keys) if keys else {}
    rendered, missing = [], {}
    for key, context in zip(keys, contexts, strict=True):
        html = stored.get(key)
        if html is None:
            html = missing[key] = template.render(context)
        rendered.append(html)
    if missing:
        cache.set_many(missing, LIFETIME)
    return mark_safe("".join(rendered))  # noqa: S308 - each card is template output, escaped there


def _key(article, context, language: str, version: str) -> str:
    agency, category = article.agency, article.category
    shown = (
        article.pk,
        article.slug,
        article.title,
        article.lead,
        str(getattr(article, "snippet", "")),
        article.publish_at.isoformat() if article.publish_at else "",
        article.cover_image.name or "",
        agency.slug,
        agency.name,
        agency.short_name,
        (category.slug, category.name) if category else None,
        context["heading"],
        context["big"],
        context["compact"],
        language,
        settings.TIME_ZONE,
        settings.MEDIA_URL,
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"card:{version}:{digest}"

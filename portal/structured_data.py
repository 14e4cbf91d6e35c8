"""schema.org metadata (JSON-LD) of public pages: ``NewsArticle`` for an article,
``GovernmentOrganization`` for an agency's page (and its own domain's home), ``WebSite`` with its
search for the portal's home. (Events carry theirs from portal.calendars.)

Views put the result in the context as ``structured_data``; base.html writes it in a
``<script type="application/ld+json">``. Built from rows the page has loaded already: no query.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from . import sites

CONTEXT = "https://schema.org"
HEADLINE_LENGTH = 110  # what search engines show of a NewsArticle headline


def as_script_text(data: dict) -> SafeString:
    """``data`` as JSON that nothing can end the <script> element with (as Django's json_script)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - JSON with the three HTML-significant characters escaped


def organization(agency, url: str, request=None) -> dict:
    """The agency as a schema.org ``GovernmentOrganization``."""
    data = {"@type": "GovernmentOrganization", "name": agency.name, "url": url}
    if agency.short_name and agency.short_name != agency.name:
        data["alternateName"] = agency.short_name
    if agency.logo and request is not None:
        data["logo"] = request.build_absolute_uri(agency.logo.url)
    return data


def government_organization(agency, url: str, request) -> SafeString:
    """An agency's page: who it is, where, how to reach it, its official accounts."""
    data = {"@context": CONTEXT, **organization(agency, url, request)}
    if agency.description:
        data["description"] = strip_tags(agency.description)
    if agency.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": agency.address.strip()}
    if agency.phone:
        data["telephone"] = agency.phone
    if agency.email:
        data["email"] = agency.email
    accounts = [
        getattr(agency, name, "")
        for name in ("website", "instagram_url", "facebook_url", "x_url", "youtube_url",
                     "tiktok_url")
    ]  # fmt: skip
    if same_as := [account for account in accounts if account]:
        data["sameAs"] = same_as
    return as_script_text(data)


def news_article(article, *, url: str, agency_url: str, image_url: str, request) -> SafeString:
    """An article as a schema.org ``NewsArticle`` (its tags prefetched, category and agency
    selected with it)."""
    publisher = organization(article.agency, agency_url, request)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title[:HEADLINE_LENGTH],
        "description": getattr(article, "seo_description", "") or strip_tags(article.lead),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "id",
        "datePublished": article.first_published_at or article.publish_at,
        "dateModified": article.corrected_at or article.publish_at,
        "author": publisher,
        "publisher": publisher,
    }
    if image_url:
        data["image"] = [image_url]
    if article.category_id:
        data["articleSection"] = article.category.name
    if tags := [tag.name for tag in article.tags.all()]:
        data["keywords"] = tags
    return as_script_text(data)


def website(request, name: str) -> SafeString:
    """The portal's home: the site, and how to search it (search engines may offer the box)."""
    base = sites.site_base(request)
    return as_script_text(
        {
            "@context": CONTEXT,
            "@type": "WebSite",
            "name": name,
            "url": base + "/",
            "inLanguage": "id",
            "potentialAction": {
                "@type": "SearchAction",
                "target": base + reverse("portal:search") + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }
    )

"""Links to the portal with campaign tags (UTM), so the visits a post brings can be counted."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")


def with_utm(url: str, *, platform: str, campaign: str, medium: str = "social") -> str:
    """``url`` with utm_source=<platform>, utm_medium=social, utm_campaign=<campaign>.

    Tags already on the link are replaced (a link copied from an earlier post keeps no stale
    source); other query parameters and the fragment stay as they were.
    """
    if not url:
        return ""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in UTM_KEYS]
    query += [("utm_source", platform), ("utm_medium", medium)]
    if campaign:
        query.append(("utm_campaign", campaign))
    return urlunsplit(parts._replace(query=urlencode(query)))


def site_base(agency) -> str:
    """``scheme://host`` where ``agency``'s content lives: its own domain, else the portal's."""
    if agency is not None and agency.domain:
        return f"https://{agency.domain}"
    return settings.SITE_URL


def absolute(path: str, agency) -> str:
    """The absolute address of ``path`` on ``agency``'s site (a full URL is returned as is)."""
    if not path or "://" in path:
        return path or ""
    return site_base(agency) + path

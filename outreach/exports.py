"""CSV of approved posts for scheduling tools (Meta Business Suite, Hootsuite, Buffer ...)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from humas import spreadsheet

from . import platforms


def header() -> list[str]:
    return [
        _("Planned time (WIB)"),
        _("Platform"),
        _("Title"),
        _("Text"),
        _("Link"),
        _("Media"),
        _("Content pillar"),
        _("Content objective"),
        _("Key message"),
        _("Agency"),
        _("Status"),
        _("Post address"),
    ]


def rows(posts, absolute=str) -> list[list[str]]:
    """One row per post: the whole text as it goes online, with its tracked link."""
    found = []
    table = platforms.all_limits()
    for post in posts:
        limits = table[post.platform]
        media = post.media()
        found.append(
            [
                timezone.localtime(post.planned_at).strftime("%Y-%m-%d %H:%M"),
                post.get_platform_display(),
                post.title,
                post.full_text(limits),
                post.tracked_link(),
                absolute(media.url) if media else "",
                post.pillar.name,
                post.objective.title if post.objective_id else "",
                post.key_message.title if post.key_message_id else "",
                post.agency.short_name,
                _("Posted") if post.is_posted else _("Approved"),
                post.posted_url,
            ]
        )
    return found


def write_csv(posts, absolute=str) -> str:
    return spreadsheet.write_csv(header(), rows(posts, absolute))


def csv_response(request, queryset) -> HttpResponse:
    """The approved posts of ``queryset`` as a download (UTF-8 with a BOM, for spreadsheets)."""
    posts = (
        queryset.select_related("agency", "pillar", "objective", "key_message")
        .prefetch_related("source")
        .order_by("planned_at", "pk")
    )
    # Media addresses in full (a scheduling tool fetches them); storage URLs stay as they are.
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return spreadsheet.csv_download(
        f"rencana-unggahan-{stamp}.csv", header(), rows(posts, request.build_absolute_uri)
    )

"""Public pages of announcements (/pengumuman/) and the agenda (/agenda/, its iCalendar files).

Only the public rule's items are shown (``newsroom.agenda.public_announcements`` and
``public_events``), always through ``portal.sites.for_site``: on an agency's own domain, its own.
Like the news pages these hold nothing per visitor, so the page cache can keep them, and each runs
a fixed number of queries whatever the number of items (tests/portal/test_agenda.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency
from newsroom import images
from newsroom.agenda import public_announcements, public_events

from . import calendars
from .sites import for_site, public_url, site_agency
from .views import paginate

#: The agenda feed: every event still to come, and those of the last three months.
ICS_PAST = timedelta(days=90)
ICS_LIMIT = 500


def _agency_filter(request, queryset, params: dict):
    """``?instansi=<slug>``: one agency's items (an unknown agency is a 404, as on /berita/)."""
    slug = request.GET.get("instansi")
    if not slug:
        return queryset, None
    agency = get_object_or_404(for_site(Agency.objects.all(), request, field="pk"), slug=slug)
    params["instansi"] = slug
    return queryset.filter(agency=agency), agency


def _agencies(request):
    return for_site(Agency.objects.only("slug", "name", "short_name"), request, field="pk")


def _share(request, agency) -> tuple:
    share = images.share_image(agency.logo)
    return share, request.build_absolute_uri(share.url) if share else ""


def announcement_list(request):
    params: dict = {}
    items = for_site(public_announcements().defer("body"), request)
    items, agency = _agency_filter(request, items, params)
    page = paginate(request, items, params)
    return render(
        request,
        "portal/announcement_list.html",
        {"page": page, "agency": agency, "agencies": _agencies(request)},
    )


def announcement_detail(request, slug):
    announcement = get_object_or_404(for_site(public_announcements(), request), slug=slug)
    share, share_url = _share(request, announcement.agency)
    return render(
        request,
        "portal/announcement_detail.html",
        {
            "announcement": announcement,
            "canonical_url": public_url(
                request, announcement.get_absolute_url(), announcement.agency
            ),
            "share_image": share,
            "share_image_url": share_url,
        },
    )


def event_list(request):
    """Upcoming events, soonest first; ``?arsip=1``: the past ones, latest first."""
    archive = request.GET.get("arsip") == "1"
    params: dict = {"arsip": "1"} if archive else {}
    now = timezone.now()
    events = for_site(public_events(now).defer("body"), request)
    events = events.past(now) if archive else events.upcoming(now)
    events, agency = _agency_filter(request, events, params)
    page = paginate(request, events, params)
    return render(
        request,
        "portal/event_list.html",
        {
            "page": page,
            "archive": archive,
            "agency": agency,
            "agencies": _agencies(request),
            "agency_query": f"instansi={agency.slug}&" if agency else "",
        },
    )


def event_detail(request, slug):
    event = get_object_or_404(for_site(public_events(), request), slug=slug)
    url = public_url(request, event.get_absolute_url(), event.agency)
    share, share_url = _share(request, event.agency)
    return render(
        request,
        "portal/event_detail.html",
        {
            "event": event,
            "is_past": event.ends_at <= timezone.now(),
            "canonical_url": url,
            "share_image": share,
            "share_image_url": share_url,
            "google_calendar_url": calendars.google_calendar_url(event, url),
            "json_ld": calendars.event_json_ld(
                event,
                url,
                public_url(request, event.agency.get_absolute_url(), event.agency),
                share_url,
            ),
        },
    )


def event_ics(request, slug):
    """One event as an .ics file: "Tambahkan ke kalender" on phones and desktop apps."""
    event = get_object_or_404(for_site(public_events(), request), slug=slug)
    content = calendars.calendar([event], event.title, _linker(request))
    return calendars.ics_response(content, f"{event.slug[:80]}.ics", download=True)


def _linker(request):
    """Each event's canonical address (its agency's own domain when it has one)."""
    return lambda event: public_url(request, event.get_absolute_url(), event.agency)


def _feed_events(request, agency=None):
    now = timezone.now()
    events = for_site(public_events(now), request).filter(ends_at__gt=now - ICS_PAST)
    if agency is not None:
        events = events.filter(agency=agency)
    return events.order_by("starts_at", "id")[:ICS_LIMIT]


def agenda_ics(request):
    """The agenda to subscribe to in a calendar app (the site's agency only, on its domain)."""
    own = site_agency(request)
    name = _("Agenda of %(agency)s") % {"agency": own.name} if own else _("Government agenda")
    content = calendars.calendar(_feed_events(request), name, _linker(request))
    return calendars.ics_response(content, "agenda.ics")


def agency_agenda_ics(request, slug):
    agency = get_object_or_404(for_site(Agency.objects.all(), request, field="pk"), slug=slug)
    name = _("Agenda of %(agency)s") % {"agency": agency.name}
    content = calendars.calendar(_feed_events(request, agency), name, _linker(request))
    return calendars.ics_response(content, f"agenda-{agency.slug}.ics")

"""Events for calendar apps and search engines: iCalendar files, a Google Calendar link, and
schema.org ``Event`` data.

The iCalendar text is written by the ``icalendar`` package (RFC 5545: folding, escaping, the
VTIMEZONE of Asia/Jakarta) rather than by hand; what Google Calendar, Apple Calendar and Outlook
need of it is set here: a stable UID per event, DTSTAMP, all-day events as DATE values with an
exclusive end, timed ones with TZID=Asia/Jakarta.
"""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta
from urllib.parse import urlencode

import icalendar
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from newsroom.agenda import EVENT_TIME_ZONE, Event

PRODUCT_ID = "-//Humas//Agenda//ID"
CALENDAR_TIME_ZONE = "Asia/Jakarta"


def event_uid(event: Event) -> str:
    """The same for the life of the event, whichever host or slug it is read under (a calendar
    app that subscribed twice, or after a slug change, must not show it twice)."""
    return f"agenda-{event.pk}-{int(event.created_at.timestamp())}@humas"


def _bounds(event: Event):
    """DTSTART and DTEND values: dates for an all-day event (the end is the day after the last),
    WIB datetimes for a timed one; no end when no end time was given."""
    if event.all_day:
        return event.start_date, event.last_date + timedelta(days=1)
    start = timezone.localtime(event.starts_at, EVENT_TIME_ZONE)
    end = timezone.localtime(event.ends_at, EVENT_TIME_ZONE) if event.has_end_time else None
    return start, end


def _description(event: Event, url: str) -> str:
    parts = [event.lead.strip()]
    if event.organizer:
        parts.append(event.organizer)
    if event.registration_url:
        parts.append(event.registration_url)
    parts.append(url)
    return "\n\n".join(p for p in parts if p)


def vevent(event: Event, url: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("last-modified", event.updated_at.astimezone(UTC))
    item.add("sequence", event.version)
    start, end = _bounds(event)
    item.add("dtstart", start)
    if end is not None:
        item.add("dtend", end)
    item.add("summary", event.title)
    item.add("description", _description(event, url))
    item.add("location", event.location)
    item.add("url", url)
    item.add("status", "CONFIRMED")
    if event.all_day:
        item.add("transp", "TRANSPARENT")  # an all-day event does not block the day as busy
    return item


def calendar(events, name: str, url_of) -> bytes:
    """One iCalendar file of ``events``; ``url_of(event)`` gives each event's address."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", CALENDAR_TIME_ZONE)
    for event in events:
        cal.add_component(vevent(event, url_of(event)))
    # WIB has had no change of offset since 1964: one STANDARD block covers any event.
    cal.add_missing_timezones(first_date=date(2000, 1, 1), last_date=date(2100, 1, 1))
    return cal.to_ical()


def ics_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def google_calendar_url(event: Event, url: str) -> str:
    """A link that opens Google Calendar's "new event" form filled with this event."""
    if event.all_day:
        start, end = _bounds(event)
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    else:
        start = event.starts_at.astimezone(UTC)
        end = event.ends_at.astimezone(UTC) if event.has_end_time else start
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": _description(event, url),
        "location": event.location,
        "ctz": CALENDAR_TIME_ZONE,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def event_json_ld(event: Event, url: str, agency_url: str, image_url: str = "") -> str:
    """schema.org ``Event`` as JSON, safe inside a <script> element."""
    start, end = _bounds(event)
    if event.all_day:
        end = event.last_date  # schema.org's end date is the last day, not the day after
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": strip_tags(event.lead),
        "url": url,
        "startDate": start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "Place", "name": event.location, "address": event.location},
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": event.organizer_name,
            "url": agency_url,
        },
    }
    if end is not None:
        data["endDate"] = end.isoformat()
    if image_url:
        data["image"] = [image_url]
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # As django.utils.html.json_script: nothing in the text can close the <script> element.
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")

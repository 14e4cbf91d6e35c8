"""The content calendar's pages (staff side, under /admin/outreach/kalender/).

The page is rendered on the server (month table, week, list) and works without JavaScript; with
it, static/outreach/calendar.js puts FullCalendar (vendored) over the same data for dragging.
Every view only reads through outreach.calendar and writes through its ``move``.
"""

from __future__ import annotations

import calendar as month_calendar
import re
from datetime import date, time, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from ppid.deadlines import WorkingCalendar, package_holidays

from . import calendar as content_calendar
from .calendar_feed import FEED_FUTURE, FEED_PAST, feed_user, issue_feed, revoke_feed
from .planning import HEX_COLOUR, Pillar
from .platforms import Platform

VIEWS = {
    "bulan": gettext_lazy("Month"),
    "minggu": gettext_lazy("Week"),
    "daftar": gettext_lazy("List"),
}


def _agencies(request):
    agencies = list(permissions.agencies_for(request.user, permissions.NEWSROOM_ROLES))
    if not agencies:
        raise PermissionDenied
    return agencies


def _chosen_agency(request, agencies):
    wanted = request.GET.get("instansi") or request.POST.get("instansi")
    if not wanted:
        return agencies[0]
    for agency in agencies:
        if str(agency.pk) == wanted or agency.slug == wanted:
            return agency
    raise Http404


def _day(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _period(view: str, day: date) -> tuple[date, date, date, date]:
    """(first shown, last shown, previous anchor, next anchor) of a view around ``day``."""
    if view == "minggu":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6), first - timedelta(days=7), first + timedelta(7)
    month_first = day.replace(day=1)
    month_last = day.replace(day=month_calendar.monthrange(day.year, day.month)[1])
    previous = (month_first - timedelta(days=1)).replace(day=1)
    following = month_last + timedelta(days=1)
    if view == "daftar":
        return month_first, month_last, previous, following
    # The month table shows whole weeks, Monday first.
    first = month_first - timedelta(days=month_first.weekday())
    last = month_last + timedelta(days=6 - month_last.weekday())
    return first, last, previous, following


def calendar_page(request):
    agencies = _agencies(request)
    agency = _chosen_agency(request, agencies)
    view = request.GET.get("tampilan") if request.GET.get("tampilan") in VIEWS else "bulan"
    today = timezone.localdate()
    anchor = _day(request.GET.get("tanggal"), today)
    first, last, previous, following = _period(view, anchor)
    pillars = list(Pillar.objects.filter(agency=agency).order_by("position", "name"))
    platform = request.GET.get("platform") if request.GET.get("platform") in Platform.values else ""
    pillar_id = next((p.pk for p in pillars if str(p.pk) == request.GET.get("pilar")), None)

    found = content_calendar.entries([agency.pk], first, last, platform=platform,
                                     pillar_id=pillar_id)  # fmt: skip
    days = content_calendar.by_day(found)
    # The month itself (not the neighbouring weeks of the table) for the mix and the empty days.
    if view == "bulan":
        in_month = [e for e in found if e.local_at.month == anchor.month]
        span_first = anchor.replace(day=1)
        span_last = anchor.replace(day=month_calendar.monthrange(anchor.year, anchor.month)[1])
    else:
        in_month, span_first, span_last = found, first, last
    empty = content_calendar.empty_days(in_month, span_first, span_last)
    working = WorkingCalendar(agency)
    holidays = {**package_holidays(first.year), **package_holidays(last.year)}
    empty_set = set(empty)

    def cell(day: date) -> dict:
        return {
            "date": day,
            "entries": days.get(day, []),
            "in_period": span_first <= day <= span_last,
            "today": day == today,
            "empty": day in empty_set,
            "closed": not working.is_working_day(day),
            "holiday": holidays.get(day, ""),
        }

    all_days = [cell(first + timedelta(days=n)) for n in range((last - first).days + 1)]
    query = {"instansi": agency.pk, "tampilan": view}
    if platform:
        query["platform"] = platform
    if pillar_id:
        query["pilar"] = pillar_id
    base = reverse("outreach_calendar:page")
    can_edit = permissions.can_create_content(request.user, agency)
    context = {
        **admin.site.each_context(request),
        "title": _("Content calendar"),
        "agency": agency,
        "agencies": agencies,
        "view": view,
        "views": [
            (key, label, f"{base}?{urlencode({**query, 'tampilan': key, 'tanggal': anchor})}")
            for key, label in VIEWS.items()
        ],  # fmt: skip
        "anchor": anchor,
        "first": first,
        "last": last,
        "period_label": _period_label(view, anchor, first, last),
        "previous_url": f"{base}?{urlencode({**query, 'tanggal': previous})}",
        "next_url": f"{base}?{urlencode({**query, 'tanggal': following})}",
        "today_url": f"{base}?{urlencode(query)}",
        "weeks": [all_days[i : i + 7] for i in range(0, len(all_days), 7)],
        "list_days": [d for d in all_days if d["entries"] and d["in_period"]],
        "entries": found,
        "empty_days": empty,
        "mix": content_calendar.pillar_mix(in_month, pillars),
        "pillars": pillars,
        "platforms": Platform.choices,
        "platform": platform,
        "pillar_id": pillar_id,
        "can_edit": can_edit,
        "back": request.get_full_path(),
        "events_url": f"{reverse('outreach_calendar:events')}?{urlencode(query)}",
        "weekday_names": [_weekday(n) for n in range(7)],
        # FullCalendar shows WIB wall-clock times in its "UTC" zone: "now" is given the same way.
        "now_wib": timezone.localtime().replace(tzinfo=None).isoformat(timespec="minutes"),
    }
    return TemplateResponse(request, "admin/outreach/calendar/page.html", context)


def _weekday(n: int) -> str:
    return date_format(date(2024, 1, 1) + timedelta(days=n), "l")


def _period_label(view: str, anchor: date, first: date, last: date) -> str:
    if view == "minggu":
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
    return date_format(anchor, "F Y")


def events(request):
    """The calendar's entries as FullCalendar events (times as WIB wall-clock times)."""
    agencies = _agencies(request)
    agency = _chosen_agency(request, agencies)
    first = _day((request.GET.get("start") or "")[:10], timezone.localdate())
    last = _day((request.GET.get("end") or "")[:10], first + timedelta(days=42))
    if last < first or (last - first).days > 62:
        last = first + timedelta(days=42)
    pillar = request.GET.get("pilar")
    platform = request.GET.get("platform") if request.GET.get("platform") in Platform.values else ""
    found = content_calendar.entries(
        [agency.pk], first, last - timedelta(days=1), platform=platform,
        pillar_id=int(pillar) if pillar and pillar.isdigit() else None,
    )  # fmt: skip
    can_edit = permissions.can_create_content(request.user, agency)
    return JsonResponse(
        [
            {
                "id": entry.key,
                "title": _event_title(entry),
                "start": entry.local_at.replace(tzinfo=None).isoformat(timespec="minutes"),
                "url": entry.url,
                "editable": can_edit and entry.movable,
                "classNames": [
                    f"pillar-{entry.pillar.pk}" if entry.pillar else "pillar-none",
                    f"state-{entry.state}",
                ],  # fmt: skip
                "backgroundColor": _colour(entry),
                "borderColor": _colour(entry),
                "extendedProps": {"state": entry.state_label, "version": entry.version},
            }
            for entry in found
        ],
        safe=False,
    )


def _colour(entry) -> str:
    colour = entry.pillar.colour if entry.pillar else ""
    return colour if HEX_COLOUR.match(colour or "") else "#6b7280"


def _event_title(entry) -> str:
    parts = [entry.platform_label or capfirst(entry.kind), entry.title]
    if entry.state in ("expiring", "scheduled", "draft", "in_review", "changes_requested"):
        parts.append(f"({entry.state_label})")
    return " · ".join(parts[:2]) + (f" {parts[2]}" if len(parts) > 2 else "")


_TIME = re.compile(r"^([01]\d|2[0-3])[:.]([0-5]\d)$")


def move_view(request):
    """Move an item to another day: JSON for the calendar script, a redirect for the form."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wants_json = "application/json" in request.headers.get("Accept", "")
    back = request.POST.get("back") or reverse("outreach_calendar:page")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("outreach_calendar:page")
    try:
        item = content_calendar.find_item(request.POST.get("key", ""), request.user)
    except content_calendar.CalendarError:
        raise Http404 from None
    day = _day(request.POST.get("day"), date.min)
    found_time = _TIME.match((request.POST.get("time") or "").strip())
    at = time(int(found_time[1]), int(found_time[2])) if found_time else None
    try:
        if day == date.min:
            raise content_calendar.CalendarError(_("Choose the new date."))
        message = content_calendar.move(
            item, actor=request.user, day=day, at=at, version=request.POST.get("version")
        )
    except content_calendar.CalendarError as error:
        if wants_json:
            return JsonResponse({"ok": False, "message": error.message}, status=409)
        messages.error(request, error.message)
        return redirect(back)
    if wants_json:
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return redirect(back)


def pillar_css(request):
    """Each pillar's colour as a class (no inline styles: the CSP forbids them)."""
    ids = permissions.agency_ids_for(request.user, permissions.NEWSROOM_ROLES)
    pillars = Pillar.objects.all() if ids is None else Pillar.objects.filter(agency_id__in=ids)
    lines = [
        f".pillar-{pk} {{ --pillar-colour: {colour}; }}"
        for pk, colour in pillars.values_list("pk", "colour")
        if HEX_COLOUR.match(colour or "")
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    return response


def feed_page(request):
    """Make, show once and revoke the person's private calendar feed address."""
    _agencies(request)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "cabut":
            if revoke_feed(request.user):
                messages.success(request, _("The feed address is revoked; it no longer works."))
            return redirect("outreach_calendar:feed_page")
        token = issue_feed(request.user)
    feed = getattr(request.user, "calendar_feed", None) if token is None else None
    context = {
        **admin.site.each_context(request),
        "title": _("Private calendar feed"),
        "feed_url": request.build_absolute_uri(reverse("outreach_calendar:feed", args=[token]))
        if token
        else "",
        "feed": feed,
    }
    return TemplateResponse(request, "admin/outreach/calendar/feed.html", context)


def feed(request, token: str):
    """The ICS feed of the calendar for the person whose token this is (no session needed)."""
    from icalendar import Calendar, Event

    user = feed_user(token)
    if user is None:
        raise Http404
    ids = permissions.agency_ids_for(user, permissions.NEWSROOM_ROLES)
    if ids is not None and not ids:
        raise Http404
    today = timezone.localdate()
    found = content_calendar.entries(ids, today - FEED_PAST, today + FEED_FUTURE)
    ics = Calendar()
    ics.add("prodid", "-//Humas//Kalender konten//ID")
    ics.add("version", "2.0")
    ics.add("x-wr-calname", _("Humas content calendar"))
    ics.add("x-wr-timezone", "Asia/Jakarta")
    stamp = timezone.now()
    for entry in found:
        event = Event()
        event.add("uid", f"{entry.key}-{entry.state}@humas")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.at)
        event.add("dtend", entry.at + timedelta(minutes=30))
        summary = _event_title(entry)
        if entry.pillar:
            summary = f"[{entry.pillar.name}] {summary}"
        event.add("summary", summary)
        event.add("description", f"{entry.kind} · {entry.state_label}")
        event.add("url", request.build_absolute_uri(entry.url))
        ics.add_component(event)
    response = HttpResponse(ics.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalender-konten.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response

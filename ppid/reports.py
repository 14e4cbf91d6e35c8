"""The annual public-information service report (Perki 1/2021 Pasal 36: by 31 March for the
previous year), computed from the records. It holds counts only: no names, NIK or contacts."""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from . import deadlines
from .models import (
    ApplicantType,
    Channel,
    ExemptionGround,
    InformationRequest,
    Objection,
    ObjectionGround,
    Outcome,
)
from .services.requests import clock_start


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _counted(counter: Counter, choices) -> list[tuple[str, int]]:
    return [(str(label), counter.get(value, 0)) for value, label in choices]


def annual_report(year: int, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    requests = list(InformationRequest.objects.filter(year=year).select_related("agency"))
    calendars: dict[int, deadlines.WorkingCalendar] = {}
    by_month: Counter = Counter()
    days_to_answer: list[int] = []
    timeliness: Counter = Counter()
    for req in requests:
        by_month[req.received_date.month] += 1
        if not req.decided_at:
            if req.due_date and today > req.due_date:
                timeliness["open_overdue"] += 1
            continue
        calendar = calendars.setdefault(req.agency_id, deadlines.WorkingCalendar(req.agency_id))
        decided_on = timezone.localdate(req.decided_at)
        days = calendar.working_days_between(clock_start(req) or req.received_date, decided_on)
        days_to_answer.append(days)
        if days <= deadlines.ANSWER_DAYS:
            timeliness["within_10"] += 1
        elif req.extension_days and req.due_date and decided_on <= req.due_date:
            timeliness["within_extension"] += 1
        else:
            timeliness["late"] += 1
    decided = [r for r in requests if r.decided_at]
    answered = len(decided)
    objections = list(Objection.objects.filter(year=year))
    ground_counts = Counter(g for o in objections for g in o.grounds)
    return {
        "year": year,
        "total": len(requests),
        "by_month": [(str(MONTHS[m]), by_month.get(m, 0)) for m in range(1, 13)],
        "by_channel": _counted(Counter(r.channel for r in requests), Channel.choices),
        "by_applicant_type": _counted(
            Counter(r.applicant_type for r in requests), ApplicantType.choices
        ),
        "by_agency": sorted(Counter(r.agency.name for r in requests).items()),
        "by_outcome": _counted(Counter(r.outcome for r in decided), Outcome.choices),
        "by_exemption_ground": _counted(
            Counter(r.exemption_ground for r in decided if r.exemption_ground),
            ExemptionGround.choices,
        ),
        "answered": answered,
        "pending": len(requests) - answered,
        "median_days": statistics.median(days_to_answer) if days_to_answer else None,
        "mean_days": round(statistics.mean(days_to_answer), 1) if days_to_answer else None,
        "within_10": (timeliness["within_10"], _share(timeliness["within_10"], answered)),
        "within_extension": (
            timeliness["within_extension"],
            _share(timeliness["within_extension"], answered),
        ),
        "late": (timeliness["late"], _share(timeliness["late"], answered)),
        "open_overdue": timeliness["open_overdue"],
        "objections_total": len(objections),
        "objections_by_ground": _counted(ground_counts, ObjectionGround.choices),
        "objections_by_decision": [
            *_counted(
                Counter(o.decision for o in objections if o.decision), Objection.Decision.choices
            ),
            (str(_("Not yet answered")), sum(1 for o in objections if not o.decision)),
        ],
    }


def report_rows(report: dict) -> list[tuple[str, str, object]]:
    """The report as (section, item, value) rows: the CSV, and the same figures as the page."""
    rows: list[tuple[str, str, object]] = [
        (_("Requests"), _("Total"), report["total"]),
        (_("Requests"), _("Answered"), report["answered"]),
        (_("Requests"), _("Not yet answered"), report["pending"]),
    ]
    for key, section in [
        ("by_month", _("Requests by month")),
        ("by_channel", _("Requests by channel")),
        ("by_applicant_type", _("Requests by applicant type")),
        ("by_agency", _("Requests by agency")),
        ("by_outcome", _("Decisions by outcome")),
        ("by_exemption_ground", _("Refusals by exemption ground")),
    ]:
        rows += [(section, label, value) for label, value in report[key]]
    timeliness = _("Time to answer (working days)")
    rows += [
        (
            timeliness,
            _("Median"),
            report["median_days"] if report["median_days"] is not None else "",
        ),
        (timeliness, _("Mean"), report["mean_days"] if report["mean_days"] is not None else ""),
        (timeliness, _("Within 10 working days (%)"), report["within_10"][1]),
        (timeliness, _("Within the extension (%)"), report["within_extension"][1]),
        (timeliness, _("Late (%)"), report["late"][1]),
        (timeliness, _("Still open and overdue"), report["open_overdue"]),
        (_("Objections"), _("Total"), report["objections_total"]),
    ]
    rows += [(_("Objections by ground"), label, v) for label, v in report["objections_by_ground"]]
    rows += [
        (_("Objections by decision"), label, v) for label, v in report["objections_by_decision"]
    ]
    return rows


def _check_year(year: int) -> None:
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404


def report_view(request, year: int, fmt: str = ""):
    _check_year(year)
    report = annual_report(year)
    if fmt == "csv" or request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="laporan-ppid-{year}.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Section"), _("Item"), _("Value")])
        writer.writerows(report_rows(report))
        return response
    return render(request, "ppid/report.html", {"report": report, "year": year})

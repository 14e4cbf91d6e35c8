"""The annual public-information service report (Perki 1/2021 Pasal 36: by 31 March for the
previous year), computed from the records. It holds counts only: no names, NIK or contacts."""

from __future__ import annotations

import csv
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, TruncDate
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from accounts.models import Agency
from portal import sites

from . import deadlines
from .models import (
    ApplicantType,
    Channel,
    Dispute,
    ExemptionGround,
    Fee,
    InformationRequest,
    Objection,
    ObjectionGround,
    Outcome,
    ReportNarrative,
    SurveyResponse,
)
from .models.requests import NOT_COMPLETED
from .services.requests import clock_start
from .services.survey import satisfaction_index


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _percentile(ordered: list[int], percent: int) -> int | None:
    """The nearest-rank percentile of sorted values (None when there are none)."""
    if not ordered:
        return None
    rank = max(1, -(-percent * len(ordered) // 100))  # ceil(percent * n / 100)
    return ordered[rank - 1]


def _counted(counter: Counter, choices) -> list[tuple[str, int]]:
    return [(str(label), counter.get(value, 0)) for value, label in choices]


class _Clock(NamedTuple):
    """What ``clock_start`` reads of a request, so the report need not load whole rows."""

    agency: Agency
    received_date: date
    completed_at: datetime | None


#: Months of each half of the year (reports per semester).
SEMESTERS = {1: range(1, 7), 2: range(7, 13)}


def annual_report(
    year: int,
    today: date | None = None,
    *,
    agency: Agency | None = None,
    semester: int | None = None,
) -> dict:
    """The figures of a year, or of one of its semesters, for one agency or every agency, in a
    fixed number of queries whatever the number of requests."""
    today = today or timezone.localdate()
    months = SEMESTERS.get(semester, range(1, 13))
    requests = InformationRequest.objects.filter(year=year, received_at__month__in=months)
    objection_rows = Objection.objects.filter(year=year, filed_at__month__in=months)
    dispute_rows = Dispute.objects.filter(filed_on__year=year, filed_on__month__in=months)
    if agency is not None:
        requests = requests.filter(agency=agency)
        objection_rows = objection_rows.filter(agency=agency)
        dispute_rows = dispute_rows.filter(objection__agency=agency)
    requests = requests.order_by()
    # One pass over the year's rows for every count: a GROUP BY of the columns counted...
    groups = (
        requests.annotate(
            month=ExtractMonth("received_at"),
            answered=Q(decided_at__isnull=False),
            overdue=Q(decided_at__isnull=True, withdrawn_at__isnull=True, due_date__lt=today),
            withdrawn=Q(withdrawn_at__isnull=False),
        )
        .values_list(
            "month",
            "channel",
            "applicant_type",
            "agency_id",
            "answered",
            "outcome",
            "exemption_ground",
            "overdue",
            "withdrawn",
        )
        .annotate(n=Count("pk"))
    )
    total = answered = closed_incomplete = open_overdue = withdrawn_count = 0
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in groups:
        month, channel, applicant, agency_id, decided, outcome, ground, overdue, withdrawn, n = row
        total += n
        counts["by_month"][month] += n
        counts["by_channel"][channel] += n
        counts["by_applicant_type"][applicant] += n
        counts["by_agency_id"][agency_id] += n
        if withdrawn:
            withdrawn_count += n
        elif decided and outcome == NOT_COMPLETED:
            # Closed because the requester never completed it: not an answer on the information.
            closed_incomplete += n
        elif decided:
            answered += n
            counts["by_outcome"][outcome] += n
            if ground:
                counts["by_exemption_ground"][ground] += n
        elif overdue:
            open_overdue += n
    agencies = Agency.objects.only("name", "ppid_clock_start").in_bulk(list(counts["by_agency_id"]))
    for agency_id, n in counts["by_agency_id"].items():
        counts["by_agency"][agencies[agency_id].name] += n

    # ... and one over the answered ones for the time to answer: from day zero (clock_start; the
    # receipt while a file is still incomplete) to the day of the decision, in working days.
    answered_rows = (
        requests.filter(decided_at__isnull=False)
        .exclude(outcome=NOT_COMPLETED)
        .annotate(received_on=TruncDate("received_at"), decided_on=TruncDate("decided_at"))
        .values_list(
            *("agency_id", "received_on", "completed_at", "decided_on", "due_date"),
            *("extension_days", "outcome", "delivered_on"),
        )
    )
    answers = []
    deliveries = []  # (agency, day zero, delivered on) of the requests fulfilled
    awaiting_delivery = 0
    for row in answered_rows:
        agency_id, received_on, completed_at, decided_on, due_date, extension_days = row[:6]
        outcome, delivered_on = row[6:]
        start = clock_start(_Clock(agencies[agency_id], received_on, completed_at)) or received_on
        answers.append((agency_id, start, decided_on, due_date, extension_days))
        if delivered_on:
            deliveries.append((agency_id, start, delivered_on))
        elif outcome in InformationRequest.DELIVERABLE_OUTCOMES:
            awaiting_delivery += 1
    years = {
        day.year for _agency, start, decided_on, *_rest in answers for day in (start, decided_on)
    } | {delivered_on.year for *_rest, delivered_on in deliveries}
    calendars = deadlines.WorkingCalendar.for_agencies(
        {agency_id for agency_id, *_rest in answers},
        min(years, default=year),
        max(years, default=year),
    )
    days_to_answer: list[int] = []
    timeliness: Counter = Counter()
    for agency_id, start, decided_on, due_date, extension_days in answers:
        days = calendars[agency_id].working_days_between(start, decided_on)
        days_to_answer.append(days)
        if days <= deadlines.ANSWER_DAYS:
            timeliness["within_10"] += 1
        elif extension_days and due_date and decided_on <= due_date:
            timeliness["within_extension"] += 1
        else:
            timeliness["late"] += 1

    # Time to fulfil: from day zero to the day the information reached the requester.
    days_to_fulfil = sorted(
        calendars[agency_id].working_days_between(start, delivered_on)
        for agency_id, start, delivered_on in deliveries
    )

    # Disputes taken to the Komisi Informasi that year (by filing date), by stage and outcome.
    surveys = SurveyResponse.objects.filter(answered_at__year=year, answered_at__month__in=months)
    if agency is not None:
        surveys = surveys.filter(agency=agency)
    # Fees (UU 14/2008 Pasal 21: copies at cost) charged on the period's requests.
    fees = Fee.objects.filter(request__in=requests).aggregate(
        count=Count("pk"),
        total=Coalesce(Sum("amount"), 0),
        paid=Coalesce(Sum("amount", filter=Q(paid_at__isnull=False)), 0),
    )
    disputes = list(dispute_rows.values_list("stage", "outcome", "carried_out"))
    objections = list(objection_rows.values_list("grounds", "decision"))
    ground_counts = Counter(g for grounds, _decision in objections for g in grounds)
    return {
        "year": year,
        "total": total,
        "semester": semester,
        "satisfaction": satisfaction_index(surveys),
        "fees": fees,
        "agency": agency,
        "by_month": [(str(MONTHS[m]), counts["by_month"][m]) for m in months],
        "by_channel": _counted(counts["by_channel"], Channel.choices),
        "by_applicant_type": _counted(counts["by_applicant_type"], ApplicantType.choices),
        "by_agency": sorted(counts["by_agency"].items()),
        "by_outcome": _counted(counts["by_outcome"], Outcome.choices),
        "by_exemption_ground": _counted(counts["by_exemption_ground"], ExemptionGround.choices),
        "answered": answered,
        "closed_incomplete": closed_incomplete,
        "withdrawn": withdrawn_count,
        "pending": total - answered - closed_incomplete - withdrawn_count,
        "median_days": statistics.median(days_to_answer) if days_to_answer else None,
        "mean_days": round(statistics.mean(days_to_answer), 1) if days_to_answer else None,
        "within_10": (timeliness["within_10"], _share(timeliness["within_10"], answered)),
        "within_extension": (
            timeliness["within_extension"],
            _share(timeliness["within_extension"], answered),
        ),
        "late": (timeliness["late"], _share(timeliness["late"], answered)),
        "open_overdue": open_overdue,
        "fulfilled": len(days_to_fulfil),
        "awaiting_delivery": awaiting_delivery,
        "median_days_to_fulfil": statistics.median(days_to_fulfil) if days_to_fulfil else None,
        "p90_days_to_fulfil": _percentile(days_to_fulfil, 90),
        "objections_total": len(objections),
        "objections_by_ground": _counted(ground_counts, ObjectionGround.choices),
        "disputes_total": len(disputes),
        "disputes_by_stage": _counted(
            Counter(stage for stage, _o, _c in disputes), Dispute.Stage.choices
        ),
        "disputes_by_outcome": [
            *_counted(Counter(o for _s, o, _c in disputes if o), Dispute.Outcome.choices),
            (str(_("No outcome yet")), sum(1 for _s, o, _c in disputes if not o)),
            (str(_("Outcome carried out")), sum(1 for _s, _o, done in disputes if done)),
        ],
        "objections_by_decision": [
            *_counted(Counter(d for _grounds, d in objections if d), Objection.Decision.choices),
            (str(_("Not yet answered")), sum(1 for _grounds, d in objections if not d)),
        ],
    }


def report_rows(report: dict) -> list[tuple[str, str, object]]:
    """The report as (section, item, value) rows: the CSV, and the same figures as the page."""
    rows: list[tuple[str, str, object]] = [
        (_("Requests"), _("Total"), report["total"]),
        (_("Requests"), _("Answered"), report["answered"]),
        (_("Requests"), _("Not yet answered"), report["pending"]),
        (_("Requests"), _("Closed: not completed by the requester"), report["closed_incomplete"]),
        (_("Requests"), _("Withdrawn by the requester"), report["withdrawn"]),
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
        (_("Fulfilment"), _("Information delivered"), report["fulfilled"]),
        (_("Fulfilment"), _("Granted, not yet delivered"), report["awaiting_delivery"]),
        (
            _("Fulfilment"),
            _("Working days from receipt to delivery: median"),
            _blank(report["median_days_to_fulfil"]),
        ),
        (
            _("Fulfilment"),
            _("Working days from receipt to delivery: 90th percentile"),
            _blank(report["p90_days_to_fulfil"]),
        ),
        (_("Objections"), _("Total"), report["objections_total"]),
    ]
    rows += [(_("Objections by ground"), label, v) for label, v in report["objections_by_ground"]]
    rows += [
        (_("Objections by decision"), label, v) for label, v in report["objections_by_decision"]
    ]
    fees = _("Fees")
    rows += [
        (fees, _("Fees charged"), report["fees"]["count"]),
        (fees, _("Amount charged (Rp)"), report["fees"]["total"]),
        (fees, _("Amount paid (Rp)"), report["fees"]["paid"]),
    ]
    satisfaction = report["satisfaction"]
    skm = _("Public satisfaction survey (SKM)")
    rows.append((skm, _("Answers"), satisfaction["count"]))
    rows += [(skm, label, mean) for label, mean in satisfaction["elements"]]
    if satisfaction["count"]:
        rows.append((skm, _("Satisfaction index (IKM)"), satisfaction["ikm"]))
        rows.append((skm, _("Grade"), f"{satisfaction['grade']} ({satisfaction['meaning']})"))
    disputes = _("Disputes at the Komisi Informasi")
    rows.append((disputes, _("Total"), report["disputes_total"]))
    rows += [(disputes, label, v) for label, v in report["disputes_by_stage"]]
    rows += [(disputes, label, v) for label, v in report["disputes_by_outcome"]]
    return rows


def _blank(value):
    return "" if value is None else value


def _check_year(year: int) -> None:
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404


def report_view(request, year: int, fmt: str = ""):
    """The report for a year or a semester (``?semester=1|2``), portal-wide or for one agency
    (``?instansi=<slug>``; on an agency's own domain always that agency)."""
    _check_year(year)
    agency = sites.site_agency(request)
    if agency is None and (slug := request.GET.get("instansi")):
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            raise Http404
    semester = request.GET.get("semester") or None
    if semester is not None:
        if semester not in ("1", "2"):
            raise Http404
        semester = int(semester)
    report = annual_report(year, agency=agency, semester=semester)
    if fmt == "csv" or request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = "-".join(
            part for part in ["laporan-ppid", agency and agency.slug, str(year),
                              semester and f"semester-{semester}"] if part
        )  # fmt: skip
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Section"), _("Item"), _("Value")])
        writer.writerows(report_rows(report))
        return response
    narrative = None
    if agency is not None:
        narrative = ReportNarrative.objects.filter(
            agency=agency, year=year, period=semester or 0
        ).first()
    context = {
        "report": report,
        "year": year,
        "agency": agency,
        "semester": semester,
        "narrative": narrative,
        "agencies": sites.for_site(Agency.objects, request, "pk").order_by("name"),
        "report_query": request.GET.urlencode(),
    }
    return render(request, "ppid/report.html", context)

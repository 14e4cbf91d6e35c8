"""The annual report's figures for a small year built by hand."""

import csv
import io
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid import services
from ppid.models import ClosureDay
from ppid.reports import annual_report

from .conftest import applicant, jakarta

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026(agency, other_agency, ppid_officer, ppid_head, make_user, travel):
    other_officer = make_user("petugas_bpsdm", "ppid_officer", other_agency)

    def register(target, when, actor=None, channel="online", **data):
        travel(when)
        req, _code = services.register_request(
            agency=target, data=applicant(**data), channel=channel, actor=actor
        )
        return req

    # R1: Mon 2 Feb, online, answered Wed 4 Feb: 2 working days.
    r1 = register(agency, jakarta(2026, 2, 2, 9))
    travel(jakarta(2026, 2, 4, 15))
    services.decide(r1, actor=ppid_officer, outcome="granted", reasons="Terlampir")
    # R2: Mon 16 Mar, walk-in legal entity, extended, refused on 14 Apr: 15 working days,
    # within the extension (due 16 Apr).
    r2 = register(
        agency,
        jakarta(2026, 3, 16, 9),
        actor=ppid_officer,
        channel="walk_in",
        applicant_type="badan_hukum",
        nik="",
        legal_entity_decree="AHU-1",
    )
    travel(jakarta(2026, 3, 26, 9))
    services.extend(r2, actor=ppid_officer, days=7, reason="Dokumen di arsip")
    travel(jakarta(2026, 4, 14, 9))
    services.decide(
        r2,
        actor=ppid_officer,
        outcome="exempt",
        exemption_ground="17h",
        consequence_test="Rahasia pribadi",
        reasons="Dikecualikan",
    )
    travel(jakarta(2026, 4, 20, 9))
    o1 = services.file_objection(r2, grounds=["35a"], case_text="Bukan rahasia")
    services.decide_objection(o1, actor=ppid_head, decision="upheld", reasons="Tetap")
    # R3: Mon 2 Nov, phone, group, other agency, answered Mon 23 Nov: 15 working days, late.
    r3 = register(
        other_agency,
        jakarta(2026, 11, 2, 9),
        actor=other_officer,
        channel="phone",
        applicant_type="kelompok",
    )
    travel(jakarta(2026, 11, 23, 9))
    services.decide(
        r3,
        actor=other_officer,
        outcome="not_held",
        holder_of_information="BPS",
        reasons="Tidak dikuasai",
    )
    travel(jakarta(2026, 11, 24, 9))
    services.file_objection(r3, grounds=["35g", "35e"], case_text="Terlambat")
    # R4: Tue 1 Dec, online, never answered.
    register(agency, jakarta(2026, 12, 1, 9))
    travel(jakarta(2027, 1, 20, 9))


def test_report_figures_for_a_hand_built_year(year_2026):
    report = annual_report(2026, today=date(2027, 1, 20))
    months = dict(report["by_month"])
    assert report["total"] == 4
    assert [v for _k, v in report["by_month"]] == [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    assert sum(months.values()) == 4
    assert [v for _k, v in report["by_channel"]] == [2, 1, 1, 0]  # online, walk-in, phone, letter
    assert [v for _k, v in report["by_applicant_type"]] == [2, 1, 1]
    assert report["by_agency"] == [
        ("Badan Pengembangan SDM", 1),
        ("Dinas Kelautan dan Perikanan", 3),
    ]
    assert [v for _k, v in report["by_outcome"]] == [1, 0, 1, 1, 0]
    assert [v for _k, v in report["by_exemption_ground"]] == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]  # 17(h)
    assert (report["answered"], report["pending"]) == (3, 1)
    assert report["median_days"] == 15
    assert report["mean_days"] == pytest.approx(10.7)
    assert report["within_10"] == (1, 33.3)
    assert report["within_extension"] == (1, 33.3)
    assert report["late"] == (1, 33.3)
    assert report["open_overdue"] == 1
    assert report["objections_total"] == 2
    assert [v for _k, v in report["objections_by_ground"]] == [1, 0, 0, 0, 1, 0, 1]
    assert [v for _k, v in report["objections_by_decision"]] == [1, 0, 1]


def test_report_csv_and_html_carry_the_same_figures(client, year_2026):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # labels read in English below
    response = client.get(reverse("ppid:report_csv", args=[2026]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    figures = {(section, item): value for section, item, value in rows[1:]}
    assert figures[("Requests", "Total")] == "4"
    assert figures[("Time to answer (working days)", "Median")] == "15"
    assert figures[("Time to answer (working days)", "Within 10 working days (%)")] == "33.3"
    assert figures[("Requests by channel", "Telephone")] == "1"
    assert figures[("Objections by decision", "PPID decision upheld (objection rejected)")] == "1"
    same = client.get(reverse("ppid:report", args=[2026]) + "?format=csv")
    assert same.content == response.content
    html = client.get(reverse("ppid:report", args=[2026]))
    assert html.status_code == 200
    assert "33.3%" in html.content.decode()


@pytest.fixture
def calendar_year(agency, other_agency, ppid_officer, make_user, travel):
    """2026 requests whose time to answer depends on the calendar: the agency's own closure day,
    its clock that starts when the file is complete, holidays, an extension and the new year."""
    other_officer = make_user("petugas_bpsdm", "ppid_officer", other_agency)
    agency.ppid_clock_start = "complete"
    agency.save()
    ClosureDay.objects.create(date=date(2026, 5, 4), name="Banjir di kantor", agency=agency)

    def register(target, when):
        travel(when)
        req, _code = services.register_request(agency=target, data=applicant(), channel="online")
        return req

    def decide(req, when, officer=ppid_officer):
        travel(when)
        services.decide(req, actor=officer, outcome="granted", reasons="Terlampir")

    # A: received Mon 16 Mar, file complete Wed 25 Mar, answered Thu 9 Apr: 10 working days from
    # completion (26, 27, 30, 31 Mar, 1, 2 Apr, Good Friday 3 Apr, 6-9 Apr), within 10.
    a = register(agency, jakarta(2026, 3, 16, 9))
    services.ask_for_completion(a, actor=ppid_officer, missing="Salinan KTP")
    travel(jakarta(2026, 3, 25, 9))
    services.record_completion(a, actor=ppid_officer)
    decide(a, jakarta(2026, 4, 9, 9))
    # B and C: received Mon 27 Apr, answered Wed 13 May, Labour Day (1 May) in between. The
    # agency was closed on Mon 4 May: 10 working days, within 10; the other agency: 11, late.
    b = register(agency, jakarta(2026, 4, 27, 9))
    c = register(other_agency, jakarta(2026, 4, 27, 9))
    decide(b, jakarta(2026, 5, 13, 9))
    decide(c, jakarta(2026, 5, 13, 9), other_officer)
    # D and E: received Mon 2 Nov, extended by 7 working days: due Wed 25 Nov. D answered Tue
    # 24 Nov (16 working days, within the extension), E answered Thu 26 Nov (18, late).
    d = register(agency, jakarta(2026, 11, 2, 9))
    e = register(other_agency, jakarta(2026, 11, 2, 9))
    travel(jakarta(2026, 11, 12, 9))
    services.extend(d, actor=ppid_officer, days=7, reason="Dokumen di arsip")
    services.extend(e, actor=other_officer, days=7, reason="Dokumen di arsip")
    decide(d, jakarta(2026, 11, 24, 9))
    decide(e, jakarta(2026, 11, 26, 9), other_officer)
    # F: received Mon 14 Dec, not answered: due Wed 30 Dec (Christmas and its cuti bersama).
    register(agency, jakarta(2026, 12, 14, 9))
    # G: received Mon 21 Dec, answered Fri 8 Jan 2027: 10 working days across Christmas, the
    # new year and Isra Mi'raj (5 Jan 2027), within 10.
    g = register(agency, jakarta(2026, 12, 21, 9))
    decide(g, jakarta(2027, 1, 8, 9))


def test_time_to_answer_follows_each_agencys_calendar(calendar_year):
    report = annual_report(2026, today=date(2027, 1, 20))
    assert (report["total"], report["answered"], report["pending"]) == (7, 6, 1)
    assert [v for _k, v in report["by_month"]] == [0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 2, 2]
    assert report["by_agency"] == [
        ("Badan Pengembangan SDM", 2),
        ("Dinas Kelautan dan Perikanan", 5),
    ]
    # Working days to answer: A 10, B 10, C 11, D 16, E 18, G 10.
    assert report["median_days"] == 10.5
    assert report["mean_days"] == 12.5
    assert report["within_10"] == (3, 50.0)
    assert report["within_extension"] == (1, 16.7)
    assert report["late"] == (2, 33.3)
    assert report["open_overdue"] == 1


def test_an_open_request_is_overdue_only_after_its_due_date(calendar_year):
    assert annual_report(2026, today=date(2026, 12, 30))["open_overdue"] == 0
    assert annual_report(2026, today=date(2026, 12, 31))["open_overdue"] == 1


def test_report_reads_the_database_a_fixed_number_of_times(
    agency, other_agency, ppid_officer, make_user, travel
):
    """The report counts in the database: as many queries for 24 requests as for 3."""
    other_officer = make_user("petugas_bpsdm", "ppid_officer", other_agency)

    def add_requests(count):
        for i in range(count):
            target, officer = (agency, ppid_officer) if i % 2 else (other_agency, other_officer)
            travel(jakarta(2026, 1 + i % 12, 14, 9))
            req, _code = services.register_request(
                agency=target, data=applicant(), channel="online"
            )
            if i % 3:
                travel(jakarta(2026 + (i % 12 == 11), (i % 12 + 1) % 12 + 1, 5, 9))
                services.decide(req, actor=officer, outcome="granted", reasons="ok")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            report = annual_report(2026, today=date(2027, 1, 20))
        return report["total"], len(captured)

    add_requests(3)
    total, small = queries()
    assert total == 3
    add_requests(21)
    total, large = queries()
    assert total == 24
    # Counts, agencies, answered requests, closure days, fees, survey index, disputes, objections.
    assert small == large == 8


def test_report_of_a_future_year_is_404(client):
    assert client.get(reverse("ppid:report", args=[2999])).status_code == 404

"""The annual report's figures for a small year built by hand."""

import csv
import io
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from ppid import services
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


def test_report_of_a_future_year_is_404(client):
    assert client.get(reverse("ppid:report", args=[2999])).status_code == 404

"""The PPID officer's and the PPID head's dashboard at /admin/ (issue 14, item 2): new requests,
due within three working days (the agency's working days), overdue, objections; the head's
objections by answer date; scoped to their agencies; each number opens the list it counts."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid import deadlines, services
from ppid.models import InformationRequest

from .conftest import jakarta

MONDAY = jakarta(2026, 11, 16, 9)


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def stat(html: str, label: str) -> tuple[int, str]:
    found = re.search(
        r'<a class="dashboard-stat[^"]*" href="([^"]+)">\s*<span class="number">(\d+)</span>'
        r'<span class="label">' + re.escape(label),
        html,
    )
    assert found, label
    return int(found.group(2)), found.group(1).replace("&amp;", "&")


def due_on(req, day: date):
    InformationRequest.objects.filter(pk=req.pk).update(due_date=day)
    req.refresh_from_db()
    return req


@pytest.fixture
def queue(travel, make_request, ppid_officer, other_agency):
    """Monday 16 November 2026: one request overdue, one due Wednesday, one due in two weeks,
    one decided, and one of another agency that is overdue."""
    travel(MONDAY)
    today = MONDAY.date()
    overdue = due_on(make_request()[0], date(2026, 11, 13))
    soon = due_on(make_request()[0], deadlines.add_working_days(today, 2))
    later = due_on(make_request()[0], deadlines.add_working_days(today, 10))
    decided = make_request()[0]
    services.decide(decided, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    elsewhere = due_on(make_request(other_agency)[0], date(2026, 11, 10))
    return {"overdue": overdue, "soon": soon, "later": later, "decided": decided,
            "elsewhere": elsewhere}  # fmt: skip


def test_officer_sees_overdue_due_soon_and_new_requests_of_their_agency(
    client, ppid_officer, queue
):
    html = dashboard(client, ppid_officer)
    assert stat(html, "Lewat tenggat")[0] == 1
    assert stat(html, "Jatuh tempo dalam 3 hari kerja")[0] == 1
    assert stat(html, "Permohonan baru")[0] == 3  # the open ones of this agency
    assert queue["overdue"].registration_number in html
    assert queue["soon"].registration_number in html
    assert queue["elsewhere"].registration_number not in html
    assert queue["later"].registration_number not in html  # not urgent: not listed
    assert "lewat tenggat sejak 13 November 2026" in html


def test_each_deadline_number_opens_the_list_of_what_it_counts(client, ppid_officer, queue):
    html = dashboard(client, ppid_officer)
    for label, key in [("Lewat tenggat", "overdue"), ("Jatuh tempo dalam 3 hari kerja", "soon")]:
        count, url = stat(html, label)
        page = client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert queue[key].registration_number in text
        others = [r for k, r in queue.items() if k != key]
        assert not any(r.registration_number in text for r in others), label


def test_due_soon_counts_working_days_not_calendar_days(client, ppid_officer, travel, make_request):
    # Friday: Monday is one working day away, Wednesday three; the Thursday after is four.
    travel(jakarta(2026, 11, 20, 9))
    due_on(make_request()[0], date(2026, 11, 25))
    due_on(make_request()[0], date(2026, 11, 26))
    assert stat(dashboard(client, ppid_officer), "Jatuh tempo dalam 3 hari kerja")[0] == 1


def test_head_sees_objections_by_answer_date_and_the_menu_counts_them(
    client, ppid_head, ppid_officer, queue
):
    services.file_objection(queue["decided"], grounds=["35d"], case_text="Tidak sesuai.")
    html = dashboard(client, ppid_head)
    assert 'id="panel-ppid_head"' in html and 'id="panel-ppid_officer"' not in html
    count, url = stat(html, "Keberatan yang harus dijawab")
    assert count == 1 and "status__exact=pending" in url
    assert "batas jawaban" in html
    page = client.get("/admin/ppid/dipentry/").content.decode()
    assert re.search(r'href="/admin/ppid/objection/\?status__exact=pending"[^>]*>'
                     r'<span aria-hidden="true">1</span>', page)  # fmt: skip


def test_the_officer_dashboard_costs_the_same_queries_with_more_requests(
    client, ppid_officer, queue, make_request
):
    client.force_login(ppid_officer)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for _ in range(8):
        due_on(make_request()[0], date(2026, 11, 12))
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many) == len(few)

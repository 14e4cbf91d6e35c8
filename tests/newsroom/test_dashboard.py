"""The dashboard at /admin/ for writers and supervisors (issue 14, item 2): what waits for each,
scoped to their agencies, for every publishable kind, each number linking to the list it counts,
the counts beside the admin menu, and a bounded number of queries."""

import re

import pytest
from django.contrib.messages import constants
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom import editing, workflow
from newsroom.models import Article, Page


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str, key: str) -> str:
    """The HTML of one role's panel of the dashboard."""
    start = html.index(f'id="panel-{key}"')
    return html[start : html.index("</section>", start)]


def stat(html: str, label: str) -> tuple[int, str]:
    """The number shown for ``label`` and the address it links to."""
    found = re.search(
        r'<a class="dashboard-stat[^"]*" href="([^"]+)">\s*<span class="number">(\d+)</span>'
        r'<span class="label">' + re.escape(label),
        html,
    )
    assert found, label
    return int(found.group(2)), found.group(1).replace("&amp;", "&")


def listed_titles(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    cells = r'<th class="field-(?:title|path)"><a [^>]*>([^<]+)</a>'
    return set(re.findall(cells, response.content.decode()))


@pytest.fixture
def sent_back(article_in, supervisor):
    article = article_in(Article.Status.IN_REVIEW, title="Kapal nelayan baru")
    return workflow.request_changes(article, actor=supervisor, comment="Sumber data belum disebut.")


def test_writer_sees_drafts_what_came_back_with_the_comment_scheduled_and_published(
    client, writer, supervisor, draft, sent_back, article_in
):
    draft(title="Draf rapat koordinasi")
    in_review = article_in(Article.Status.IN_REVIEW, title="Jadwal tayang")
    workflow.schedule(in_review, actor=supervisor,
                      publish_at=timezone.now() + timezone.timedelta(days=2))  # fmt: skip
    live = article_in(Article.Status.IN_REVIEW, title="Sudah terbit")
    workflow.approve(live, actor=supervisor)

    mine = panel(dashboard(client, writer), "writer")

    assert "Draf rapat koordinasi" in mine
    assert "Kapal nelayan baru" in mine and "Sumber data belum disebut." in mine
    assert "Jadwal tayang" in mine and "tayang" in mine
    assert "Sudah terbit" in mine
    assert stat(mine, "Dikembalikan kepada saya untuk diperbaiki")[0] == 1


def test_each_number_links_to_the_list_of_exactly_what_it_counts(
    client, writer, supervisor, draft, sent_back, article_in
):
    draft(title="Draf rapat koordinasi")
    html = panel(dashboard(client, writer), "writer")
    count, url = stat(html, "Draf saya")
    assert (count, listed_titles(client, url)) == (1, {"Draf rapat koordinasi"})
    count, url = stat(html, "Dikembalikan kepada saya untuk diperbaiki")
    assert (count, listed_titles(client, url)) == (1, {"Kapal nelayan baru"})


@pytest.mark.parametrize("kind", ["article", "page"], indirect=True)
def test_supervisor_sees_the_queue_with_its_age_and_the_weeks_schedule(
    client, kind, supervisor, article_in, draft
):
    waiting = article_in(kind.Status.IN_REVIEW, title="Menunggu tinjauan")
    kind.objects.filter(pk=waiting.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=3)
    )
    scheduled = article_in(kind.Status.IN_REVIEW, title="Tayang Kamis")
    other = article_in(kind.Status.IN_REVIEW, title="Koreksi menunggu")
    workflow.approve(other, actor=supervisor)
    workflow.schedule(scheduled, actor=supervisor,
                      publish_at=timezone.now() + timezone.timedelta(days=3))  # fmt: skip
    fresh = type(other).objects.get(pk=other.pk)
    fresh.title = "Koreksi menunggu (diperbaiki)"
    editing.save(fresh, actor=supervisor, expected_version=fresh.version)

    desk = panel(dashboard(client, supervisor), "supervisor")

    assert "Menunggu tinjauan" in desk and "menunggu 3\xa0hari" in desk
    assert "Tayang Kamis" in desk
    count, url = stat(desk, "Menunggu tinjauan")
    assert count == 1 and f"/{kind._meta.model_name}/?antrean=review" in url
    assert listed_titles(client, url) == {"Menunggu tinjauan"} or kind is Page
    assert stat(desk, "Koreksi menunggu")[0] == 1
    assert stat(desk, "Terjadwal dalam 7 hari ke depan")[0] == 1


def test_dashboard_and_menu_leave_out_other_agencies(
    client, supervisor, other_writer, other_agency, draft, article_in
):
    article_in(Article.Status.IN_REVIEW, title="Milik sendiri")
    article_in(Article.Status.IN_REVIEW, agency=other_agency, author=other_writer,
               title="Milik instansi lain")  # fmt: skip
    html = dashboard(client, supervisor)
    assert "Milik sendiri" in html and "Milik instansi lain" not in html
    assert stat(panel(html, "supervisor"), "Menunggu tinjauan")[0] == 1
    client.force_login(other_writer)
    assert "Milik sendiri" not in client.get("/admin/").content.decode()


def test_the_menu_shows_the_counts_on_every_admin_page(client, supervisor, article_in):
    article_in(Article.Status.IN_REVIEW)
    article_in(Article.Status.IN_REVIEW)
    client.force_login(supervisor)
    page = client.get("/admin/newsroom/category/").content.decode()
    badge = re.search(r'class="menu-count menu-count-warning" href="([^"]+)" title="([^"]+)"'
                      r'><span aria-hidden="true">(\d+)</span>', page)  # fmt: skip
    assert badge and badge.groups() == (
        "/admin/newsroom/article/?antrean=review",
        "Menunggu tinjauan",
        "2",
    )


def test_writer_gets_no_supervisor_panel_and_ppid_staff_no_newsroom_panel(
    client, writer, ppid_officer
):
    html = dashboard(client, writer)
    assert 'id="panel-writer"' in html and 'id="panel-supervisor"' not in html
    html = dashboard(client, ppid_officer)
    assert 'id="panel-writer"' not in html and 'id="panel-ppid_officer"' in html


def queries_for_dashboard(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/").status_code == 200
    return len(captured)


def test_the_dashboard_costs_the_same_queries_with_many_items(
    client, supervisor, writer, article_in, draft
):
    article_in(Article.Status.IN_REVIEW)
    draft()
    few = {user: queries_for_dashboard(client, user) for user in (writer, supervisor)}
    for n in range(12):
        article_in(Article.Status.IN_REVIEW, title=f"Antre {n}")
        draft(title=f"Draf {n}")
    many = {user: queries_for_dashboard(client, user) for user in (writer, supervisor)}
    assert many == few
    assert max(many.values()) <= 40


def test_sending_back_is_confirmed_as_a_warning_and_the_writer_is_warned(
    client, supervisor, writer, article_in
):
    article = article_in(Article.Status.IN_REVIEW)
    client.force_login(supervisor)
    response = client.post(
        f"/admin/newsroom/article/{article.pk}/workflow/request_changes/",
        {"comment": "Lengkapi sumber."},
        follow=True,
    )
    assert [m.level for m in response.context["messages"]] == [constants.WARNING]
    client.force_login(writer)
    response = client.get("/admin/newsroom/article/")
    notices = [(m.level, m.message) for m in response.context["messages"]]
    assert (constants.WARNING, f"Perlu perbaikan: {article.title}") in notices

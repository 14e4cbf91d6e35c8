"""The content calendar: what it shows for an agency, coloured by pillar; moving an item by the
same rules as its own form; constant queries; the private ICS feed."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom import editing, workflow
from newsroom.models import Article
from newsroom.revisions import Revision
from outreach import calendar
from outreach.planning import Pillar, set_plan
from outreach.posts import PlannedPost

from .desk_fixtures import *  # noqa: F403 (fixtures)

WIB = timezone.get_default_timezone()
PAGE = reverse("outreach_calendar:page")
MOVE = reverse("outreach_calendar:move")


def month_ahead() -> date:
    """The first day of the month after next: everything there is still to come."""
    today = timezone.localdate()
    return (today.replace(day=1) + timedelta(days=64)).replace(day=1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


@pytest.fixture
def pillars(agency):
    return {
        "edukasi": Pillar.objects.create(agency=agency, name="Edukasi", colour="#1f6f8b",
                                         target_share=50),
        "layanan": Pillar.objects.create(agency=agency, name="Layanan Publik", colour="#c2410c",
                                         target_share=50),
    }  # fmt: skip


@pytest.fixture
def make_post(writer, pillars):
    def make(when, *, agency=None, author=None, platform="instagram", pillar=None, **fields):
        agency = agency or writer.memberships.first().agency
        pillar = pillar or Pillar.objects.filter(agency=agency).first()
        caption = fields.pop("caption", "Panen raya udang vaname")
        post = PlannedPost(agency=agency, platform=platform, caption=caption, planned_at=when,
                           pillar=pillar, **fields)  # fmt: skip
        return editing.create(post, actor=author or writer)

    return make


def test_the_month_shows_posts_and_publications_coloured_by_pillar(
    client, writer, agency, other_agency, other_writer, make_post, make_article, pillars
):
    first = month_ahead()
    make_post(at(first + timedelta(days=2), 9), caption="Ayo makan ikan")
    scheduled = make_article(agency, writer, title="Festival bahari",
                             publish_at=at(first + timedelta(days=4), 10))  # fmt: skip
    set_plan(scheduled, pillar=pillars["layanan"])
    Pillar.objects.create(agency=other_agency, name="Lain", target_share=10)
    make_post(at(first + timedelta(days=2), 9), agency=other_agency, author=other_writer,
              caption="Unggahan instansi lain")  # fmt: skip
    client.force_login(writer)
    page = client.get(PAGE, {"tanggal": first.isoformat()})
    assert page.status_code == 200
    assert "Ayo makan ikan" in page.text and "Festival bahari" in page.text
    assert "Unggahan instansi lain" not in page.text
    assert f"pillar-{pillars['layanan'].pk}" in page.text
    assert "Terjadwal" in page.text
    css = client.get(reverse("outreach_calendar:pillar_css"))
    assert f".pillar-{pillars['edukasi'].pk} {{ --pillar-colour: #1f6f8b; }}" in css.text


def test_filters_by_platform_and_pillar(writer, agency, make_post, make_article, pillars):
    first = month_ahead()
    make_post(at(first, 9), platform="instagram", pillar=pillars["edukasi"], caption="IG")
    make_post(at(first, 10), platform="x", pillar=pillars["layanan"], caption="X")
    make_article(agency, writer, title="Berita terjadwal", publish_at=at(first, 11))
    last = first + timedelta(days=27)
    titles = lambda found: sorted(e.title for e in found)  # noqa: E731
    assert titles(calendar.entries([agency.pk], first, last, platform="x")) == ["X"]
    only_edukasi = calendar.entries([agency.pk], first, last, pillar_id=pillars["edukasi"].pk)
    assert titles(only_edukasi) == ["IG"]
    assert titles(calendar.entries([agency.pk], first, last)) == ["Berita terjadwal", "IG", "X"]


def test_empty_days_and_the_pillar_mix_against_targets(agency, make_post, pillars):
    first = month_ahead()
    last = first + timedelta(days=6)
    for n, pillar in enumerate(["edukasi", "edukasi", "edukasi", "layanan"]):
        make_post(at(first + timedelta(days=n % 2), 9 + n), pillar=pillars[pillar])
    found = calendar.entries([agency.pk], first, last)
    assert calendar.empty_days(found, first, last) == [
        first + timedelta(days=n) for n in range(2, 7)
    ]
    mix = {row.pillar.name: (row.count, row.share, row.gap) for row in
           calendar.pillar_mix(found, list(pillars.values()))}  # fmt: skip
    assert mix == {"Edukasi": (3, 75, 25), "Layanan Publik": (1, 25, -25)}


def test_dragging_a_draft_post_changes_only_its_planned_day(client, writer, make_post):
    first = month_ahead()
    post = make_post(at(first, 9, 30))
    client.force_login(writer)
    day = (first + timedelta(days=3)).isoformat()
    response = client.post(
        MOVE, {"key": f"outreach.plannedpost:{post.pk}", "day": day, "version": post.version},
        HTTP_ACCEPT="application/json",
    )  # fmt: skip
    assert response.status_code == 200 and response.json()["ok"]
    post.refresh_from_db()
    assert post.planned_at == at(first + timedelta(days=3), 9, 30)
    assert post.status == PlannedPost.Status.DRAFT
    assert post.revisions.count() == 2  # the move is a saved revision like any edit


def test_a_drag_from_an_old_page_is_refused_with_who_changed_it(client, writer, make_post):
    first = month_ahead()
    post = make_post(at(first, 9))
    client.force_login(writer)
    response = client.post(MOVE, {"key": f"outreach.plannedpost:{post.pk}",
                                  "day": first.isoformat(), "time": "14:00", "version": 99},
                           HTTP_ACCEPT="application/json")  # fmt: skip
    assert response.status_code == 409 and "Tidak disimpan" in response.json()["message"]
    post.refresh_from_db()
    assert post.planned_at == at(first, 9)


def test_an_approved_posts_new_time_waits_for_a_supervisor(client, writer, supervisor, make_post):
    first = month_ahead()
    post = make_post(at(first, 9))
    workflow.submit(post, actor=writer)
    workflow.approve(post, actor=supervisor)
    client.force_login(writer)
    response = client.post(MOVE, {"key": f"outreach.plannedpost:{post.pk}",
                                  "day": (first + timedelta(days=1)).isoformat()},
                           HTTP_ACCEPT="application/json")  # fmt: skip
    assert response.json()["ok"] and "persetujuan" in response.json()["message"]
    post.refresh_from_db()
    assert post.planned_at == at(first, 9)  # unchanged until approved
    pending = post.revisions.get(pending=True)
    assert pending.kind == Revision.Kind.CORRECTION


def test_a_scheduled_article_moves_through_the_workflows_reschedule(
    client, writer, supervisor, agency, make_article
):
    first = month_ahead()
    article = make_article(agency, writer, publish_at=at(first, 10))
    key = f"newsroom.article:{article.pk}"
    client.force_login(writer)
    refused = client.post(MOVE, {"key": key, "day": (first + timedelta(days=2)).isoformat()},
                          HTTP_ACCEPT="application/json")  # fmt: skip
    assert refused.status_code == 409 and "peran" in refused.json()["message"]
    client.force_login(supervisor)
    moved = client.post(MOVE, {"key": key, "day": (first + timedelta(days=2)).isoformat()},
                        HTTP_ACCEPT="application/json")  # fmt: skip
    assert moved.json()["ok"]
    article.refresh_from_db()
    assert article.publish_at == at(first + timedelta(days=2), 10)
    assert article.events.filter(action="newsroom.article.rescheduled").exists()


def test_published_items_and_other_agencies_items_do_not_move(
    client, writer, supervisor, agency, other_agency, other_writer, make_article
):
    live = make_article(agency, writer)
    client.force_login(supervisor)
    response = client.post(MOVE, {"key": f"newsroom.article:{live.pk}",
                                  "day": timezone.localdate().isoformat()})  # fmt: skip
    assert response.status_code == 302
    assert Article.objects.get(pk=live.pk).publish_at == live.publish_at
    foreign = make_article(other_agency, other_writer)
    for key in (f"newsroom.article:{foreign.pk}", "newsroom.article:abc", "auth.user:1", "x"):
        assert client.post(MOVE, {"key": key, "day": "2030-01-01"}).status_code == 404
    assert client.get(MOVE).status_code == 405


def test_the_list_view_moves_items_without_javascript(client, writer, make_post):
    first = month_ahead()
    post = make_post(at(first, 9), caption="Tanpa skrip")
    client.force_login(writer)
    page = client.get(PAGE, {"tampilan": "daftar", "tanggal": first.isoformat()})
    assert "Tanpa skrip" in page.text and 'name="day"' in page.text
    back = f"{PAGE}?tampilan=daftar&tanggal={first.isoformat()}"
    day = (first + timedelta(days=5)).isoformat()
    response = client.post(MOVE, {"key": f"outreach.plannedpost:{post.pk}", "back": back,
                                  "day": day, "time": "13.15"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == back
    post.refresh_from_db()
    assert post.planned_at == at(first + timedelta(days=5), 13, 15)


def test_bad_dates_in_the_address_show_the_current_month(client, writer):
    client.force_login(writer)
    for value in ("2026-13-45", "kemarin", "99999-01-01"):
        assert client.get(PAGE, {"tanggal": value, "tampilan": "minggu"}).status_code == 200
    assert client.get(PAGE, {"instansi": "999999"}).status_code == 404


@pytest.mark.parametrize("path", ["page", "events"])
def test_the_calendar_costs_the_same_queries_for_10_and_200_items(
    client, writer, agency, make_post, make_article, pillars, path
):
    first = month_ahead()
    url = reverse(f"outreach_calendar:{path}")
    end = (first + timedelta(days=35)).isoformat()
    params = ({"tanggal": first.isoformat()} if path == "page"
              else {"start": first.isoformat(), "end": end})  # fmt: skip

    def add(count):
        for n in range(count):
            day = first + timedelta(days=n % 28)
            if n % 2:
                make_post(at(day, 8 + n % 10))
            else:
                item = make_article(agency, writer, publish_at=at(day, 8 + n % 10),
                                    expire_at=at(day, 20))  # fmt: skip
                set_plan(item, pillar=pillars["edukasi"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    client.force_login(writer)
    add(10)
    client.get(url, params)
    at_10 = queries()
    add(190)
    assert queries() == at_10


def test_the_private_feed_is_shown_once_works_without_login_and_can_be_revoked(
    client, writer, agency, make_post
):
    make_post(at(timezone.localdate() + timedelta(days=3), 9), caption="Masuk kalender")
    client.force_login(writer)
    page = client.post(reverse("outreach_calendar:feed_page"), {"action": "buat"})
    url = page.context["feed_url"]
    assert url.endswith(".ics")
    client.logout()
    feed = client.get(url)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in feed.content and b"Masuk kalender" in feed.content
    client.force_login(writer)
    assert (
        "feed_url" not in client.get(reverse("outreach_calendar:feed_page")).context
        or not (client.get(reverse("outreach_calendar:feed_page")).context["feed_url"])
    )
    client.post(reverse("outreach_calendar:feed_page"), {"action": "cabut"})
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(reverse("outreach_calendar:feed", args=["salah"])).status_code == 404


def test_the_calendar_is_for_newsroom_staff_only(client, ppid_officer):
    client.force_login(ppid_officer)
    assert client.get(PAGE).status_code == 403

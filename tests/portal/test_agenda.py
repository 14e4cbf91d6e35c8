"""Announcements (/pengumuman/) and the agenda (/agenda/, iCalendar): the public rule, the default
expiry of announcements, upcoming against past events, calendar files that calendar apps read,
an agency's own domain, the review workflow in the admin, and flat query counts."""

import json
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom import editing, workflow
from newsroom.agenda import ANNOUNCEMENT_LIFETIME, Announcement, Event

WIB = ZoneInfo("Asia/Jakarta")
DOMAIN = "dislutkan.kalteng.go.id"


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]


def publish(obj, writer, supervisor):
    workflow.submit(obj, actor=writer)
    return workflow.approve(obj, actor=supervisor)


@pytest.fixture
def announce(agency, writer, supervisor):
    def make(
        title="Pengumuman seleksi penyuluh perikanan",
        agency=agency,
        writer=writer,
        supervisor=supervisor,
        live=True,
        **fields,
    ):
        fields.setdefault("lead", "Ringkasan pengumuman.")
        obj = editing.create(Announcement(agency=agency, title=title, **fields), actor=writer)
        return publish(obj, writer, supervisor) if live else obj

    return make


@pytest.fixture
def schedule_event(agency, writer, supervisor):
    def make(
        title="Rapat koordinasi",
        days=3,
        agency=agency,
        writer=writer,
        supervisor=supervisor,
        live=True,
        **fields,
    ):
        fields.setdefault("lead", "Ringkasan kegiatan.")
        fields.setdefault("location", "Aula Dinas, Jl. Tjilik Riwut Km 5, Palangka Raya")
        fields.setdefault("start_date", timezone.localdate() + timedelta(days=days))
        obj = editing.create(Event(agency=agency, title=title, **fields), actor=writer)
        return publish(obj, writer, supervisor) if live else obj

    return make


@pytest.fixture
def other_people(other_writer, other_supervisor):
    return {"writer": other_writer, "supervisor": other_supervisor}


# --- announcements --------------------------------------------------------------------------------


def test_an_announcement_leaves_the_portal_30_days_after_publication(client, announce):
    notice = announce()
    assert (
        notice.expire_at
        == notice.publish_at + ANNOUNCEMENT_LIFETIME
        == (notice.publish_at + timedelta(days=30))
    )
    assert notice.title in client.get("/pengumuman/").content.decode()
    with time_machine.travel(notice.publish_at + timedelta(days=30, minutes=1)):
        assert notice.title not in client.get("/pengumuman/").content.decode()
        assert client.get(notice.get_absolute_url()).status_code == 404


def test_a_scheduled_announcement_counts_its_30_days_from_its_publication(
    announce, writer, supervisor
):
    notice = announce(live=False)
    workflow.submit(notice, actor=writer)
    at = timezone.now() + timedelta(days=5)
    notice = workflow.schedule(notice, actor=supervisor, publish_at=at)
    assert notice.expire_at == at + timedelta(days=30)


def test_an_end_chosen_by_the_editor_is_kept(announce):
    chosen = timezone.now() + timedelta(days=90)
    assert announce(expire_at=chosen).expire_at == chosen


def test_the_public_never_sees_an_unpublished_announcement(client, announce):
    draft = announce("Draf pengumuman", live=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Draf pengumuman" not in client.get("/pengumuman/").content.decode()
    live = announce("Pengumuman libur pelayanan")
    page = client.get(live.get_absolute_url())
    assert page.status_code == 200 and "Pengumuman libur pelayanan" in page.content.decode()


def test_home_and_agency_pages_show_the_live_announcements_strip(
    client, announce, agency, other_agency, other_people
):
    announce("Penerimaan CPNS Dislutkan")
    announce("Pelatihan ASN BPSDM", agency=other_agency, **other_people)
    announce("Draf tak tampil", live=False)
    home = client.get("/").content.decode()
    assert "Penerimaan CPNS Dislutkan" in home and "Pelatihan ASN BPSDM" in home
    assert "Draf tak tampil" not in home
    own = client.get(agency.get_absolute_url()).content.decode()
    assert "Penerimaan CPNS Dislutkan" in own and "Pelatihan ASN BPSDM" not in own


# --- events ---------------------------------------------------------------------------------------


def test_an_all_day_event_runs_from_midnight_to_midnight_wib(schedule_event):
    event = schedule_event(start_date=date(2026, 12, 1), end_date=date(2026, 12, 2))
    assert event.all_day
    assert event.starts_at == datetime(2026, 12, 1, tzinfo=WIB)
    assert event.ends_at == datetime(2026, 12, 3, tzinfo=WIB)


def test_a_timed_event_without_an_end_time_stays_on_the_agenda_that_day(schedule_event):
    event = schedule_event(start_date=date(2026, 12, 1), start_time=time(9, 0))
    assert event.starts_at == datetime(2026, 12, 1, 9, tzinfo=WIB)
    assert event.ends_at == datetime(2026, 12, 2, tzinfo=WIB)


def test_upcoming_events_come_first_and_past_ones_go_to_the_archive(client, schedule_event):
    schedule_event("Bimtek budidaya", days=10)
    schedule_event("Rapat besok", days=1)
    schedule_event("Sosialisasi lalu", days=-20)
    schedule_event("Pameran lama", days=-40)
    upcoming = client.get("/agenda/").content.decode()
    assert upcoming.index("Rapat besok") < upcoming.index("Bimtek budidaya")
    assert "Sosialisasi lalu" not in upcoming
    archive = client.get("/agenda/?arsip=1").content.decode()
    assert archive.index("Sosialisasi lalu") < archive.index("Pameran lama")
    assert "Rapat besok" not in archive


def test_an_event_moves_to_the_archive_when_it_ends(client, schedule_event):
    event = schedule_event(start_time=time(9), end_time=time(11), days=1)
    with time_machine.travel(event.ends_at + timedelta(minutes=1)):
        assert event.title not in client.get("/agenda/").content.decode()
        assert event.title in client.get("/agenda/?arsip=1").content.decode()
        page = client.get(event.get_absolute_url()).content.decode()
        assert "Kegiatan ini sudah berlangsung" in page
    # The page cache must not outlive that moment.
    assert Event.objects.next_change() == event.ends_at


def test_the_event_page_has_its_facts_json_ld_and_calendar_links(client, schedule_event):
    event = schedule_event(
        "Bimbingan Teknis Budidaya Ikan Nila",
        start_date=date(2026, 12, 1),
        start_time=time(8, 30),
        end_time=time(15, 0),
        organizer="Bidang Perikanan Budidaya",
        registration_url="https://forms.example.go.id/bimtek",
    )
    response = client.get(event.get_absolute_url())
    html = response.content.decode()
    assert 'Selasa, 1 Desember 2026 · <span class="nowrap">08.30–15.00 WIB</span>' in html
    assert "Bidang Perikanan Budidaya" in html and "https://forms.example.go.id/bimtek" in html
    assert reverse("portal:event_ics", args=[event.slug]) in html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "dates=20261201T013000Z%2F20261201T080000Z" in html
    data = json.loads(re.search(r'application/ld\+json"[^>]*>(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "Event" and data["name"] == event.title
    assert data["startDate"] == "2026-12-01T08:30:00+07:00"
    assert data["endDate"] == "2026-12-01T15:00:00+07:00"
    assert data["location"]["name"] == event.location
    assert '<meta property="og:title" content="Bimbingan Teknis Budidaya Ikan Nila">' in html


def test_an_end_before_the_start_is_refused_with_a_message(client, writer, agency):
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_event_add"),
        event_form(agency, start_date="2026-12-05", end_date="2026-12-01"),
    )
    assert response.status_code == 200
    assert "Tanggal selesai sebelum tanggal mulai." in response.content.decode()
    assert not Event.objects.exists()


def test_a_date_correction_of_a_live_event_waits_for_approval(schedule_event, writer, supervisor):
    event = schedule_event(start_date=date(2026, 12, 1))
    copy = editing.form_copy(Event.objects.get(pk=event.pk))
    copy.start_date = date(2026, 12, 8)
    assert editing.save(copy, actor=writer, expected_version=copy.version).pending
    event.refresh_from_db()
    assert event.start_date == date(2026, 12, 1)
    workflow.approve_correction(event, actor=supervisor)
    event.refresh_from_db()
    assert event.start_date == date(2026, 12, 8)
    assert event.starts_at == datetime(2026, 12, 8, tzinfo=WIB)


# --- iCalendar ------------------------------------------------------------------------------------


def parse_ics(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_agenda_calendar_is_valid_icalendar(client, schedule_event, other_agency, other_people):
    first = timezone.localdate() + timedelta(days=10)
    all_day = schedule_event(
        "Pameran Hari Ikan Nasional", start_date=first, end_date=first + timedelta(days=1)
    )
    timed = schedule_event(
        "Rapat Koordinasi PPID", start_date=first, start_time=time(9), end_time=time(12)
    )
    schedule_event("Kegiatan BPSDM", agency=other_agency, **other_people)
    schedule_event("Draf kegiatan", live=False)
    calendar, events = parse_ics(client.get("/agenda.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert set(events) == {"Pameran Hari Ikan Nasional", "Rapat Koordinasi PPID", "Kegiatan BPSDM"}
    uids = {str(e["UID"]) for e in events.values()}
    assert len(uids) == 3
    for item in events.values():
        assert item["DTSTAMP"].dt.tzinfo is not None
    day = events["Pameran Hari Ikan Nasional"]
    assert type(day["DTSTART"].dt) is date and day["DTSTART"].dt == first
    assert day["DTEND"].dt == first + timedelta(days=2)  # exclusive: the day after the last
    meeting = events["Rapat Koordinasi PPID"]
    assert meeting["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert meeting["DTSTART"].dt == datetime.combine(first, time(9), tzinfo=WIB)
    assert meeting["DTEND"].dt == datetime.combine(first, time(12), tzinfo=WIB)
    assert str(meeting["URL"]).endswith(timed.get_absolute_url())
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    assert all_day.slug in str(day["URL"])


def test_an_agency_calendar_and_one_event_file(
    client, schedule_event, agency, other_agency, other_people
):
    own = schedule_event("Temu Nelayan", start_time=time(13))
    schedule_event("Kegiatan BPSDM", agency=other_agency, **other_people)
    _, events = parse_ics(client.get(f"/instansi/{agency.slug}/agenda.ics"))
    assert set(events) == {"Temu Nelayan"}
    single = client.get(reverse("portal:event_ics", args=[own.slug]))
    _, events = parse_ics(single)
    assert set(events) == {"Temu Nelayan"}
    assert single["Content-Disposition"].startswith("attachment;")


# --- an agency's own domain -----------------------------------------------------------------------


@pytest.fixture
def own_site(agency):
    agency.domain = DOMAIN
    agency.save()
    return agency


def test_an_agency_domain_shows_only_its_announcements_and_events(
    client, own_site, announce, schedule_event, other_agency, other_people
):
    mine = announce("Pengumuman Dislutkan")
    theirs = announce("Pengumuman BPSDM", agency=other_agency, **other_people)
    own_event = schedule_event("Agenda Dislutkan")
    their_event = schedule_event("Agenda BPSDM", agency=other_agency, **other_people)

    def get(path):
        return client.get(path, HTTP_HOST=DOMAIN)

    for path in ("/pengumuman/", "/agenda/", "/"):
        html = get(path).content.decode()
        assert "BPSDM" not in html, path
    assert "Pengumuman Dislutkan" in get("/pengumuman/").content.decode()
    assert "Agenda Dislutkan" in get("/agenda/").content.decode()
    assert get(theirs.get_absolute_url()).status_code == 404
    assert get(their_event.get_absolute_url()).status_code == 404
    assert get(f"/agenda/?instansi={other_agency.slug}").status_code == 404
    assert get(f"/instansi/{other_agency.slug}/agenda.ics").status_code == 404
    _, events = parse_ics(get("/agenda.ics"))
    assert set(events) == {"Agenda Dislutkan"}
    assert get(mine.get_absolute_url()).status_code == 200
    assert get(own_event.get_absolute_url()).status_code == 200
    # The portal keeps showing every agency.
    assert "Pengumuman BPSDM" in client.get("/pengumuman/").content.decode()


# --- the review workflow in the admin -------------------------------------------------------------


def announcement_form(agency, **fields):
    return {
        "agency": agency.pk,
        "title": "Pengumuman hasil seleksi",
        "slug": "",
        "lead": "Daftar peserta yang lulus seleksi administrasi dan jadwal wawancara.",
        "body": "<p>Isi.</p>",
        "expire_at": "",
        **fields,
    }


def event_form(agency, **fields):
    return {
        "agency": agency.pk,
        "title": "Sosialisasi Perizinan Kapal",
        "slug": "",
        "lead": "Sosialisasi tata cara perizinan kapal bagi pemilik kapal di bawah 30 GT.",
        "body": "",
        "start_date": "2026-12-10",
        "start_time": "09:00",
        "end_date": "",
        "end_time": "12:00",
        "location": "Aula Dislutkan",
        "organizer": "",
        "registration_url": "",
        **fields,
    }


@pytest.mark.parametrize(
    ("model", "form"), [(Announcement, announcement_form), (Event, event_form)]
)
def test_each_kind_goes_through_review_in_the_admin(
    client, agency, writer, supervisor, model, form
):
    name = model._meta.model_name
    client.force_login(writer)
    assert client.post(reverse(f"admin:newsroom_{name}_add"), form(agency)).status_code == 302
    obj = model.objects.get()
    assert obj.status == model.Status.DRAFT and obj.author == writer
    url = reverse(f"admin:newsroom_{name}_workflow", args=[obj.pk, "submit"])
    client.post(url)
    # A writer never publishes: the step is refused with a message.
    client.post(reverse(f"admin:newsroom_{name}_workflow", args=[obj.pk, "approve"]))
    obj.refresh_from_db()
    assert obj.status == model.Status.IN_REVIEW
    assert client.get(obj.get_absolute_url()).status_code == 404
    queue = client.get(reverse("admin:newsroom_review_queue"))
    client.force_login(supervisor)
    queue = client.get(reverse("admin:newsroom_review_queue")).content.decode()
    assert obj.title in queue
    preview = client.get(reverse(f"admin:newsroom_{name}_preview", args=[obj.pk]))
    assert preview.status_code == 200 and obj.title in preview.content.decode()
    client.post(reverse(f"admin:newsroom_{name}_workflow", args=[obj.pk, "approve"]))
    obj.refresh_from_db()
    assert obj.is_public
    client.logout()
    assert client.get(obj.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("model", [Announcement, Event])
def test_another_agencys_item_is_not_found_in_the_admin(
    client, other_supervisor, model, announce, schedule_event
):
    obj = announce() if model is Announcement else schedule_event()
    client.force_login(other_supervisor)
    name = model._meta.model_name
    assert client.get(reverse(f"admin:newsroom_{name}_change", args=[obj.pk])).status_code == 404
    assert (
        obj.title not in client.get(reverse(f"admin:newsroom_{name}_changelist")).content.decode()
    )


def test_an_announcement_end_in_the_past_is_a_message(client, writer, agency):
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_announcement_add"),
        announcement_form(agency, expire_at="2020-01-01T10:00"),
    )
    assert response.status_code == 200
    assert "Pilih waktu yang akan datang, atau kosongkan." in response.content.decode()
    assert not Announcement.objects.exists()


# --- the page cache -------------------------------------------------------------------------------


def test_publishing_an_announcement_shows_on_a_cached_home_page(
    client, settings, announce, writer, supervisor, django_capture_on_commit_callbacks
):
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    client.get("/")
    assert client.get("/").get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        notice = announce("Pengumuman penutupan layanan", live=False)
        workflow.submit(notice, actor=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(notice, actor=supervisor)
    home = client.get("/")
    assert home.get("X-Page-Cache") == "miss"
    assert "Pengumuman penutupan layanan" in home.content.decode()


# --- query counts ---------------------------------------------------------------------------------


@pytest.fixture
def grow(agency, other_agency, writer, supervisor, other_people):
    """Announcements and events (upcoming and past) of two agencies, created published."""

    def to(count):
        while Announcement.objects.count() < count:
            n = Announcement.objects.count()
            mine = n % 2 == 0
            owner, who = (agency, {}) if mine else (other_agency, {})
            Announcement.objects.create(
                agency=owner,
                author=writer,
                title=f"Pengumuman nomor {n}",
                lead="Ringkasan.",
                status=Announcement.Status.PUBLISHED,
                publish_at=timezone.now() - timedelta(hours=n + 1),
                **who,
            )
            for days in (n + 1, -(n + 1)):
                Event.objects.create(
                    agency=owner,
                    author=writer,
                    title=f"Kegiatan {n} {days}",
                    lead="Ringkasan.",
                    location="Aula",
                    start_date=timezone.localdate() + timedelta(days=days),
                    start_time=time(9),
                    status=Event.Status.PUBLISHED,
                    publish_at=timezone.now() - timedelta(days=60),
                )
        return Announcement.objects.first(), Event.objects.order_by("starts_at").last()

    return to


PAGES = [
    "/",
    "/instansi/{agency}/",
    "/pengumuman/",
    "/pengumuman/?instansi={agency}",
    "{announcement}",
    "/agenda/",
    "/agenda/?arsip=1",
    "/agenda/?instansi={agency}",
    "{event}",
    "{event}kalender.ics",
    "/agenda.ics",
    "/instansi/{agency}/agenda.ics",
    "/pengumuman/feed/",
]


@pytest.mark.parametrize("template", PAGES)
def test_query_count_is_the_same_with_5_and_50_items(
    client, grow, agency, template, django_assert_num_queries
):
    def path():
        announcement, event = Announcement.objects.first(), Event.objects.last()
        return template.format(
            agency=agency.slug,
            announcement=announcement.get_absolute_url(),
            event=event.get_absolute_url(),
        )

    grow(5)
    client.get(path())  # the first request fills the per-process caches (site map, fragments)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path()).status_code == 200
    grow(50)
    with django_assert_num_queries(len(few)):
        assert client.get(path()).status_code == 200
    assert len(few) <= 10, template


def test_public_announcements_and_events_are_in_the_sitemap(client, announce, schedule_event):
    live = announce("Pengumuman di peta situs")
    draft = announce("Draf pengumuman", live=False)
    event = schedule_event("Kegiatan di peta situs")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-pengumuman.xml" in index and "sitemap-agenda.xml" in index
    notices = client.get("/sitemap-pengumuman.xml").content.decode()
    assert live.get_absolute_url() in notices and draft.get_absolute_url() not in notices
    assert event.get_absolute_url() in client.get("/sitemap-agenda.xml").content.decode()


def test_the_end_an_editor_types_is_read_as_wib(client, writer, agency):
    client.force_login(writer)
    form = announcement_form(agency, expire_at="2027-01-15T16:00")
    assert client.post(reverse("admin:newsroom_announcement_add"), form).status_code == 302
    assert Announcement.objects.get().expire_at == datetime(2027, 1, 15, 16, tzinfo=WIB)


def test_an_announcement_published_again_after_its_end_gets_a_fresh_30_days(
    announce, supervisor, writer
):
    notice = announce()
    later = notice.publish_at + timedelta(days=40)
    with time_machine.travel(later):
        workflow.archive(notice, actor=supervisor, comment="Sudah kedaluwarsa.")
        workflow.reopen(notice, actor=supervisor)
        workflow.submit(notice, actor=writer)
        notice = workflow.approve(notice, actor=supervisor)
        assert notice.is_public
        assert notice.expire_at == notice.publish_at + timedelta(days=30)


def test_the_announcements_feed_lists_live_ones_of_the_site(
    client, own_site, announce, other_agency, other_people
):
    announce("Pengumuman Dislutkan")
    announce("Pengumuman BPSDM", agency=other_agency, **other_people)
    announce("Draf pengumuman", live=False)
    portal = client.get("/pengumuman/feed/").content.decode()
    assert "Pengumuman Dislutkan" in portal and "Pengumuman BPSDM" in portal
    assert "Draf pengumuman" not in portal
    own = client.get("/pengumuman/feed/", HTTP_HOST=DOMAIN).content.decode()
    assert "Pengumuman Dislutkan" in own and "Pengumuman BPSDM" not in own


def test_publishing_an_event_shows_on_a_cached_agenda(
    client, settings, schedule_event, writer, supervisor, django_capture_on_commit_callbacks
):
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    client.get("/agenda/")
    assert client.get("/agenda/").get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        event = schedule_event("Rapat Koordinasi Penyuluh", live=False)
        workflow.submit(event, actor=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(event, actor=supervisor)
    agenda = client.get("/agenda/")
    assert agenda.get("X-Page-Cache") == "miss"
    assert "Rapat Koordinasi Penyuluh" in agenda.content.decode()

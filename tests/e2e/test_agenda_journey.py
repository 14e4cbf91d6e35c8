"""Journey: an agency's writer announces a closure and an event in the admin, a supervisor approves
both, and a visitor on a 360 px phone sees the announcement on the home page, opens the event
from the agenda and adds it to their calendar (the .ics file, read back with icalendar)."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from newsroom.agenda import Announcement, Event

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}  # fmt: skip
NOTICE = "Layanan Perizinan Kapal Tutup Sementara untuk Pemeliharaan Sistem"
EVENT = "Temu Usaha Nelayan dan Pembudidaya Ikan Kabupaten Katingan"


def click_and_wait(person, selector, name):
    person.page.click(selector)
    person.page.wait_for_selector("ul.messagelist")
    person.check(name)


def save(writer):
    """Save and continue; the agency's content plan asks which pillar an item serves."""
    pillar = writer.page.locator("#id_plan_pillar")
    if pillar.count():
        pillar.select_option(index=1)
    writer.page.click("input[name=_continue]")
    writer.page.wait_for_selector("ul.messagelist")


def approve(supervisor, kind, pk):
    supervisor.goto(f"/admin/newsroom/{kind}/{pk}/change/")
    confirm = supervisor.page.locator(
        "form[action$='/workflow/approve/'] input[name=confirm_checks]"
    )
    if confirm.count():
        confirm.check()
    click_and_wait(supervisor, "button[value=approve]", f"{kind}-approved")


def test_announcement_and_event_through_review_to_a_phone_calendar(visitor):
    writer = visitor("agenda-writer")
    page = writer.page
    writer.login("penulis")

    writer.goto("/admin/newsroom/announcement/add/")
    page.fill("#id_title", NOTICE)
    page.fill("#id_lead", "Loket perizinan kapal tutup dua hari; permohonan daring tetap diterima "
                          "dan diproses pada hari kerja berikutnya.")  # fmt: skip
    save(writer)
    notice = Announcement.objects.get(title=NOTICE)
    click_and_wait(writer, "button[value=submit]", "announcement-submitted")

    day = timezone.localdate() + timedelta(days=6)
    writer.goto("/admin/newsroom/event/add/")
    page.fill("#id_title", EVENT)
    page.fill("#id_lead", "Pertemuan nelayan, pembudidaya dan pembeli hasil perikanan untuk "
                          "membuka peluang kemitraan usaha.")  # fmt: skip
    page.fill("#id_start_date", day.strftime("%d/%m/%Y"))
    page.fill("#id_start_time", "09.00")
    page.fill("#id_end_time", "12.30")
    page.fill("#id_location", "Aula Kantor Bupati Katingan, Kasongan")
    save(writer)
    event = Event.objects.get(title=EVENT)
    click_and_wait(writer, "button[value=submit]", "event-submitted")

    supervisor = visitor("agenda-supervisor")
    supervisor.login("penyunting")
    approve(supervisor, "announcement", notice.pk)
    approve(supervisor, "event", event.pk)
    notice.refresh_from_db()
    event.refresh_from_db()
    assert notice.is_public and notice.expire_at == notice.publish_at + timedelta(days=30)
    assert event.is_public

    citizen = visitor("agenda-citizen", accept_downloads=True, **PHONE)
    phone = citizen.page
    citizen.goto("/")
    assert phone.locator(".announcements-strip", has_text=NOTICE).count() == 1
    phone.locator(".announcements-strip a", has_text=NOTICE).click()
    phone.wait_for_url(re.compile(re.escape(notice.get_absolute_url()) + "$"))
    citizen.check("announcement")

    citizen.goto("/agenda/")
    phone.locator(f"main a[href='{event.get_absolute_url()}']").click()
    phone.wait_for_url(re.compile(re.escape(event.get_absolute_url()) + "$"))
    citizen.check("event")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert "09.00–12.30 WIB" in phone.inner_text(".event-facts")
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Berkas kalender (.ics)").click()
    download = download_info.value
    calendar = icalendar.Calendar.from_ical(download.path().read_bytes())
    (item,) = calendar.walk("VEVENT")
    assert str(item["SUMMARY"]) == EVENT
    assert item["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert item["DTSTART"].dt.hour == 9 and item["DTEND"].dt.minute == 30

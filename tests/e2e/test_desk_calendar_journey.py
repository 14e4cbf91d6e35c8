"""Issue 16, items 4 and 5 in a browser: a comment is answered from a reply template and its
response time in office hours appears; on the content calendar a writer drags a draft post to
another day (FullCalendar), and the same page lists everything without JavaScript."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.models import Agency, User
from newsroom import editing
from outreach.comments import Comment
from outreach.planning import Pillar
from outreach.posts import PlannedPost

from .conftest import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_comment_is_answered_from_a_template_and_its_response_time_appears(visitor):
    comment = Comment.objects.filter(agency__slug="dislutkan", status=Comment.Status.NEW,
                                     category="question").first()  # fmt: skip
    writer = visitor("desk-writer", viewport={"width": 1366, "height": 900})
    writer.login("penulis")
    writer.goto("/admin/outreach/comment/")
    assert comment.author_name in writer.page.locator("#result_list").inner_text()
    writer.goto(f"/admin/outreach/comment/{comment.pk}/change/")
    writer.page.get_by_role("link", name="Jawab", exact=True).click()
    writer.check("reply-form")
    writer.page.select_option("#id_templat", label="Jawaban pertanyaan umum (Pertanyaan)")
    writer.page.get_by_role("button", name="Gunakan templat ini").click()
    writer.check("reply-from-template")
    text = writer.page.locator("#id_text").input_value()
    assert text.startswith(f"Halo {comment.author_name}, terima kasih")
    writer.page.get_by_role("button", name="Simpan balasan").click()
    writer.page.wait_for_url(re.compile(rf"/admin/outreach/comment/{comment.pk}/change/$"))
    writer.check("answered")
    state = writer.page.locator(".desk-state").inner_text()
    assert "Sudah ditanggapi" in state and "Waktu tanggap" in state and "jam kerja" in state
    writer.goto("/admin/outreach/comment/angka/")
    assert "Median waktu tanggap" in writer.page.content()


def test_a_writer_drags_a_draft_post_to_another_day(visitor):
    agency = Agency.objects.get(slug="dislutkan")
    writer_user = User.objects.get(username="penulis")
    pillar = Pillar.objects.filter(agency=agency).first() or Pillar.objects.create(
        agency=agency, name="Edukasi Uji", colour="#1f6f8b", target_share=5
    )
    today = timezone.localdate()
    first = (today.replace(day=1) + timedelta(days=40)).replace(day=1)
    planned = datetime.combine(first + timedelta(days=9), time(10, 0),
                               tzinfo=timezone.get_default_timezone())  # fmt: skip
    post = editing.create(PlannedPost(agency=agency, platform="instagram", planned_at=planned,
                                      caption="Seret saya ke hari lain", pillar=pillar),
                          actor=writer_user)  # fmt: skip
    writer = visitor("calendar-writer", viewport={"width": 1366, "height": 900})
    writer.login("penulis")
    writer.goto(f"/admin/outreach/kalender/?tanggal={first.isoformat()}")
    event = writer.page.locator(".fc-event", has_text="Seret saya")
    event.wait_for()
    target_day = first + timedelta(days=11)
    event.drag_to(
        writer.page.locator(
            f'.fc-daygrid-day[data-date="{target_day.isoformat()}"] .fc-daygrid-day-frame'
        )
    )
    message = writer.page.locator("#cal-message")
    message.wait_for()
    writer.check("dragged")
    assert "Waktu rencana diubah" in message.inner_text()
    post.refresh_from_db()
    assert timezone.localtime(post.planned_at).date() == target_day
    assert timezone.localtime(post.planned_at).time() == time(10, 0)

    # Without JavaScript the list view moves items with a form. (The page checks of Visitor run
    # scripts, which a context without JavaScript cannot: this part drives the page directly.)
    plain = writer.page.context.browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 800}
    )
    page = plain.new_page()
    page.set_default_timeout(15_000)
    page.goto(writer.url("/admin/login/"))
    page.fill("#id_username", "penulis")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(writer.url(f"/admin/outreach/kalender/?tampilan=daftar&tanggal={first.isoformat()}"))
    item = page.locator(".cal-item", has_text="Seret saya")
    item.locator('input[name="day"]').fill((target_day + timedelta(days=1)).isoformat())
    item.get_by_role("button", name="Pindahkan").click()
    page.wait_for_load_state()
    assert "Waktu rencana diubah" in page.locator(".messagelist").inner_text()
    page.screenshot(path=ARTIFACTS / "calendar-nojs-moved.png", full_page=True)
    plain.close()
    post.refresh_from_db()
    assert timezone.localtime(post.planned_at).date() == target_day + timedelta(days=1)

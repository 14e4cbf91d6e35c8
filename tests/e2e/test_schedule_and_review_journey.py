"""Issue 14, items 3 and 6 in a browser: a scheduled article is a visible state that the supervisor
moves, cancels or publishes at once; review shows everything — the preview says it is not
published and its share buttons do nothing, the compare view covers the photo caption side by
side, and an approved correction can carry a note for readers."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Agency, User
from newsroom import editing, workflow
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BODY = (
    "<p>Dinas Kelautan dan Perikanan menyalurkan benih ikan nila kepada kelompok pembudidaya di "
    "Kabupaten Pulang Pisau.</p>"
)


def in_review(title):
    writer = User.objects.get(username="penulis")
    article = editing.create(
        Article(
            agency=Agency.objects.get(slug="dislutkan"),
            title=title,
            lead="Sepuluh ribu benih ikan nila disalurkan kepada tiga kelompok pembudidaya.",
            body=BODY,
            cover_caption="Benih ikan nila siap disalurkan.",
            cover_credit="Humas Dislutkan",
        ),
        actor=writer,
    )
    return workflow.submit(article, actor=writer)


def local_input(moment) -> str:
    """The value a datetime-local input takes, in WIB (the agency's clock)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def take_step(person, action, name, **fields):
    form = person.page.locator(f"form:has(button[name=action][value={action}])")
    for selector, value in fields.items():
        form.locator(selector).fill(value)
    confirm = form.locator("input[name=confirm_checks]")
    if confirm.count():
        confirm.check()
    form.locator(f"button[value={action}]").click()
    person.page.wait_for_selector("ul.messagelist")
    person.check(name)


def test_a_scheduled_article_is_moved_published_at_once_or_called_off(visitor):
    article = in_review("Benih ikan nila untuk Pulang Pisau")
    later = in_review("Pelatihan pengolahan ikan asap")
    reader = visitor("schedule-reader", viewport={"width": 360, "height": 800})

    supervisor = visitor("schedule-supervisor", viewport={"width": 1366, "height": 900})
    supervisor.login("penyunting")
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    tomorrow = (timezone.localtime() + timedelta(days=1)).replace(hour=8, minute=0)
    take_step(
        supervisor, "schedule", "scheduled", **{"input[name=publish_at]": local_input(tomorrow)}
    )
    state = supervisor.page.inner_text(".workflow-state")
    assert state.startswith("Terjadwal: tayang") and "08.00" in state, state
    article.refresh_from_db()
    assert article.publish_at == tomorrow.replace(second=0, microsecond=0)
    # Not public before its time: the reader gets a 404.
    response = reader.page.goto(reader.url(article.get_absolute_url()))
    assert response.status == 404

    # "Ubah jadwal" starts from the current time; moved a day later, then published at once.
    assert supervisor.page.input_value("#publish-at-reschedule") == local_input(tomorrow)
    day_after = tomorrow + timedelta(days=1)
    take_step(supervisor, "reschedule", "rescheduled", **{
        "input[name=publish_at]": local_input(day_after)})  # fmt: skip
    with translation.override("id"):
        expected = date_format(timezone.localtime(day_after), "DATE_FORMAT")
    assert expected in supervisor.page.inner_text(".workflow-state")
    labels = supervisor.page.locator(".workflow-side button[name=action]").all_inner_texts()
    assert {"Ubah jadwal", "Terbitkan sekarang", "Batalkan jadwal"} <= set(labels), labels
    take_step(supervisor, "publish_now", "published-now")
    assert supervisor.page.inner_text(".workflow-state") == "Terbit"
    reader.goto(article.get_absolute_url())
    assert "Benih ikan nila untuk Pulang Pisau" in reader.page.inner_text("main h1")

    # The other one is scheduled and then called off: it waits in review again.
    supervisor.goto(f"/admin/newsroom/article/{later.pk}/change/")
    take_step(supervisor, "schedule", "second-scheduled", **{
        "input[name=publish_at]": local_input(tomorrow)})  # fmt: skip
    take_step(supervisor, "unschedule", "schedule-cancelled")
    later.refresh_from_db()
    assert later.status == Article.Status.IN_REVIEW and later.publish_at is None
    assert supervisor.page.inner_text(".workflow-state") == "Dalam peninjauan"


def test_review_shows_the_preview_banner_the_whole_diff_and_a_correction_note(visitor):
    article = in_review("Benih ikan nila untuk Katingan")

    supervisor = visitor("review-supervisor", viewport={"width": 1366, "height": 900})
    supervisor.login("penyunting")
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    # The reader's view beside the form is the public page in the public style, with the banner.
    frame = supervisor.page.frame_locator(".reader-view iframe")
    assert "PRATINJAU — belum terbit" in frame.locator(".notice-preview").inner_text()
    assert frame.locator("link[href*='css/site']").count() >= 1

    supervisor.goto(f"/admin/newsroom/article/{article.pk}/preview/")
    page = supervisor.page
    assert "PRATINJAU — belum terbit" in page.inner_text(".notice-preview")
    # Share buttons are inert: nothing links to WhatsApp, Facebook or X before publication.
    assert page.locator(".share a").count() == 0
    assert page.locator(".share-inert [aria-disabled=true]").count() == 3
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    take_step(supervisor, "approve", "approved")

    # The writer corrects the caption and the title of the published article.
    writer = visitor("review-writer", viewport={"width": 1366, "height": 900})
    writer.login("penulis")
    writer.goto(f"/admin/newsroom/article/{article.pk}/change/")
    writer.page.fill("#id_title", "Benih ikan nila untuk Kabupaten Katingan")
    writer.page.fill("#id_cover_caption", "Petugas menghitung benih ikan nila.")
    pillar = writer.page.locator("#id_plan_pillar")
    if pillar.count() and not pillar.input_value():
        pillar.select_option(index=1)
    writer.page.click("input[name=_continue]")
    writer.page.wait_for_selector("ul.messagelist")
    writer.check("correction-saved")

    # The supervisor compares the two revisions: title and caption side by side.
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/compare/")
    changed = supervisor.page.locator("section.diff-changed")
    headings = changed.locator("h2").all_inner_texts()
    assert "Judul" in headings and any("keterangan" in h.lower() for h in headings), headings
    caption = changed.filter(has=supervisor.page.locator("h2", has_text=re.compile("eterangan")))
    assert "Benih ikan nila siap disalurkan." in caption.locator(".diff-old").inner_text()
    assert "Petugas menghitung" in caption.locator(".diff-new").inner_text()
    supervisor.check("compare")
    supervisor.page.set_viewport_size({"width": 360, "height": 800})
    supervisor.shot("compare-phone")
    assert supervisor.page.evaluate("document.documentElement.scrollWidth") <= 360
    supervisor.page.set_viewport_size({"width": 1366, "height": 900})

    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    note = "Judul diperbaiki: benih untuk Kabupaten Katingan."
    take_step(supervisor, "approve_correction", "correction-approved", **{
        "textarea[name=public_note]": note})  # fmt: skip
    reader = visitor("review-reader", viewport={"width": 360, "height": 800})
    reader.goto(article.get_absolute_url())
    note = reader.page.inner_text(".correction-note")
    assert note.startswith("Koreksi, ") and "benih untuk Kabupaten Katingan" in note
    assert "Benih ikan nila untuk Kabupaten Katingan" in reader.page.inner_text("main h1")

"""Issue 14, item 8 in a browser: a supervisor ticks three articles in the list, one of which he
wrote himself, and approves them together; the confirmation page says the own one will be skipped
(four-eyes) and asks him to confirm the one whose checks fail; two are published, one is skipped
with the reason. On a phone he then archives the two with one reason."""

import re

import pytest

from accounts.models import Agency, User
from newsroom import editing, workflow
from newsroom.models import Article, Category

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LEAD = "Dinas Kelautan dan Perikanan menyalurkan bantuan kapal kepada empat puluh nelayan kecil."
READY = "Bantuan kapal untuk nelayan kecil"
NO_CATEGORY = "Pelatihan pengolahan ikan asap"
OWN = "Catatan penyunting tentang musim tangkap"


def in_review(title, username, **fields):
    author = User.objects.get(username=username)
    values = {
        "title": title,
        "lead": LEAD,
        "body": '<p>Data di <a href="https://kalteng.go.id/data">situs provinsi</a>.</p>',
        "cover_image": "covers/2026/11/kapal.jpg",
        "cover_alt": "Nelayan menerima kunci kapal",
        "cover_caption": "Penyerahan bantuan di Sampit",
        "cover_credit": "Humas Dislutkan",
        "category": Category.objects.order_by("pk").first(),
        **fields,
    }
    agency = Agency.objects.get(slug="dislutkan")
    article = editing.create(Article(agency=agency, **values), actor=author)
    return workflow.submit(article, actor=author)


def choose(person, titles, action):
    """Tick the rows of ``titles`` in the list, pick ``action`` and press the action button."""
    for title in titles:
        row = person.page.locator("#result_list tbody tr", has_text=title)
        row.locator("input.action-select").check()
    person.page.select_option("select[name=action]", action)
    person.check("list-with-action")
    person.page.locator("button[name=index]").first.click()
    person.page.wait_for_load_state("load")


def test_supervisor_approves_three_selected_and_his_own_is_skipped(visitor):
    ready = in_review(READY, "penulis")
    bare = in_review(NO_CATEGORY, "penulis", category=None)
    own = in_review(OWN, "penyunting")

    supervisor = visitor("bulk-supervisor", viewport={"width": 1366, "height": 900})
    supervisor.login("penyunting")
    supervisor.goto("/admin/newsroom/article/?status__exact=in_review")
    options = supervisor.page.locator("select[name=action] option").all_inner_texts()
    assert "Setujui & terbitkan yang dipilih" in options
    assert {"Jadwalkan yang dipilih", "Arsipkan yang dipilih"} <= set(options)
    choose(supervisor, [READY, NO_CATEGORY, OWN], "bulk_approve")

    supervisor.check("confirmation")
    rows = supervisor.page.locator("table.bulk-items tbody tr")
    assert rows.count() == 3
    assert "empat mata" in rows.filter(has_text=OWN).inner_text()
    assert "Akan langsung diterbitkan." in rows.filter(has_text=READY).inner_text()
    waiting = rows.filter(has_text=NO_CATEGORY)
    assert "Pilih kategori." in waiting.inner_text()
    assert Article.objects.get(pk=ready.pk).status == Article.Status.IN_REVIEW  # nothing yet
    waiting.get_by_label(
        "Terbitkan saja: saya sudah membaca pemeriksaan yang belum terpenuhi."
    ).check()
    supervisor.page.get_by_role("button", name="Ya, setujui & terbitkan").click()
    supervisor.page.wait_for_load_state("load")

    supervisor.check("result")
    assert "2 selesai, 1 dilewati" in supervisor.page.locator(".messagelist").inner_text()
    result = supervisor.page.locator("table.bulk-items tbody tr")
    assert "Selesai" in result.filter(has_text=READY).inner_text()
    assert "Selesai" in result.filter(has_text=NO_CATEGORY).inner_text()
    skipped = result.filter(has_text=OWN).inner_text()
    assert "Dilewati" in skipped and "empat mata" in skipped
    statuses = {
        a.title: a.status for a in Article.objects.filter(pk__in=[ready.pk, bare.pk, own.pk])
    }
    assert statuses == {
        READY: Article.Status.PUBLISHED,
        NO_CATEGORY: Article.Status.PUBLISHED,
        OWN: Article.Status.IN_REVIEW,
    }

    # On a phone: archive the two just published, with one reason for both.
    phone = visitor("bulk-phone", viewport={"width": 360, "height": 800})
    phone.login("penyunting")
    phone.goto("/admin/newsroom/article/?status__exact=published")
    choose(phone, [READY, NO_CATEGORY], "bulk_archive")
    phone.check("archive-confirmation")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 360
    phone.page.get_by_label("Alasan").fill("Program bantuan sudah selesai.")
    phone.page.get_by_role("button", name="Ya, arsipkan").click()
    phone.page.wait_for_load_state("load")
    phone.check("archive-result")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert "2 selesai, 0 dilewati" in phone.page.locator(".messagelist").inner_text()
    assert set(
        Article.objects.filter(pk__in=[ready.pk, bare.pk]).values_list("status", flat=True)
    ) == {Article.Status.ARCHIVED}
    phone.page.get_by_role("link", name="Kembali ke daftar").click()
    phone.page.wait_for_url(re.compile(r"/admin/newsroom/article/\?status__exact=published$"))

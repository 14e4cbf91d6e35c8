"""Issue 14, items 2 and 4 in a browser: the dashboard of each role at /admin/ with the counts in
the menu, each number opening its filtered list; the pre-publication checklist beside the form,
the supervisor confirming in an agency that warns, and approval held in an agency that blocks."""

import re

import pytest

from accounts.models import Agency, User
from newsroom import editing, workflow
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMMENT = "Sebutkan sumber data produksi dan tambahkan keterangan foto."


def written(title, *, lead="Ringkas.", body="<p>Isi.</p>"):
    writer = User.objects.get(username="penulis")
    agency = Agency.objects.get(slug="dislutkan")
    return editing.create(Article(agency=agency, title=title, lead=lead, body=body), actor=writer)


def sent_back(title):
    article = written(title)
    workflow.submit(article, actor=article.author)
    workflow.request_changes(
        article, actor=User.objects.get(username="penyunting"), comment=COMMENT
    )
    return article


def test_each_role_finds_what_waits_on_its_dashboard_and_in_the_menu(visitor):
    article = sent_back("Panen raya udang vaname")
    written("Draf rapat koordinasi")

    writer = visitor("dash-writer", viewport={"width": 1366, "height": 900})
    writer.login("penulis")
    writer.check("writer-dashboard")
    panel = writer.page.locator("#panel-writer")
    assert COMMENT in panel.inner_text()
    badge = writer.page.locator("tr.model-article a.menu-count")
    assert badge.inner_text().startswith("1")
    sent = panel.locator("a.dashboard-stat", has_text="Dikembalikan kepada saya")
    assert sent.locator(".number").inner_text() == "1"
    sent.click()
    writer.page.wait_for_url(re.compile(r"/admin/newsroom/article/\?antrean=sent_back$"))
    writer.check("sent-back-list")
    rows = writer.page.locator("#result_list tbody tr")
    assert rows.count() == 1 and article.title in rows.first.inner_text()
    # The menu's quick filter still finds a model whose row carries a count.
    writer.page.fill("#nav-filter", "berita")
    assert writer.page.locator("#nav-sidebar tr.model-article").is_visible()
    writer.page.fill("#nav-filter", "")

    workflow.submit(Article.objects.get(pk=article.pk), actor=article.author)
    supervisor = visitor("dash-supervisor", viewport={"width": 360, "height": 800})
    supervisor.login("penyunting")
    supervisor.check("supervisor-dashboard")
    queue = supervisor.page.locator("#panel-supervisor")
    assert article.title in queue.inner_text() and "menunggu" in queue.inner_text()
    # Nothing on the phone's dashboard is wider than the screen.
    assert supervisor.page.evaluate("document.documentElement.scrollWidth") <= 360

    officer = visitor("dash-ppid-officer")
    officer.login("petugas_ppid")
    officer.check("ppid-officer-dashboard")
    stats = officer.page.locator("#panel-ppid_officer").inner_text()
    assert "Permohonan baru" in stats and "Lewat tenggat" in stats
    officer.page.locator("#panel-ppid_officer a.dashboard-stat", has_text="Permohonan baru").click()
    officer.page.wait_for_url(re.compile(r"/admin/ppid/informationrequest/\?status__exact="))
    officer.check("new-requests")

    admin = visitor("dash-agency-admin")
    admin.login("admin_instansi")
    admin.check("agency-admin-dashboard")
    people = admin.page.locator("#panel-agency_admin")
    assert "Belum memakai verifikasi dua langkah" in people.inner_text()
    people.locator("a.dashboard-stat", has_text="Belum memakai").click()
    admin.page.wait_for_url(re.compile(r"/admin/accounts/user/\?verifikasi=belum$"))
    admin.check("people-without-second-factor")
    assert admin.page.locator("#result_list tbody tr").count() >= 1


def test_the_checklist_guides_the_writer_and_gates_the_supervisor(visitor):
    article = written(
        "Festival ikan bakar",
        body='<p>Daftar <a href="http://kalteng.go.id/daftar">di sini</a> <a href="#">.</a></p>',
    )
    writer = visitor("checks-writer")
    writer.login("penulis")
    writer.goto(f"/admin/newsroom/article/{article.pk}/change/")
    checklist = writer.page.locator("section.checklist")
    text = checklist.inner_text()
    assert "Tambahkan foto." in text and "http://" in text and "satu karakter" in text
    # The writer fixes the lead and saves: the panel is refreshed from the saved text.
    writer.page.fill("#id_lead", "Festival ikan bakar digelar di Palangka Raya pada akhir pekan.")
    if writer.page.locator("#id_plan_pillar option").count() > 1:
        # The Digital PR desk asks which content pillar an item serves once the agency has some.
        writer.page.select_option("#id_plan_pillar", index=1)
    writer.page.click("input[name=_continue]")
    writer.page.wait_for_selector("ul.messagelist")
    writer.check("checklist-after-save")
    assert "Isian teras berita" not in writer.page.locator("section.checklist").inner_text()
    writer.page.click("button[value=submit]")
    writer.page.wait_for_selector("ul.messagelist")

    supervisor = visitor("checks-supervisor")
    supervisor.login("penyunting")
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    approve = supervisor.page.locator("form[action$='/workflow/approve/']")
    # Without the tick the browser does not send the form: nothing is published by accident.
    approve.locator("button[value=approve]").click()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    approve.locator("input[name=confirm_checks]").check()
    approve.locator("button[value=approve]").click()
    supervisor.page.wait_for_selector("ul.messagelist")
    supervisor.check("approved-anyway")
    assert Article.objects.get(pk=article.pk).is_public


def test_an_agency_that_blocks_holds_approval_until_the_checks_pass(visitor):
    Agency.objects.filter(slug="dislutkan").update(prepublish_checks="block")
    article = written("Naskah tanpa foto")
    workflow.submit(article, actor=article.author)
    supervisor = visitor("checks-block", viewport={"width": 360, "height": 800})
    supervisor.login("penyunting")
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    assert supervisor.page.locator("button[value=approve]").is_disabled()
    assert "lolos semua pemeriksaan" in supervisor.page.locator(".workflow-side").inner_text()
    assert supervisor.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW

"""Issue 14, item 1 in a browser: no lost work.

A writer who edits a draft and goes straight to "Ajukan untuk ditinjau" gets the edit saved and
submitted in one step; a form with an error comes back with the typed text and nothing is
submitted; typing is autosaved and offered back after the tab was closed; and a second person with
the same form open is named on it.
"""

import re

import pytest

from accounts.models import Agency, User
from newsroom import editing
from newsroom.autosave import Autosave
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

READY = "window.CKEDITOR && CKEDITOR.instances.id_body?.status === 'ready'"
BODY = "<p>Pelatihan diikuti dua puluh peserta dari tiga kecamatan.</p>"
NEW_LEAD = "Nelayan Kotawaringin menerima dua puluh kapal baru dari dinas pada Jumat pagi."


def written(title, *, author="penulis", lead="Ringkas.", body="<p>Isi.</p>"):
    writer = User.objects.get(username=author)
    agency = Agency.objects.get(slug="dislutkan")
    return editing.create(Article(agency=agency, title=title, lead=lead, body=body), actor=writer)


def change_url(article):
    return f"/admin/newsroom/article/{article.pk}/change/"


def pick_pillar(page):
    if page.locator("#id_plan_pillar option").count() > 1:
        # The Digital PR desk asks which content pillar an item serves once the agency has some.
        page.select_option("#id_plan_pillar", index=1)


def test_submitting_an_edited_draft_saves_the_edit_and_submits_it(visitor):
    article = written("Bantuan kapal untuk nelayan")
    writer = visitor("nolost-writer", viewport={"width": 1366, "height": 900})
    writer.login("penulis")
    writer.goto(change_url(article))
    writer.page.fill("#id_lead", NEW_LEAD)
    pick_pillar(writer.page)
    # Straight to the workflow step beside the form, without saving first.
    writer.page.click(".workflow-side button[value=submit]")
    writer.page.wait_for_selector("ul.messagelist li.success")
    writer.check("saved-and-submitted")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.lead == NEW_LEAD
    assert article.revisions.latest("number").data["lead"] == NEW_LEAD

    # The supervisor's review screen shows the edited lead.
    supervisor = visitor("nolost-supervisor")
    supervisor.login("penyunting")
    supervisor.goto("/admin/newsroom/article/review-queue/")
    supervisor.page.click(f"#review-queue a[href$='/article/{article.pk}/change/']")
    supervisor.page.wait_for_load_state("load")
    supervisor.check("review-screen")
    assert NEW_LEAD in supervisor.page.inner_text("#content")


def test_the_save_and_submit_button_keeps_the_text_when_the_form_has_an_error(visitor):
    article = written("Rapat koordinasi nelayan")
    writer = visitor("nolost-errors", viewport={"width": 360, "height": 800})
    writer.login("penulis")
    writer.goto(change_url(article))
    button = writer.page.locator(".submit-row button[name=_step][value=submit]")
    assert button.inner_text().strip() == "Simpan & ajukan"
    writer.page.fill("#id_lead", NEW_LEAD)
    writer.page.fill("#id_title", "")  # a required field left empty
    pick_pillar(writer.page)
    button.click()
    writer.page.wait_for_selector(".errornote")
    writer.check("save-and-submit-refused")
    assert writer.page.input_value("#id_lead") == NEW_LEAD
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.lead == "Ringkas."

    writer.page.fill("#id_title", "Rapat koordinasi nelayan")
    writer.page.click(".submit-row button[name=_step][value=submit]")
    writer.page.wait_for_selector("ul.messagelist li.success")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW and article.lead == NEW_LEAD
    assert writer.page.evaluate("document.documentElement.scrollWidth") <= 360


def test_typing_is_autosaved_and_offered_back_after_the_tab_was_closed(visitor, settings):
    settings.HUMAS_AUTOSAVE_SECONDS = 1
    article = written("Pelatihan pengolahan ikan")
    writer = visitor("autosave-writer", viewport={"width": 1366, "height": 900})
    writer.login("penulis")
    writer.goto(change_url(article))
    writer.page.wait_for_function(READY)
    writer.page.evaluate(f"CKEDITOR.instances.id_body.setData('{BODY}')")
    writer.page.fill("#id_lead", NEW_LEAD)
    writer.page.fill("#id_title", "Pelatihan pengolahan ikan asin")
    status = writer.page.locator(".autosave-status")
    status.filter(has_text=re.compile(r"Tersimpan otomatis \d\d\.\d\d")).wait_for()
    saved = Autosave.objects.get(user__username="penulis", object_id=article.pk)
    assert saved.fields["lead"] == NEW_LEAD and "dua puluh peserta" in saved.fields["body"]
    article.refresh_from_db()
    assert article.lead == "Ringkas."  # nothing saved for real, no revision added
    assert article.revisions.count() == 1
    # The tab is closed without saving (no "leave the page?" question in a closed tab).
    writer.page.evaluate("window.onbeforeunload = null")
    writer.page.close()

    writer.page = writer.context.new_page()
    writer.goto(change_url(article))
    notice = writer.page.locator(".autosave-offer")
    notice.wait_for(state="visible")
    assert "Ada perubahan yang belum disimpan dari" in notice.inner_text()
    writer.check("autosave-offered")
    assert writer.page.input_value("#id_lead") == "Ringkas."
    writer.page.wait_for_function(READY)
    notice.locator("button", has_text="Pulihkan").click()
    assert writer.page.input_value("#id_lead") == NEW_LEAD
    assert writer.page.input_value("#id_title") == "Pelatihan pengolahan ikan asin"
    assert "dua puluh peserta" in writer.page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert not notice.is_visible()
    pick_pillar(writer.page)
    writer.page.click("input[name=_continue]")
    writer.page.wait_for_selector("ul.messagelist li.success")
    article.refresh_from_db()
    assert article.lead == NEW_LEAD
    # A normal save removes the autosave: nothing is offered any more.
    assert not Autosave.objects.filter(object_id=article.pk).exists()
    assert not writer.page.locator(".autosave-offer").is_visible()


def test_a_second_person_with_the_form_open_is_named_on_it(visitor, settings):
    settings.HUMAS_PRESENCE_SECONDS = 1
    article = written("Lomba perahu hias")
    first = visitor("presence-writer", viewport={"width": 1366, "height": 900})
    first.login("penulis")
    first.goto(change_url(article))
    assert not first.page.locator(".presence-notice").is_visible()

    second = visitor("presence-supervisor", viewport={"width": 360, "height": 800})
    second.login("penyunting")
    second.goto(change_url(article))
    writer_name = User.objects.get(username="penulis").get_full_name()
    notice = second.page.locator(".presence-notice")
    notice.wait_for(state="visible")
    assert (
        writer_name in notice.inner_text() and "perubahan dapat bertabrakan" in notice.inner_text()
    )
    second.check("presence-notice-phone")

    # The first person's heartbeat brings the news to them too, without a reload.
    supervisor_name = User.objects.get(username="penyunting").get_full_name()
    first.page.locator(".presence-notice", has_text=supervisor_name).wait_for(state="visible")
    first.check("presence-notice")
    # Not a lock: the writer still saves.
    first.page.fill("#id_lead", NEW_LEAD)
    pick_pillar(first.page)
    first.page.click("input[name=_continue]")
    first.page.wait_for_selector("ul.messagelist li.success")
    article.refresh_from_db()
    assert article.lead == NEW_LEAD


def test_every_other_staff_form_asks_before_typed_text_is_left_behind(visitor):
    """Not only publishable forms: an agency's settings typed and not saved are not lost to a
    click on "Beranda"; saving goes through without a question."""
    agency = Agency.objects.get(slug="dislutkan")
    admin = visitor("guard-agency-admin", viewport={"width": 1366, "height": 900})
    admin.login("admin_instansi")
    admin.goto(f"/admin/accounts/agency/{agency.pk}/change/")
    page = admin.page
    hours = "Senin–Kamis 07.30–16.00 WIB, Jumat 07.30–11.00 WIB"
    field = page.locator("#agency_form textarea").first
    field.fill(hours)
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # "Tetap di halaman ini"

    page.on("dialog", stay)
    page.locator("#site-name a, .breadcrumbs a").first.click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert re.search(rf"/admin/accounts/agency/{agency.pk}/change/$", page.url)
    assert field.input_value() == hours
    page.remove_listener("dialog", stay)

    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    admin.check("agency-saved")
    assert asked == ["beforeunload"]  # saving never asks
    page.locator(".breadcrumbs a").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))

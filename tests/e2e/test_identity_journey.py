"""Journey: an agency administrator builds the agency's header menu in the admin (a page, a
heading with a page under it), a writer fills the Kontak and Maklumat Pelayanan standard pages
(drafts, as a new agency gets them), a supervisor approves both, and a visitor on a 360 px phone
reaches each from the agency's menu, which opens without any script."""

import re

import pytest

from newsroom.models import Page
from newsroom.standard_pages import PPID_SECTION

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}  # fmt: skip
CONTACT = "Layanan informasi dibuka di Gedung Mina Bahari lantai 1, Jl. Jend. Sudirman No. 1."
PROMISE = "Kami berjanji menjawab setiap permohonan informasi paling lambat 10 hari kerja."
MAKLUMAT = f"{PPID_SECTION}/maklumat-pelayanan"
DISLUTKAN = "Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah"


def click_and_wait(person, selector, name):
    person.page.click(selector)
    person.page.wait_for_selector("ul.messagelist")
    person.check(name)


def fill_body(page, html):
    page.wait_for_function(
        "CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.evaluate("html => CKEDITOR.instances.id_body.setData(html)", html)


def write_and_submit(writer, page_row, text):
    writer.goto(f"/admin/newsroom/page/{page_row.pk}/change/")
    fill_body(writer.page, f"<p>{text}</p>")
    pillar = writer.page.locator("#id_plan_pillar")
    if pillar.count():  # the Digital PR desk asks which content pillar an item serves
        pillar.select_option(index=1)
    writer.page.click("input[name=_continue]")
    writer.page.wait_for_selector("ul.messagelist")
    errors = writer.page.locator(".errorlist").all_inner_texts()
    assert writer.page.locator(".errornote:visible").count() == 0, errors
    click_and_wait(writer, "button[value=submit]", f"{page_row.slug}-submitted")


def approve(supervisor, page_row):
    supervisor.goto(f"/admin/newsroom/page/{page_row.pk}/change/")
    confirm = supervisor.page.locator(
        "form[action$='/workflow/approve/'] input[name=confirm_checks]"
    )
    if confirm.count():
        confirm.check()
    click_and_wait(supervisor, "button[value=approve]", f"{page_row.slug}-approved")


def test_agency_admin_builds_a_menu_and_a_phone_reaches_the_filled_pages(visitor):
    # As a new agency's pages start: drafts ready to fill.
    pages = Page.objects.filter(agency__slug="dislutkan", path__in=["kontak", MAKLUMAT])
    pages.update(status=Page.Status.DRAFT, publish_at=None)
    kontak = Page.objects.get(agency__slug="dislutkan", path="kontak")
    maklumat = Page.objects.get(agency__slug="dislutkan", path=MAKLUMAT)

    admin = visitor("identity-admin")
    page = admin.page
    admin.login("admin_instansi")
    admin.goto("/admin/portal/menu/add/")
    page.select_option("#id_agency", label=DISLUTKAN)
    page.select_option("#id_location", "header")
    page.fill("#id_items-0-position", "1")
    page.select_option("#id_items-0-list_target", "home")
    page.fill("#id_items-1-position", "2")
    page.select_option("#id_items-1-page", label="Kontak")
    page.fill("#id_items-1-label", "Hubungi Kami")
    page.fill("#id_items-2-position", "3")
    page.fill("#id_items-2-label", "Layanan Informasi")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    admin.check("menu-saved")
    # Now the menu exists, an entry can go under the heading.
    page.fill("#id_items-3-position", "1")
    page.select_option("#id_items-3-page", label="PPID › Maklumat Pelayanan")
    page.select_option("#id_items-3-parent", label="Layanan Informasi")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    admin.check("menu-with-sub-entry")
    assert page.locator(".errornote:visible").count() == 0

    writer = visitor("identity-writer")
    writer.login("penulis")
    write_and_submit(writer, kontak, CONTACT)
    write_and_submit(writer, maklumat, PROMISE)

    supervisor = visitor("identity-supervisor")
    supervisor.login("penyunting")
    approve(supervisor, kontak)
    approve(supervisor, maklumat)

    citizen = visitor("identity-citizen", **PHONE)
    phone = citizen.page
    citizen.goto("/instansi/dislutkan/")
    menu = phone.locator(".agency-nav")
    assert menu.locator("a", has_text="Hubungi Kami").is_hidden()  # closed on a phone
    menu.locator(".nav-toggle > summary").click()
    citizen.check("menu-open")
    menu.locator("a", has_text="Hubungi Kami").click()
    phone.wait_for_url(re.compile(r"/instansi/dislutkan/kontak/$"))
    citizen.check("kontak")
    assert CONTACT in phone.locator("main").inner_text()

    menu.locator(".nav-toggle > summary").click()
    menu.locator(".submenu > summary", has_text="Layanan Informasi").click()
    menu.locator("a", has_text="Maklumat Pelayanan").click()
    phone.wait_for_url(re.compile(rf"/instansi/dislutkan/{PPID_SECTION}/maklumat-pelayanan/$"))
    citizen.check("maklumat")
    assert PROMISE in phone.locator("main").inner_text()
    # The agency's identity in the footer, with where to complain.
    footer = phone.locator("footer").inner_text()
    assert "Jl. Jend. Sudirman No. 1" in footer and "SP4N-LAPOR!" in footer

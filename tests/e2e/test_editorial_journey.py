"""Journey 1: a writer writes an article in CKEditor (bold, list, link, photo with caption),
previews and submits it; a supervisor asks for a change; the writer fixes and resubmits; the
supervisor approves; an anonymous visitor finds it on /, /berita/, by search and in the RSS feed,
with the photo rendered."""

import io
import re

import pytest
from PIL import Image

from accounts.models import Agency
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Nelayan Katingan Terima Bantuan Kapal Motor"
CAPTION = "Kapal motor bantuan bersandar di dermaga Katingan."


def photo_png() -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (1600, 1000), (20, 90, 160))
    for x in range(0, 1600, 80):  # some structure, so the renditions are real pictures
        image.paste((240, 180, 30), (x, 400, x + 40, 600))
    image.save(out, "PNG")
    return out.getvalue()


def editor_html(page) -> str:
    return page.evaluate("CKEDITOR.instances.id_body.getData()")


def write_in_ckeditor(page):
    page.wait_for_selector(".cke_button__bold")
    page.wait_for_function(
        "CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Sebanyak dua puluh nelayan menerima ")
    page.click(".cke_button__bold")
    page.keyboard.type("kapal motor 5 GT")
    page.click(".cke_button__bold")
    page.keyboard.type(" dari Dislutkan.")
    page.keyboard.press("Enter")
    page.click(".cke_button__bulletedlist")
    page.keyboard.type("Kecamatan Katingan Kuala")
    page.keyboard.press("Enter")
    page.keyboard.type("Kecamatan Mendawai")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # leaves the list
    page.keyboard.type("Informasi lengkap di ")
    page.click(".cke_button__link")
    dialog = page.locator(".cke_dialog:visible")
    dialog.wait_for()
    dialog.locator("input.cke_dialog_ui_input_text").nth(0).fill("laman resmi Dislutkan")
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill("dislutkan.example.go.id")
    # The dialog offers https:// first; this writer picks http://, and is warned at once.
    page.evaluate("CKEDITOR.dialog.getCurrent().setValueOf('info', 'protocol', 'http://')")
    assert "http://" in dialog.locator(".humas-editor-warning").inner_text()
    dialog.locator(".cke_dialog_ui_button_ok").click()
    html = editor_html(page)
    assert "<strong>kapal motor 5 GT</strong>" in html
    assert "<ul>" in html and "<li>Kecamatan Mendawai</li>" in html
    assert 'href="http://dislutkan.example.go.id"' in html


def click_and_wait(person, selector, name):
    person.page.click(selector)
    person.page.wait_for_selector("ul.messagelist")
    person.check(name)


def test_article_goes_from_ckeditor_through_review_to_the_public(visitor):
    writer = visitor("writer")
    page = writer.page
    writer.login("penulis")
    writer.goto("/admin/newsroom/article/add/")
    dislutkan = Agency.objects.get(slug="dislutkan")
    if page.locator("select#id_agency").count():
        page.select_option("#id_agency", str(dislutkan.pk))
    page.fill("#id_title", TITLE)
    if not page.input_value("#id_slug"):
        page.fill("#id_slug", "nelayan-katingan-terima-bantuan-kapal-motor")
    page.fill("#id_lead", "Dua puluh nelayan Katingan menerima kapal motor dari Dislutkan.")
    write_in_ckeditor(page)
    page.set_input_files("#id_cover_image", files=[
        {"name": "kapal.png", "mimeType": "image/png", "buffer": photo_png()}])  # fmt: skip
    page.fill("#id_cover_caption", CAPTION)
    page.fill("#id_cover_credit", "Humas Dislutkan")
    if page.locator("#id_cover_alt").count():
        page.fill("#id_cover_alt", "Nelayan berdiri di samping kapal motor baru di dermaga")
    # The agency plans its content by pillar (the Digital PR desk): every item carries one.
    page.select_option("#id_plan_pillar", index=1)
    writer.shot("article-written")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    errors = page.evaluate(
        "[...document.querySelectorAll('.errorlist')].map(e => e.closest('.form-row').className)"
    )
    assert not errors, errors
    page.wait_for_url(re.compile(r"/article/\d+/change/$"))
    writer.check("article-saved")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.DRAFT and article.cover_image

    # Preview opens in a new tab with the text and the photo as the public will see them.
    with page.expect_popup() as popup_info:
        page.click("a[href$='/preview/']")
    preview = popup_info.value
    preview.wait_for_load_state()
    assert "kapal motor 5 GT" in preview.inner_text("main")
    assert preview.evaluate(
        "[...document.querySelectorAll('main img')].some(i => i.naturalWidth > 0)"
    )
    preview.close()

    click_and_wait(writer, "button[value=submit]", "submitted")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    supervisor = visitor("supervisor")
    supervisor.login("penyunting")
    supervisor.goto("/admin/newsroom/article/review-queue/")
    supervisor.page.click(f"#review-queue a[href$='/article/{article.pk}/change/']")
    supervisor.page.wait_for_url(re.compile(rf"/article/{article.pk}/change/$"))
    supervisor.check("review")
    supervisor.page.fill("#comment-request_changes", "Sebutkan nilai bantuan dalam rupiah.")
    click_and_wait(supervisor, "button[value=request_changes]", "changes-requested")

    writer.goto(f"/admin/newsroom/article/{article.pk}/change/")
    assert "Sebutkan nilai bantuan dalam rupiah." in page.inner_text(".workflow-comment")
    page.wait_for_function(
        "CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.evaluate(
        "CKEDITOR.instances.id_body.setData(CKEDITOR.instances.id_body.getData()"
        " + '<p>Nilai bantuan Rp1,2 miliar.</p>')"
    )
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    click_and_wait(writer, "button[value=submit]", "resubmitted")

    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    # The pre-publication checks find the http:// link, the missing alt text and category; the
    # agency warns, so the supervisor confirms ("Terbitkan saja") before approving.
    assert "http://" in supervisor.page.inner_text("section.checklist")
    supervisor.page.check("form[action$='/workflow/approve/'] input[name=confirm_checks]")
    click_and_wait(supervisor, "button[value=approve]", "approved")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_public

    reader = visitor("reader")
    for path in ["/", "/berita/", "/cari/?q=Katingan+kapal+motor"]:
        reader.goto(path)
        link = reader.page.locator(f"main a[href='{article.get_absolute_url()}']").first
        assert link.is_visible(), path
    reader.page.locator(f"main a[href='{article.get_absolute_url()}']").first.click()
    reader.page.wait_for_url(f"**{article.get_absolute_url()}")
    reader.check("article")
    main = reader.page.inner_text("main")
    assert TITLE in main and "Nilai bantuan Rp1,2 miliar." in main and CAPTION in main
    assert reader.page.locator("main strong", has_text="kapal motor 5 GT").count() == 1
    assert reader.page.locator("main li", has_text="Kecamatan Mendawai").count() == 1
    assert reader.page.locator("main a[href='http://dislutkan.example.go.id']").count() == 1
    cover = reader.page.locator("main picture img").first
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "/media/" in cover.evaluate("img => img.currentSrc")

    feed = reader.page.request.get(reader.url("/feed/"))
    assert feed.ok and TITLE in feed.text() and article.get_absolute_url() in feed.text()

"""The portal on a 360 px phone in a real browser (Playwright + Debian's Chromium)."""

import shutil

import pytest

from tests.newsroom.portal_helpers import give_cover

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def phone(monkeypatch):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(locale="id-ID", viewport={"width": 360, "height": 800})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page, errors
        browser.close()


@pytest.fixture
def portal(agency, writer, make_article):
    agency.address, agency.email = "Jl. Jend. Sudirman No. 1, Palangka Raya", "ppid@dislutkan.go.id"
    agency.save()
    article = make_article(
        agency, writer,
        title="Pelatihan Digital Public Relation Tingkatkan Kapasitas Kehumasan ASN Dislutkan",
        lead="Selama tujuh hari, tiga puluh aparatur mengikuti pelatihan.",
        body="<p>" + "Peserta belajar menulis siaran pers dan mengelola media sosial. " * 20
        + "</p><table><tr><td>" + "kolom-panjang-" * 20 + "</td></tr></table>",
        cover_caption="Peserta pelatihan", is_featured=True,
    )  # fmt: skip
    give_cover(article)
    for n in range(6):
        make_article(agency, writer, title=f"Kabar nelayan Kalimantan Tengah nomor {n}")
    return article


def test_public_pages_fit_a_360px_phone_without_sideways_scrolling(live_server, phone, portal):
    page, errors = phone
    for path in ["/", "/berita/", portal.get_absolute_url(), "/instansi/dislutkan/",
                 "/cari/?q=pelatihan"]:  # fmt: skip
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"
        assert page.locator("h1").count() == 1, path
    assert errors == []


def test_keyboard_user_can_skip_to_content_and_sees_focus(live_server, phone, portal):
    page, _ = phone
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # on screen when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_browser_picks_the_webp_rendition_of_the_cover(live_server, phone, portal):
    page, _ = phone
    page.goto(live_server.url + portal.get_absolute_url())
    source = page.locator("figure.cover img").evaluate("img => img.currentSrc")
    assert "/media/renditions/" in source and source.endswith(".webp")
    assert "480w.webp" in source or "960w.webp" in source  # a phone-sized one, not the largest

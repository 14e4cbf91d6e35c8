"""The portal on a 360 px phone in a real browser (Playwright + Debian's Chromium)."""

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.newsroom.portal_helpers import give_cover

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _orm_beside_a_browser_loop(monkeypatch):
    """The e2e journeys may keep Playwright's event loop running in this thread for the whole
    session; the ORM calls of these tests are still plain synchronous code."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def on_a_phone(steps):
    """Run ``steps(page)`` in Chromium at 360×800, in a thread of its own.

    Playwright's sync API refuses to start where an event loop already runs (the e2e journeys
    keep a session-wide browser open in the main thread), so this browser lives in its own thread.
    Returns what ``steps`` returns, and fails on any JavaScript error in the page.
    """
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")

    def run():
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                context = browser.new_context(
                    locale="id-ID", viewport={"width": 360, "height": 800}
                )
                page = context.new_page()
                errors = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                result = steps(page)
                assert errors == []
                return result
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=120)


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


def test_public_pages_fit_a_360px_phone_without_sideways_scrolling(live_server, portal):
    paths = ["/", "/berita/", portal.get_absolute_url(), "/instansi/dislutkan/",
             "/cari/?q=pelatihan"]  # fmt: skip

    def measure(page):
        found = {}
        for path in paths:
            page.goto(live_server.url + path)
            found[path] = (
                page.evaluate("document.documentElement.scrollWidth"),
                page.locator("h1").count(),
            )
        return found

    for path, (width, headings) in on_a_phone(measure).items():
        assert width <= 360, f"{path} is {width}px wide"
        assert headings == 1, path


def test_keyboard_user_can_skip_to_content_and_sees_focus(live_server, portal):
    def walk(page):
        page.goto(live_server.url + "/")
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        on_skip = skip.evaluate("el => el === document.activeElement")
        box = skip.bounding_box()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        in_main = page.evaluate("document.activeElement.closest('main') !== null")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        return on_skip, box, in_main, outline

    on_skip, box, in_main, outline = on_a_phone(walk)
    assert on_skip
    assert box and box["x"] >= 0 and box["y"] >= 0  # on screen when focused
    assert in_main
    assert outline not in ("", "none")


def test_browser_picks_the_webp_rendition_of_the_cover(live_server, portal):
    def cover_source(page):
        page.goto(live_server.url + portal.get_absolute_url())
        return page.locator("figure.cover img").evaluate("img => img.currentSrc")

    source = on_a_phone(cover_source)
    assert "/media/renditions/" in source and source.endswith(".webp")
    assert "480w.webp" in source or "960w.webp" in source  # a phone-sized one, not the largest

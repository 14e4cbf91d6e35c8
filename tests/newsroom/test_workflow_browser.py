"""The editorial loop in a real browser (Playwright + Debian's Chromium) against a live server."""

import re
import shutil

import pytest
from django.urls import reverse

from newsroom.models import Article

from .conftest import PASSWORD_FOR_TESTS as PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page(monkeypatch):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(locale="id-ID", viewport={"width": 1400, "height": 1000})
        yield context.new_page()
        browser.close()


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(base + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_writer_and_supervisor_take_an_article_through_review_in_a_browser(
    browser_page, live_server, draft, writer, supervisor
):
    page, base = browser_page, live_server.url
    article = draft(title="Bantuan kapal untuk nelayan")
    change = base + reverse("admin:newsroom_article_change", args=[article.pk])

    _login(page, base, writer)
    page.goto(change)
    page.click("button[value=submit]")
    page.wait_for_selector("ul.messagelist")
    assert "“Ajukan untuk ditinjau” selesai" in page.inner_text("ul.messagelist")

    _login(page, base, supervisor)
    page.goto(base + reverse("admin:newsroom_review_queue"))
    page.click(f"#review-queue a[href$='/article/{article.pk}/change/']")
    page.fill("#comment-request_changes", "Sebutkan jumlah kapal.")
    page.click("button[value=request_changes]")
    page.wait_for_selector("ul.messagelist")

    _login(page, base, writer)
    page.goto(change)
    assert "Sebutkan jumlah kapal." in page.inner_text(".workflow-comment")
    page.click("button[value=submit]")
    page.wait_for_selector("ul.messagelist")

    _login(page, base, supervisor)
    page.goto(change)
    # The draft has no photo, category or long lead: the agency warns, the supervisor confirms.
    page.check("form[action$='/workflow/approve/'] input[name=confirm_checks]")
    page.click("button[value=approve]")
    page.wait_for_selector("ul.messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    page.goto(base + article.get_absolute_url())
    assert "Bantuan kapal untuk nelayan" in page.inner_text("h1")


def test_a_step_never_throws_away_unsaved_text(browser_page, live_server, draft, writer):
    page, base = browser_page, live_server.url
    article = draft(title="Nelayan menerima kapal")
    _login(page, base, writer)
    page.goto(base + reverse("admin:newsroom_article_change", args=[article.pk]))
    assert not page.locator(".workflow-unsaved").is_visible()  # nothing typed, nothing to say
    page.fill("#id_lead", "Teras berita yang baru diketik.")
    # Submitting with unsaved text saves it first, in the same step (issue 14, item 1).
    page.click("button[value=submit]")
    page.wait_for_selector("ul.messagelist li.success")
    assert "tersimpan" in page.inner_text("ul.messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.lead == "Teras berita yang baru diketik."

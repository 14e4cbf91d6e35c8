"""Journey 3: a keyboard-only visitor reaches the main navigation, search and the request form."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def focused(page) -> dict:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return {tag: e.tagName, text: (e.innerText || '').trim(), id: e.id,"
        " href: e.getAttribute('href') || '', name: e.getAttribute('name') || '',"
        " inMain: !!e.closest('main')} })()"
    )


def tab_until(page, predicate, limit=60):
    """Press Tab until ``predicate(focused element)``; fail if it is never reached."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        seen.append(element["text"] or element["id"] or element["href"])
        if predicate(element):
            return element
    raise AssertionError(f"not reachable by keyboard; focus went through {seen}")


def test_keyboard_visitor_reaches_navigation_search_and_the_request_form(visitor):
    person = visitor("keyboard")
    page = person.page
    person.goto("/")

    # The first Tab stop is the skip link, and it moves focus to the main content.
    first = tab_until(page, lambda e: True, limit=1)
    assert first["href"] == "#main"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # Main navigation: every link reachable, "News" opens the news list; a group ("PPID") is a
    # disclosure opened with Enter, its links next in the Tab order.
    person.goto("/")
    for label in ["Beranda", "Berita"]:
        tab_until(page, lambda e, label=label: e["tag"] == "A" and e["text"] == label)
    tab_until(page, lambda e: e["tag"] == "SUMMARY" and e["text"] == "PPID")
    page.keyboard.press("Enter")
    inside = tab_until(page, lambda e: e["tag"] == "A", limit=1)
    assert inside["href"].startswith("/")
    tab_until(page, lambda e: e["tag"] == "A" and e["text"] == "Informasi publik")
    person.goto("/")
    tab_until(page, lambda e: e["tag"] == "A" and e["text"] == "Berita")
    page.keyboard.press("Enter")
    page.wait_for_url("**/berita/")
    person.check("news-by-keyboard")

    # Search: typed and sent with the keyboard.
    tab_until(page, lambda e: e["id"] == "site-search")
    page.keyboard.type("nelayan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cari/?q=nelayan")
    person.check("search-by-keyboard")
    assert page.locator("main").inner_text()

    # The request form: from the footer link, then every field reachable and the form sent.
    tab_until(page, lambda e: e["tag"] == "A" and e["href"] == "/ppid/permohonan/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ppid/permohonan/")
    person.check("request-form-by-keyboard")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["name"]:
            reached.add(element["name"])
        if element["tag"] == "BUTTON" and element["inMain"]:
            break
    required = {"agency", "applicant_type", "name", "nik", "address", "phone", "email",
                "information_requested", "purpose", "obtain_method", "delivery_method"}  # fmt: skip
    assert required <= reached, required - reached
    # The visible focus ring is there (not removed by CSS) on the focused control.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"

"""The shape of the project (design.md §1): who may know whom."""

import ast
from pathlib import Path

import pytest
from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent
APPS = {"accounts", "newsroom", "ppid", "portal"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_project_package_imports_no_app():
    for path in sorted((ROOT / "humas").rglob("*.py")):
        apps = {name.split(".")[0] for name in imported_modules(path)} & APPS
        assert not apps, f"{path.relative_to(ROOT)} imports {sorted(apps)}"


def test_neither_the_newsroom_nor_the_portal_layout_names_the_ppid_pages():
    # PPID's entry points in the menu, the footer and on agency pages come from the settings.
    layout = ["base.html", "_site_header.html", "_site_footer_sections.html"]
    files = [*(ROOT / "newsroom").rglob("*.py"), *(ROOT / "portal").rglob("*.py"),
             *(ROOT / "templates" / "portal").glob("*.html"),
             *(ROOT / "templates" / name for name in layout)]  # fmt: skip
    for path in files:
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        assert "/ppid/" not in text and "'ppid:" not in text and '"ppid:' not in text, path


@pytest.mark.parametrize(
    ("path", "view_name"),
    [
        ("/", "portal:home"),
        ("/berita/", "portal:article_list"),
        ("/berita/panen-raya/", "portal:article_detail"),
        ("/instansi/dislutkan/", "portal:agency_detail"),
        ("/instansi/dislutkan/feed/", "portal:agency_feed"),
        ("/cari/", "portal:search"),
        ("/feed/", "portal:feed"),
        ("/sitemap.xml", "sitemap_index"),
        ("/sitemap-berita.xml", "django.contrib.sitemaps.views.sitemap"),
        ("/robots.txt", "robots_txt"),
        ("/healthz", "healthz"),
        ("/ppid/", "ppid:landing"),
        ("/ppid/informasi/", "ppid:dip_list"),
        ("/api/v1/", "api:api-root"),
        ("/api/v1/schema/", "api:schema"),
        ("/api/v1/articles/", "api:article-list"),
    ],
)
def test_the_public_contract_keeps_its_addresses(path, view_name):
    assert resolve(path).view_name == view_name


def test_the_base_layout_loads_no_editorial_tag_library():
    first_line = (ROOT / "templates" / "base.html").read_text().splitlines()[0]
    assert "{% load i18n static portal %}" in first_line


def test_an_agency_page_offers_the_links_the_settings_name(client, settings, agency):
    assert 'href="/ppid/permohonan/"' in client.get("/instansi/dislutkan/").content.decode()
    settings.HUMAS_PORTAL_AGENCY_LINKS = [("Pengaduan", "/pengaduan/")]
    from portal import menus

    menus.forget()
    try:
        page = client.get("/instansi/dislutkan/").content.decode()
    finally:
        menus.forget()
    contact = page.split('class="contact-box"', 1)[1].split("</aside>", 1)[0]
    assert 'href="/pengaduan/">Pengaduan</a>' in contact and "/ppid/" not in contact

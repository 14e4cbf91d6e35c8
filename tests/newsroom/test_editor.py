"""The rich-text editor on a staff form (issue 14, item 7): what the page hands CKEditor.

The browser side (labels, dialogs, warnings) is proven in tests/e2e/test_editor_journey.py;
here, the configuration the form renders: a short toolbar, Paragraf/Judul 2/Judul 3, https://
links, a content filter equal to the sanitiser's allow-list, and the link dialog's warnings in
the checklist's own words."""

import html
import json
import re

import pytest

from newsroom.checks import link_problem
from newsroom.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

pytestmark = pytest.mark.django_db

ADD = "/admin/newsroom/article/add/"


def editor_config(client, user, path=ADD) -> dict:
    client.force_login(user)
    page = client.get(path).content.decode()
    found = re.search(r'<textarea name="body"[^>]*data-config="([^"]*)"', page)
    assert found, "the body field is not a CKEditor"
    return json.loads(html.unescape(found[1]))


def test_the_toolbar_is_short_and_headings_are_paragraph_h2_and_h3(client, writer):
    config = editor_config(client, writer)
    buttons = [button for group in config["toolbar_Custom"] for button in group]
    assert buttons == [
        "Format", "Bold", "Italic", "NumberedList", "BulletedList", "Blockquote", "Link",
        "Unlink", "Image", "Iframe", "Table", "Undo", "Redo",
    ]  # fmt: skip
    assert config["toolbar"] == "Custom"
    assert config["format_tags"] == "p;h2;h3"
    removed = set(config["removePlugins"].split(","))
    assert {"sourcearea", "scayt", "forms", "elementspath"} <= removed
    assert not {"link", "image", "iframe", "table", "list", "format"} & removed


def test_links_start_at_https_without_target_or_advanced_fields(client, writer):
    config = editor_config(client, writer)
    assert config["linkDefaultProtocol"] == "https://"
    assert config["linkShowTargetTab"] is False
    assert config["linkShowAdvancedTab"] is False


def test_the_editor_keeps_what_the_sanitiser_keeps_and_nothing_more(client, writer):
    rules = editor_config(client, writer)["allowedContent"].split("; ")
    bare, *with_attributes, upload = rules
    assert upload == "*[!data-widget,!data-cke-upload-id]"  # an uploading image, never saved
    allowed = {tag: set() for tag in bare.split()}
    for rule in with_attributes:
        tag, attributes = re.fullmatch(r"(\w+)\[([^\]]*)\]", rule).groups()
        allowed[tag] = {name.lstrip("!") for name in attributes.split(",")}
    assert allowed.keys() == ALLOWED_TAGS
    assert {tag: names for tag, names in allowed.items() if names} == ALLOWED_ATTRIBUTES
    assert "a[!href,title]" in with_attributes  # a link without an address is not kept


def test_the_link_dialog_warns_in_the_words_of_the_checklist(client, writer):
    say = editor_config(client, writer)["humas"]
    href = "https://dislutkan.example.go.id/laporan.pdf"
    assert say["link_single"] % {"text": "."} == link_problem(href, ".")
    assert say["link_single"].startswith("Tautan “%(text)s” hanya satu karakter")
    assert say["link_empty"] % {"href": href} == link_problem(href, "")
    assert say["link_http"] % {"text": "laporan"} == link_problem(
        "http://dislutkan.example.go.id", "laporan"
    )
    assert say["video_address"] == "Alamat video YouTube"
    assert say["video_prefix"] == "https://www.youtube-nocookie.com/embed/"


def test_the_indonesian_strings_load_after_ckeditor_and_before_the_editor_starts(client, writer):
    client.force_login(writer)
    page = client.get(ADD).content.decode()
    scripts = re.findall(r'<script src="/static/([^"?]+)', page)
    order = [
        "ckeditor/ckeditor/ckeditor.js",
        "js/editor-lang-id.js",
        "js/editor-dialogs.js",
        "js/editor-uploads.js",
    ]
    assert [s for s in scripts if s in order] == order
    assert 'href="/static/css/admin-editor.css"' in page


def test_browse_server_is_in_indonesian_and_runs_no_inline_script(client, writer):
    client.force_login(writer)
    page = client.get(
        "/admin/ckeditor/browse/?CKEditor=id_body&CKEditorFuncNum=1&langCode=id"
    ).content.decode()
    assert "<title>Pilih foto</title>" in page
    assert "Cari menurut keterangan atau nama berkas" in page
    assert "Belum ada foto." in page
    # django-ckeditor's own page: English, with inline scripts and a jQuery 1.3 gallery.
    for english in ("Embed Image", "Browse for the image", "No images found", "Search files"):
        assert english not in page
    assert "<script>" not in page and 'style="' not in page and "jquery" not in page.lower()

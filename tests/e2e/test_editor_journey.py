"""A writer meets the rich-text editor in Chromium (issue 14, item 7): a short toolbar, every
label in Indonesian (toolbar, Format list, link, table, video and cell dialogs, context menu,
accessibility help), links that start at https://, and a link dialog that warns about a
one-character link in the same words as the pre-publication checklist.

CKEditor 4's own "id" language leaves many strings in English; static/js/editor-lang-id.js fills
them. Besides the lists of expected labels, every text the walk meets is compared with every
English string CKEditor has, so a label left in English anywhere on the way fails here."""

import json
import re
from pathlib import Path

import ckeditor
import pytest

from accounts.models import Agency, User
from newsroom.checks import link_problem
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANG_DIR = Path(ckeditor.__file__).parent / "static" / "ckeditor" / "ckeditor" / "lang"

# Every visible text, tooltip and accessible label inside an element (a dialog, the toolbar,
# a menu), with the options of its drop-down lists and the labels screen readers get.
COLLECT = """root => {
  const out = new Set()
  const add = v => { v = (v || '').replace(/\\s+/g, ' ').trim(); if (v) out.add(v) }
  for (const el of root.querySelectorAll('*')) {
    if (!el.checkVisibility() && !el.classList.contains('cke_voice_label')) continue
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) add(el.getAttribute(a))
    if (el.tagName === 'SELECT') for (const o of el.options) add(o.textContent)
    for (const n of el.childNodes) if (n.nodeType === 3) add(n.textContent)
  }
  return [...out]
}"""

TOOLBAR = [
    "Tebal", "Miring", "Daftar bernomor", "Daftar berpoin", "Kutipan", "Tautan", "Hapus tautan",
    "Gambar", "Video YouTube", "Tabel", "Urungkan", "Ulangi",
]  # fmt: skip
FORMATS = ["Paragraf", "Judul 2", "Judul 3"]
LINK_LABELS = {"Tautan", "Teks tautan", "Jenis tautan", "Protokol", "Alamat (URL)", "OK", "Batal"}
TABLE_LABELS = {"Pengaturan Tabel", "Baris", "Kolom", "Sel judul", "Keterangan tabel",
                "Baris pertama", "Kolom pertama", "Baris dan kolom pertama",
                "Tidak ada"}  # fmt: skip
CELL_LABELS = {"Pengaturan Sel", "Jenis sel", "Isi", "Judul", "Rentang baris", "Rentang kolom"}
MENU_LABELS = {"Sel", "Baris", "Kolom", "Hapus Tabel", "Pengaturan Tabel", "Tempel",
               "Sisipkan Baris Sebelumnya", "Sisipkan Kolom Sesudahnya",
               "Gabungkan Sel"}  # fmt: skip
# What the issue found in English or wrong: none may appear anywhere on the way.
KNOWN_BAD = [
    "Link Info", "Display Text", "Strikethrough", "Unlink", "Tabe", "Membentuk", "Heading",
    "Normal", "Rich Text Editor", "Link Type", "Protocol", "Advanced", "Browse Server",
    "Table Properties", "Cell Properties", "Headers", "Caption", "Judul halaman", "Lorem ipsum",
    "Insert Row", "Delete Cells", "Merge Cells", "Bullet", "Undo", "Redo", "IFrame", "Penasehat",
    "Sisip/Hapus",
    "Kembali lakukan", "Batalkan perlakuan", "Bentuk",
]  # fmt: skip
# English CKEditor strings that are also the Indonesian word, or a key's name.
SAME_IN_BOTH = {"OK", "E-mail", "Tab", "Ctrl", "Alt", "Shift", "Enter", "Backspace", "Home",
                "End", "Delete", "Command", "Insert", "Pause", "Caps Lock", "Page Up",
                "Page Down", "Num Lock", "Scroll Lock", "Format"}  # fmt: skip


def english_strings() -> set[str]:
    """Every string of CKEditor's English language file (for the plugins' sections)."""
    text = (LANG_DIR / "en.js").read_text(encoding="utf-8-sig")
    data = json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, str) and len(value) > 1 and not value.startswith(("%", "<")):
            found.add(value)

    walk(data)
    return found - SAME_IN_BOTH - {f"F{n}" for n in range(1, 25)}


def english_in(texts) -> list[str]:
    english = english_strings()
    bad = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in KNOWN_BAD))
    return sorted(
        t for t in texts if t in english or bad.search(t) or re.sub(r" \(.*\)$", "", t) in english
    )


def open_editor(writer, path):
    writer.goto(path)
    writer.page.wait_for_function(
        "CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    writer.page.locator("#cke_id_body").scroll_into_view_if_needed()


def open_dialog(page, command):
    page.evaluate("command => CKEDITOR.instances.id_body.execCommand(command)", command)
    dialog = page.locator(".cke_dialog:visible")
    dialog.wait_for()
    return dialog


def read_dialog(page, dialog) -> list[str]:
    """The texts of every tab of the open dialog."""
    texts = dialog.evaluate(COLLECT)
    tabs = dialog.locator("a.cke_dialog_tab:visible")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        texts += dialog.evaluate(COLLECT)
    return texts


def close_dialog(page):
    page.keyboard.press("Escape")
    page.locator(".cke_dialog:visible").wait_for(state="hidden")


def select_first_cell(page):
    page.evaluate(
        """() => { const e = CKEDITOR.instances.id_body; const td = e.editable().findOne('td');
        const r = e.createRange(); r.moveToElementEditStart(td); r.select(); e.focus() }"""
    )


def test_the_editor_has_a_short_toolbar_and_speaks_indonesian_everywhere(visitor):
    writer = visitor("writer-editor")
    page = writer.page
    writer.login("penulis")
    open_editor(writer, "/admin/newsroom/article/add/")
    met = []

    # The toolbar: its buttons in order, each named in Indonesian (keyboard shortcut aside).
    titles = page.locator("#cke_id_body .cke_toolbar a.cke_button").evaluate_all(
        "buttons => buttons.map(b => b.title.replace(/ \\(.*\\)$/, ''))"
    )
    assert titles == TOOLBAR
    met += page.locator("#cke_id_body").evaluate(COLLECT)
    # The editing area is named after its field, for screen readers.
    assert page.locator("iframe.cke_wysiwyg_frame").get_attribute("title") == "Editor teks: Isi"
    writer.shot("editor-1366")

    # Paragraf, Judul 2, Judul 3: nothing else (the title is the page's only H1).
    page.click(".cke_combo__format a.cke_combo_button")
    panel = page.frame_locator(".cke_combopanel iframe").locator("body")
    panel.locator("a").first.wait_for()
    assert panel.locator("a").evaluate_all("items => items.map(a => a.title)") == FORMATS
    met += panel.evaluate(COLLECT)
    page.keyboard.press("Escape")

    # The link dialog: Indonesian, https:// first and chosen, no protocol the server drops.
    dialog = open_dialog(page, "link")
    texts = read_dialog(page, dialog)
    assert set(texts) >= LINK_LABELS, texts
    assert page.evaluate("CKEDITOR.dialog.getCurrent().getValueOf('info', 'protocol')") == (
        "https://"
    )
    protocols = dialog.locator("select").nth(1).locator("option").all_inner_texts()
    assert [p.strip("\u200e ") for p in protocols] == ["https://", "http://", "<lainnya>"]
    writer.shot("link-dialog-1366")
    met += texts
    close_dialog(page)

    # The image, video and accessibility-help dialogs.
    for command in ("image", "iframe", "a11yHelp"):
        dialog = open_dialog(page, command)
        met += read_dialog(page, dialog)
        close_dialog(page)

    # The table dialog offers what the server keeps: rows, columns, header cells, caption.
    dialog = open_dialog(page, "table")
    texts = read_dialog(page, dialog)
    assert set(texts) >= TABLE_LABELS, texts
    assert not {"Tebal garis", "Lebar", "Tinggi", "Perataan", "Ringkasan"} & set(texts)
    # A header row unless the writer says otherwise (screen readers name the columns).
    assert page.evaluate("CKEDITOR.dialog.getCurrent().getValueOf('info', 'selHeaders')") == "row"
    writer.shot("table-dialog-1366")
    met += texts
    dialog.locator(".cke_dialog_ui_button_ok").click()

    # A table's context menu and its submenus, then the cell and table settings.
    select_first_cell(page)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("td").first.click(button="right")
    menu = page.frame_locator(".cke_menu_panel iframe").first.locator("body")
    menu.locator("a").first.wait_for()
    met += menu.evaluate(COLLECT)
    menu_texts = set(menu.evaluate(COLLECT))
    shown = ""
    for item in ("Sel", "Baris", "Kolom"):
        menu.locator(f"a[title='{item}']").hover()
        # The submenu opens in a second panel (a frame of its own), refilled for each item.
        shown = page.wait_for_function(
            """shown => {
                const frames = [...document.querySelectorAll('.cke_menu_panel iframe')].slice(1)
                const texts = frames.map(f => f.contentDocument.body.innerText).filter(t => t)
                const now = texts.join('|')
                return now && now !== shown ? now : false
            }""",
            arg=shown,
        ).json_value()
        for frame in page.locator(".cke_menu_panel iframe").all()[1:]:
            texts = frame.content_frame.locator("body").evaluate(COLLECT)
            menu_texts |= set(texts)
            met += texts
    assert menu_texts >= MENU_LABELS, menu_texts
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    select_first_cell(page)
    dialog = open_dialog(page, "cellProperties")
    texts = read_dialog(page, dialog)
    assert set(texts) >= CELL_LABELS, texts
    met += texts
    close_dialog(page)
    select_first_cell(page)
    met += read_dialog(page, open_dialog(page, "tableProperties"))
    close_dialog(page)

    assert english_in(met) == []

    # And behind what the walk reached (validation messages, notifications): no string of the
    # loaded plugins is still CKEditor's English.
    english = english_strings()
    left = page.evaluate(
        """() => {
          const e = CKEDITOR.instances.id_body, out = []
          const walk = (value, path) => {
            if (value && typeof value === 'object') {
              for (const k of Object.keys(value)) walk(value[k], path + '.' + k)
            } else if (typeof value === 'string') out.push([path, value])
          }
          for (const key of Object.keys(e.lang)) {
            if (typeof e.lang[key] !== 'object' || e.plugins[key] || key === 'common')
              walk(e.lang[key], key)
          }
          return out
        }"""
    )
    assert [(path, text) for path, text in left if text in english] == []


def test_a_one_character_link_is_warned_about_as_the_checklist_does(visitor):
    writer_user = User.objects.get(username="penulis")
    dislutkan = Agency.objects.get(slug="dislutkan")
    href = "https://dislutkan.example.go.id/laporan-2026.pdf"
    article = Article.objects.create(
        agency=dislutkan,
        author=writer_user,
        title="Laporan Tahunan Dislutkan 2026 Terbit",
        lead="Laporan tahunan Dislutkan 2026 memuat capaian program perikanan tangkap.",
        body=f'<p>Laporan tahunan dapat diunduh di sini <a href="{href}">.</a></p>',
        status=Article.Status.DRAFT,
    )
    expected = link_problem(href, ".")
    assert expected == "Tautan “.” hanya satu karakter: pembaca sulit melihat dan mengekliknya."

    writer = visitor("writer-link")
    page = writer.page
    writer.login("penulis")
    open_editor(writer, f"/admin/newsroom/article/{article.pk}/change/")
    # The checklist beside the form says it...
    assert expected in page.inner_text("section.checklist")

    # ...and so does the link dialog, opened on that link.
    page.evaluate(
        """() => { const e = CKEDITOR.instances.id_body; e.focus();
        e.getSelection().selectElement(e.editable().findOne('a')) }"""
    )
    page.click(".cke_button__link")
    dialog = page.locator(".cke_dialog:visible")
    dialog.wait_for()
    warning = dialog.locator(".humas-editor-warning")
    assert warning.inner_text() == expected
    writer.shot("link-warning")

    # Words instead of the dot: the warning goes away and the link keeps its https:// address.
    dialog.locator("input.cke_dialog_ui_input_text").first.fill("laporan tahunan 2026")
    assert not warning.is_visible()
    dialog.locator(".cke_dialog_ui_button_ok").click()
    html = page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert f'<a href="{href}">laporan tahunan 2026</a>' in html

    # A new link on a selected single character, typed into an empty paragraph.
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Lihat juga: »")
    page.keyboard.press("Shift+ArrowLeft")
    page.click(".cke_button__link")
    dialog.wait_for()
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill("dislutkan.example.go.id")
    assert "“»”" in warning.inner_text()
    dialog.locator(".cke_dialog_ui_button_ok").click()  # a warning, not a refusal
    html = page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert '<a href="https://dislutkan.example.go.id">&raquo;</a>' in html


def test_a_youtube_address_becomes_the_privacy_friendly_embed(visitor):
    writer = visitor("writer-video")
    page = writer.page
    writer.login("penulis")
    open_editor(writer, "/admin/newsroom/article/add/")
    refusals = []
    page.on("dialog", lambda alert: (refusals.append(alert.message), alert.dismiss()))

    dialog = open_dialog(page, "iframe")
    address = dialog.locator("input.cke_dialog_ui_input_text").first
    address.fill("https://vimeo.com/76979871")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    page.wait_for_function("() => true")
    assert refusals and "Hanya video YouTube" in refusals[0]
    assert dialog.is_visible()  # nothing was inserted; the writer can correct the address

    address.fill("https://www.youtube.com/watch?v=M7lc1UVf-VE&t=42")
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill("Panen raya udang windu")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    html = page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert 'src="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"' in html
    assert 'title="Panen raya udang windu"' in html


def test_on_a_phone_the_toolbar_wraps_and_the_dialogs_fit(visitor):
    writer = visitor("writer-phone", viewport={"width": 360, "height": 760}, is_mobile=True)
    page = writer.page
    writer.login("penulis")
    open_editor(writer, "/admin/newsroom/article/add/")
    editor = page.locator("#cke_id_body").bounding_box()
    assert editor["x"] >= 0 and editor["x"] + editor["width"] <= 360
    boxes = page.locator(
        "#cke_id_body .cke_toolbar a.cke_button, #cke_id_body .cke_combo"
    ).evaluate_all(
        "items => items.map(i => { const b = i.getBoundingClientRect(); return [b.top, b.right] })"
    )
    assert all(right <= 360 for _, right in boxes)
    assert len({round(top) for top, _ in boxes}) >= 2  # the toolbar wraps onto a second row
    writer.shot("editor-360")
    for command in ("link", "table"):
        dialog = open_dialog(page, command)
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (command, box)
        writer.shot(f"{command}-dialog-360")
        close_dialog(page)


def test_browse_server_is_indonesian_and_hands_the_photo_to_the_image_dialog(visitor):
    writer = visitor("writer-browse")
    page = writer.page
    writer.login("penulis")
    open_editor(writer, "/admin/newsroom/article/add/")
    # A photo in the agency's library, uploaded as the editor uploads it.
    url = page.evaluate(
        """async () => {
            const canvas = Object.assign(document.createElement('canvas'), {width: 64, height: 48})
            canvas.getContext('2d').fillRect(0, 0, 64, 48)
            const blob = await new Promise(done => canvas.toBlob(done, 'image/png'))
            const form = new FormData()
            form.append('upload', blob, 'dermaga.png')
            const token = document.querySelector('input[name=csrfmiddlewaretoken]').value
            const answer = await fetch('/admin/ckeditor/upload/',
                {method: 'POST', body: form, headers: {'X-CSRFToken': token}})
            return (await answer.json()).url
        }"""
    )
    assert url and url.startswith("/media/uploads/")

    dialog = open_dialog(page, "image")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Pilih dari Server").click()
    popup = opened.value
    popup.wait_for_url(re.compile(r"/admin/ckeditor/browse/\?"))
    popup.wait_for_load_state()
    assert popup.title() == "Pilih foto"
    texts = popup.locator("body").evaluate(COLLECT)
    assert {"Pilih foto", "Cari menurut keterangan atau nama berkas", "Cari"} <= set(texts)
    assert english_in(texts) == []
    assert popup.evaluate("window.__csp || []") == []
    popup.screenshot(path=writer_artifact(writer, "browse-popup"))
    with popup.expect_event("close"):
        popup.locator(f".browse-pick[data-url='{url}']").click()
    assert page.evaluate("CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl')") == url


def writer_artifact(person, name):
    from .conftest import ARTIFACTS

    return ARTIFACTS / f"{person.name}-{name}.png"

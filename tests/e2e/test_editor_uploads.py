"""A writer puts photos into an article in Chromium: through the image dialog's Upload tab and by
pasting a file. Both uploads carry Django's CSRF token (static/js/editor-uploads.js) and land in
the writer's agency folder (newsroom.uploads)."""

import io

import pytest
from PIL import Image

from accounts.models import Agency

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def png_bytes(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), color).save(out, "PNG")
    return out.getvalue()


def test_a_writer_uploads_photos_by_dialog_and_by_paste(visitor):
    writer = visitor("writer-uploads")
    page = writer.page
    writer.login("penulis")
    writer.goto("/admin/newsroom/article/add/")
    folder = f"/media/uploads/{Agency.objects.get(slug='dislutkan').pk}/"
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )

    # The image dialog's Upload tab.
    page.click(".cke_button__image")
    dialog = page.locator(".cke_dialog:visible")
    dialog.wait_for()
    dialog.locator("a.cke_dialog_tab").filter(has_text="Unggah").click()
    page.frame_locator(".cke_dialog:visible iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(
        files=[{"name": "dermaga.png", "mimeType": "image/png", "buffer": png_bytes((20, 90, 160))}]
    )
    dialog.locator("a.cke_dialog_ui_fileButton").click()
    page.wait_for_function(
        "() => CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl')", timeout=15_000
    )
    url = page.evaluate("() => CKEDITOR.dialog.getCurrent().getValueOf('info', 'txtUrl')")
    assert url.startswith(folder), url
    dialog.locator(".cke_dialog_ui_button_ok").click()

    # Pasting a file uploads it too.
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+End")  # after the photo, not over it
    page.keyboard.press("Enter")
    body.evaluate(
        """(body, bytes) => {
            const file = new File([new Uint8Array(bytes)], 'tempel.png', {type: 'image/png'});
            const data = new DataTransfer();
            data.items.add(file);
            body.dispatchEvent(new ClipboardEvent('paste',
                {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        list(png_bytes((30, 160, 60))),
    )
    page.wait_for_function(
        "folder => (CKEDITOR.instances.id_body.getData().match(new RegExp(folder, 'g')) || [])"
        ".length === 2",
        arg=folder,
        timeout=15_000,
    )
    writer.check("photos-uploaded")

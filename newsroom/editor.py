"""What the staff rich-text editor (CKEditor 4, newsroom.uploads.EditorWidget) gets from us.

The toolbar and plugins are set in ``settings.CKEDITOR_CONFIGS``; the Indonesian labels CKEditor's
own language lacks are in ``static/js/editor-lang-id.js``. Here are the parts that must agree
with other code: the content filter, from the sanitiser's allow-list, and the messages of the
link and video dialogs (``static/js/editor-dialogs.js``), from the pre-publication checklist.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import checks
from .sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from .videos import EMBED_PREFIX

#: The attribute without which an element means nothing (CKEditor's "!" in a rule).
REQUIRED_ATTRIBUTE = {"a": "href", "img": "src", "iframe": "src"}
#: The marks of an image still uploading (from a paste or a drop): the uploadwidget plugin's own
#: rule, which CKEditor ignores once the filter is set by hand. Never saved: the placeholder is
#: written out as nothing until the upload finishes.
UPLOAD_PLACEHOLDER = "*[!data-widget,!data-cke-upload-id]"


def allowed_content() -> str:
    """The sanitiser's allow-list as CKEditor 4's content filter rules (``allowedContent``).

    The editor then keeps only what the server keeps: pasted text is cleaned as it arrives, and
    dialog fields whose output would be thrown away on save (a table's border, a link's target,
    an image's margins) are not offered at all.
    """
    rules = [" ".join(sorted(ALLOWED_TAGS - ALLOWED_ATTRIBUTES.keys()))]
    for tag, names in sorted(ALLOWED_ATTRIBUTES.items()):
        required = REQUIRED_ATTRIBUTE.get(tag)
        listed = sorted(names, key=lambda name: (name != required, name))
        rules.append(f"{tag}[{','.join(('!' if n == required else '') + n for n in listed)}]")
    return "; ".join([*rules, UPLOAD_PLACEHOLDER])


def messages() -> dict[str, str]:
    """The dialogs' own texts, in the language of the request (CKEditor's config ``humas``)."""
    return {
        **{f"link_{key}": text for key, text in checks.link_messages().items()},
        "video_address": _("Address of the YouTube video"),
        "video_help": _(
            "For example https://www.youtube.com/watch?v=… or https://youtu.be/…; the video is "
            "shown from youtube-nocookie.com, with no tracking cookie before the reader presses "
            "play."
        ),
        "video_title": _("Title of the video (read out by screen readers)"),
        "video_refused": _(
            "Only YouTube videos can be embedded. Paste the video's address from YouTube "
            "(for example https://www.youtube.com/watch?v=…); for other platforms add an "
            "ordinary link."
        ),
        "video_prefix": EMBED_PREFIX,
    }

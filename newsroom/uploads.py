"""Images inside article text: CKEditor's upload and "browse server" endpoints, per agency.

These replace django-ckeditor's own views (``ckeditor_uploader.views``), which are exempt from
CSRF, echo ``CKEditorFuncNum`` into an inline script, answer 500 to a POST without a file and list
every agency's uploads to every staff member. Here:

- An upload needs Django's CSRF token; the editor sends it (``static/js/editor-uploads.js``).
- Each image belongs to one agency and is stored under ``uploads/<agency id>/<yyyy>/<mm>/<dd>/``
  with a random name; the editor names the article's agency, and someone who writes for a single
  agency need not. Only real images pass (``newsroom.images.validate_image``).
- Each upload is recorded in the agency's photo library (``newsroom.media_library``), so it can be
  described, found by its caption and used again (also as an article's cover).
- "Browse server" lists the photo libraries of the agencies where the person holds a newsroom
  role, with their captions (and older uploads of those agencies' folders not in the library).
- Who may do either is decided in ``accounts.permissions``; broken input answers 400, never 500.

Uploads made before this module (``uploads/<yyyy>/...``, no agency) are listed to superusers only.
"""

from __future__ import annotations

import logging
import posixpath
import re
import secrets

from ckeditor_uploader.backends import get_backend
from ckeditor_uploader.forms import SearchForm
from ckeditor_uploader.utils import IMAGE_EXTENSIONS, get_thumb_filename
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.forms import Media
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts.models import Agency
from humas import filestore
from humas.security import sniffed_extension

from . import editor, images, media_library
from .images import validate_image
from .media_library import MediaImage

logger = logging.getLogger(__name__)

#: CKEditor numbers its callbacks 0, 1, 2...: anything else is not from the editor.
FUNC_NUM = re.compile(r"[0-9]{1,9}")
AGENCY_ID = re.compile(r"[0-9]{1,18}")
THUMB_SUFFIX = "_thumb"
#: "Browse server" shows the newest photos of the library first, at most this many (search finds
#: the older ones by caption).
BROWSE_LIMIT = 120
BROWSE_THUMB_WIDTHS = (160,)


class UploadRefused(Exception):
    """An upload that is not stored, with a message for the person and an HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def upload_root() -> str:
    return settings.CKEDITOR_UPLOAD_PATH.strip("/")


def agency_folder(agency_id: int) -> str:
    """Where one agency's editor images live (relative to the media storage)."""
    return posixpath.join(upload_root(), str(agency_id))


# --- Upload -------------------------------------------------------------------------------------


@staff_member_required
@require_POST
def upload(request):
    """Store one image from the editor; answer JSON (XHR uploads) or the form upload's callback.

    CSRF is checked by Django's middleware before this runs (this view is not exempt).
    """
    func_num = request.GET.get("CKEditorFuncNum")
    if func_num is not None and not FUNC_NUM.fullmatch(func_num):
        return HttpResponseBadRequest(_("Invalid request."), content_type="text/plain")
    try:
        agency_id = upload_agency(request.user, request.POST.get("agency"))
        image = request.FILES.get("upload")
        if image is None:
            raise UploadRefused(_("No image was sent. Choose a photo to upload."))
        try:
            validate_image(image)
        except ValidationError as invalid:
            raise UploadRefused(" ".join(invalid.messages)) from None
        name = save_image(image, agency_id)
        media_library.record_upload(agency_id=agency_id, name=name, uploaded_by=request.user)
    except UploadRefused as refused:
        return _answer(request, func_num, message=refused.message, status=refused.status)
    return _answer(request, func_num, url=default_storage.url(name), name=name)


def upload_agency(user, requested: str | None) -> int:
    """The agency an upload belongs to: the one the editor names, else the person's only one."""
    allowed = permissions.editor_upload_agency_ids(user)  # None: a superuser, every agency
    if allowed is not None and not allowed:
        raise UploadRefused(
            _("Only writers and supervisors can upload images into articles."), status=403
        )
    if requested:
        if not AGENCY_ID.fullmatch(requested):
            raise UploadRefused(_("Unknown agency."))
        agency_id = int(requested)
        if not Agency.objects.filter(pk=agency_id).exists():
            raise UploadRefused(_("Unknown agency."))
        if not permissions.can_upload_editor_image(user, agency_id):
            raise UploadRefused(
                _("You cannot upload images for the articles of this agency."), status=403
            )
        return agency_id
    if allowed is None:
        allowed = set(Agency.objects.values_list("pk", flat=True)[:2])
    if len(allowed) == 1:
        return next(iter(allowed))
    raise UploadRefused(_("Choose the article's agency first, then upload the image again."))


def save_image(image, agency_id: int) -> str:
    """Store a checked image (and the thumbnail "browse server" shows); return its storage name."""
    folder = posixpath.join(agency_folder(agency_id), timezone.localdate().strftime("%Y/%m/%d"))
    # A random name with the extension of the content: nothing personal or guessable is kept,
    # whichever storage is configured.
    name = posixpath.join(folder, secrets.token_hex(16) + sniffed_extension(image, image.name))
    try:
        return get_backend()(default_storage, image).save_as(name)
    except OSError as error:  # the storage is full or not writable: say so in the editor
        logger.error("Editor image %r not stored: %s", image.name, error)
        # 200: the editor shows the message of a 2xx answer only (uploaded: 0 with the error).
        raise UploadRefused(filestore.not_stored_message(image.name), status=200) from error


def _answer(request, func_num, *, url="", name="", message="", status=200):
    if func_num is None:  # XHR upload (image dialog, paste, drop): CKEditor's JSON protocol
        if message:
            return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)
        return JsonResponse({"uploaded": 1, "url": url, "fileName": posixpath.basename(name)})
    # Form upload into a frame of the editor's dialog: a static script hands the result over.
    response = render(
        request,
        "newsroom/editor_upload_done.html",
        {"func_num": func_num, "url": url, "message": message},
        status=status,
    )
    # Shown in the dialog's own frame, which CKEditor then rewrites with inline code of its own
    # to offer the next upload: the admin's policy (humas.security) stays, and nothing of the
    # request is ever placed in a script (only in escaped data attributes of a script file).
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


# --- Browse -------------------------------------------------------------------------------------


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def browse(request):
    """CKEditor's "browse server" popup, listing only the person's agencies' images."""
    agency_ids = permissions.editor_image_agency_ids(request.user)
    if agency_ids is not None and not agency_ids:
        raise PermissionDenied
    roots = (
        [upload_root()]
        if agency_ids is None
        else [agency_folder(agency_id) for agency_id in sorted(agency_ids)]
    )
    form = SearchForm(request.POST or None)
    query = form.cleaned_data.get("q", "") if request.method == "POST" and form.is_valid() else ""
    library = MediaImage.objects.all()
    if agency_ids is not None:
        library = library.filter(agency_id__in=agency_ids)
    photos = list(library.matching(query)[:BROWSE_LIMIT])
    in_library = set(library.values_list("file", flat=True))
    # Uploads from before the library (or whose row was removed): by file name, as before.
    older = [
        entry
        for root in roots
        for entry in _images_under(root)
        if entry["name"] not in in_library and query.lower() in entry["name"].lower()
    ]
    files = [_library_entry(photo) for photo in photos] + older
    context = {"show_dirs": False, "dirs": [], "files": files, "form": form}
    return render(request, "ckeditor/browse.html", context)


def _library_entry(photo: MediaImage) -> dict:
    """A library photo as django-ckeditor's browse page wants it, named by its caption."""
    found = images.picture(photo.file, BROWSE_THUMB_WIDTHS, webp=False)
    label = str(photo)
    return {
        "src": photo.file.url,
        "thumb": found.default.url if found else photo.file.url,
        "is_image": True,
        "name": photo.file.name,
        "visible_filename": label if len(label) <= 40 else label[:39] + "…",
    }


def _images_under(folder: str) -> list[dict]:
    """The images below ``folder``, newest day first, as django-ckeditor's browse page wants."""
    try:
        dirs, names = default_storage.listdir(folder)
    except (OSError, NotImplementedError):
        return []
    found = []
    for directory in sorted(dirs, reverse=True):
        if not directory.startswith("."):
            found.extend(_images_under(posixpath.join(folder, directory)))
    thumbs = {n for n in names if posixpath.splitext(n)[0].endswith(THUMB_SUFFIX)}
    for name in sorted(set(names) - thumbs):
        if name.startswith(".") or posixpath.splitext(name)[1].lower() not in IMAGE_EXTENSIONS:
            continue
        path = posixpath.join(folder, name)
        thumb = get_thumb_filename(name)
        src = default_storage.url(path)
        found.append(
            {
                "name": path,
                "src": src,
                "thumb": default_storage.url(posixpath.join(folder, thumb))
                if thumb in thumbs
                else src,
                "is_image": True,
                "visible_filename": name if len(name) <= 20 else name[:19] + "...",
            }
        )
    return found


# --- The editor widget ----------------------------------------------------------------------------


class EditorWidget(CKEditorUploadingWidget):
    """CKEditor with uploads that carry the CSRF token and the article's agency.

    ``static/js/editor-uploads.js`` adds both to every upload; the agency comes from the form's
    agency field, or from ``data-upload-agency`` when the article already has one.
    """

    def _set_config(self):
        upload_url = reverse("ckeditor_upload")
        # Paste and drop upload here too (CKEditor would otherwise append "&responseType=json" to
        # a URL without "?"), and the image dialog's Upload tab uses XHR, which carries the token.
        self.config.setdefault("imageUploadUrl", upload_url)
        self.config.setdefault("filebrowserUploadMethod", "xhr")
        # The editor keeps only what the server keeps; its dialogs speak as the checklist does.
        self.config.setdefault("allowedContent", editor.allowed_content())
        self.config["humas"] = editor.messages()
        super()._set_config()

    @property
    def media(self):
        # One list, so the admin's media merge keeps our scripts after ckeditor.js: the
        # Indonesian strings CKEditor's own "id" language lacks, the dialogs' rules, uploads.
        media = super().media
        scripts = ["js/editor-lang-id.js", "js/editor-dialogs.js", "js/editor-uploads.js"]
        css = {**media._css, "all": [*media._css.get("all", []), "css/admin-editor.css"]}
        return Media(css=css, js=[*media._js, *scripts])

"""Photos in the staff forms: a thumbnail of the current photo (a small rendition, never the
original) beside the file input, and the focal point picked by a click on it.

The focal point is two number inputs (0 to 1, across and down) that work without JavaScript;
``static/js/admin-focal-point.js`` lets a click on the thumbnail fill them and marks the point.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import images, media_library
from .media_library import MediaImage

#: The thumbnail's rendition: wide enough for a sharp picture in the form (shown at 320 px).
THUMBNAIL_WIDTHS = (640,)


def thumbnail(image_field) -> images.Rendition | None:
    """A small JPEG/PNG rendition of a stored photo, or None (no photo, or it cannot be read)."""
    if not image_field or not getattr(image_field, "url", None):
        return None
    pic = images.picture(image_field, THUMBNAIL_WIDTHS, webp=False)
    return pic.default if pic else None


class ThumbnailImageInput(AdminFileWidget):
    """The admin's file input with the current photo shown as a thumbnail; given the ids of the
    focal point's inputs (``focal``), the thumbnail is where the point is clicked."""

    # Beside the app: form widgets are rendered by Django's form renderer, which reads the
    # templates of apps (and Django's own), not the project's templates/ folder.
    template_name = "newsroom/widgets/thumbnail_image_input.html"

    def __init__(self, attrs=None, focal: tuple[str, str] | None = None):
        super().__init__(attrs)
        self.focal = focal

    class Media:
        css = {"all": ["css/admin-images.css"]}
        js = ["js/admin-focal-point.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        # Only a stored file has renditions: a fresh upload shown again after a form error has
        # none yet (its name is kept by the browser's file input, not by us).
        widget["thumbnail"] = thumbnail(value) if widget["is_initial"] else None
        if self.focal:
            prefix = name[: -len(name.rsplit("-", 1)[-1])]  # inline forms: "items-0-"
            widget["focal_x"], widget["focal_y"] = (f"id_{prefix}{f}" for f in self.focal)
        return context


class FocalPointInput(forms.NumberInput):
    """One coordinate of the focal point: a number from 0 to 1 in hundredths."""

    def __init__(self, attrs=None):
        super().__init__({"min": "0", "max": "1", "step": "0.01", **(attrs or {})})


class FocalPointField(forms.FloatField):
    """A coordinate of the focal point; left empty (or not sent at all, as by an older form
    still open in a tab), the photo's centre."""

    widget = FocalPointInput

    def __init__(self, **kwargs):
        kwargs.update(required=False, min_value=0, max_value=1)
        super().__init__(**kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        return 0.5 if number is None else number


class ImageFieldsAdminMixin:
    """Every image field of the admin's model gets the thumbnail, in the form and on the
    read-only page (in review, archived); ``focal_point_image`` names the one whose focal point
    ``focal_x`` / ``focal_y`` hold."""

    focal_point_image: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.model._meta.get_fields():
            if isinstance(field, models.ImageField):
                setattr(self, f"{field.name}_as_read", _read_only_photo(field))

    @property
    def media(self):
        # Also on read-only pages, which have no photo widget to bring the styles along.
        return super().media + forms.Media(css={"all": ["css/admin-images.css"]})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            focal = ("focal_x", "focal_y") if db_field.name == self.focal_point_image else None
            kwargs["widget"] = ThumbnailImageInput(focal=focal)
        elif db_field.name in ("focal_x", "focal_y"):
            kwargs["form_class"] = FocalPointField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _photo_fields(self) -> set[str]:
        return {f.name for f in self.model._meta.get_fields() if isinstance(f, models.ImageField)}

    def _read_only(self, request, obj) -> bool:
        if isinstance(self, InlineModelAdmin):  # ``obj`` is the parent (a gallery)
            return not self.has_change_permission(request, obj)
        return obj is not None and not self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if isinstance(self, InlineModelAdmin) and self._read_only(request, obj):
            # Left out of the inline's formset, shown by the functions set in __init__.
            readonly += [f"{name}_as_read" for name in self._photo_fields()]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._read_only(request, obj):
            return fieldsets
        # Read-only: the photo as a thumbnail, not as the path of its file.
        photos = self._photo_fields()
        return [
            (
                name,
                {
                    **opts,
                    "fields": [f"{f}_as_read" if f in photos else f for f in opts["fields"]],
                },
            )
            for name, opts in fieldsets
        ]


def _read_only_photo(field):
    """How a read-only page shows the photo of ``field``: its thumbnail, linked to the file."""

    def show(obj):
        found = thumbnail(getattr(obj, field.name))
        if found is None:
            return getattr(obj, field.name).name or "-"
        return format_html(
            '<a href="{}" class="image-thumb"><img src="{}" width="{}" height="{}" alt="{}"></a>',
            getattr(obj, field.name).url,
            found.url,
            found.width,
            found.height,
            _("The current photo"),
        )

    show.short_description = field.verbose_name
    return show


class LibraryPickerInput(forms.TextInput):
    """The number of a library photo, with the link that opens the library to choose one (the
    admin's own raw-id lookup: a popup of the library's list, a click on a photo fills this)."""

    template_name = "newsroom/widgets/library_picker_input.html"

    class Media:
        js = ["js/admin-library-picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = reverse("admin:newsroom_mediaimage_changelist")
        context["widget"]["attrs"].setdefault("class", "vForeignKeyRawIdAdminField")
        return context


class LibraryCoverFormMixin(forms.ModelForm):
    """An article's form with "choose from the library" for its cover (the admin sets ``user``):
    the chosen photo replaces the cover, its alt text, caption, credit and focal point."""

    from_library = forms.ModelChoiceField(
        MediaImage.objects.none(),
        required=False,
        widget=LibraryPickerInput,
        label=_("Or choose from the photo library"),
        help_text=_(
            "The library's photo becomes the cover, with its description, caption, credit and "
            "focal point, when you save."
        ),
        error_messages={"invalid_choice": _("This photo is not in your agency's library.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        photos = MediaImage.objects.visible_to(self.user).select_related("agency")
        if self.instance.agency_id:
            photos = photos.filter(agency_id=self.instance.agency_id)
        self.fields["from_library"].queryset = photos

    def clean(self):
        cleaned = super().clean()
        photo = cleaned.get("from_library")
        if photo is None:
            return cleaned
        agency = cleaned.get("agency") or getattr(self.instance, "agency", None)
        if agency is not None and photo.agency_id != agency.pk:
            self.add_error("from_library", _("This photo is in another agency's library."))
        elif self.files.get(self.add_prefix("cover_image")):
            self.add_error(
                "from_library",
                _("Upload a photo or choose one from the library, not both."),
            )
        else:
            cleaned.update(media_library.use_as_cover(cleaned, photo))
        return cleaned

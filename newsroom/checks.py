"""The pre-publication checklist of every publishable kind (issue 14, item 4).

What an editor forgets and a reader notices: a cover photo without alt text, caption or credit; a
lead too short to say anything or too long for a list; a title that will not fit; a second H1;
links with no text, a single character, ``http://`` or a placeholder address; text left from a
template ("lorem ipsum", "Naskah menunggu persetujuan", "[isi]", "xxx"); no category.

The checks of each kind are declared once, in :data:`DECLARED` (articles and pages) or, for a kind
not listed there, derived from the fields it has (:func:`checks_for`), so a new kind is checked
without anyone remembering to. The writer sees them on the form after every save, the supervisor
before approving; :func:`refusal` is what the workflow asks when text is about to go public
(``newsroom.workflow``): an agency that blocks refuses, an agency that warns asks the supervisor to
confirm (``accounts.Agency.prepublish_checks``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Characters of a lead (after the markup is removed).
LEAD_MIN, LEAD_MAX = 50, 300
#: Characters of a title: what a list, a search result and a share card show whole.
TITLE_MAX = 100
#: Template text nobody should publish (compared without case).
PLACEHOLDER_TEXT = ("lorem ipsum", "naskah menunggu persetujuan", "[isi]", "[isi:", "xxx")
#: Link addresses that lead nowhere.
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net")
_PLACEHOLDER = re.compile(
    "|".join(
        rf"(?<!\w){re.escape(text)}(?!\w)" if text.isalnum() or " " in text else re.escape(text)
        for text in PLACEHOLDER_TEXT
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Result:
    """One check on one object: what it asks, and the problems found (none: it passes)."""

    code: str
    label: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Check:
    code: str
    label: object  # a lazy translation, or a function of the model giving one
    run: Callable[[object], list[str]]

    def __call__(self, obj) -> Result:
        label = self.label(type(obj)) if callable(self.label) else str(self.label)
        return Result(self.code, label, tuple(self.run(obj)))


# --- reading rich text ------------------------------------------------------------------------


class _Reader(HTMLParser):
    """The headings and links of a body (the stored text is already sanitised)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h1 = 0
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.h1 += 1
        elif tag == "a":
            self._link = [dict(attrs).get("href") or "", ""]
        elif tag == "img" and self._link is not None:
            self._link[1] += dict(attrs).get("alt") or ""

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0].strip(), " ".join(self._link[1].split())))
            self._link = None


def read(html_text: str) -> _Reader:
    reader = _Reader()
    reader.feed(html_text or "")
    reader.close()
    return reader


def plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text or "").split())


def link_messages() -> dict[str, str]:
    """The wording of the link problems the editor's link dialog also warns about as one types
    (static/js/editor-dialogs.js), so the dialog and this checklist say the same thing."""
    return {
        "empty": _("A link has no text (it goes to %(href)s)."),
        "single": _("The link “%(text)s” is a single character: readers will not see or hit it."),
        "http": _("The link “%(text)s” uses http://; use the https:// address."),
    }


def link_problem(href: str, text: str) -> str | None:
    """What is wrong with one link, or None."""
    shown = text or href
    if not text:
        return link_messages()["empty"] % {"href": href or "—"}
    if len(text) == 1:
        return link_messages()["single"] % {"text": text}
    parts = urlsplit(href)
    host = (parts.hostname or "").lower()
    no_host = parts.scheme in ("http", "https") and not host  # "https://" and nothing after
    if not href or href == "#" or "..." in href or "…" in href or no_host:
        return _("The link “%(text)s” has no real address (%(href)s).") % {
            "text": shown,
            "href": href or "—",
        }
    if host and any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS):
        return _("The link “%(text)s” goes to a placeholder address (%(href)s).") % {
            "text": shown,
            "href": href,
        }
    if parts.scheme == "http":
        return link_messages()["http"] % {"text": shown}
    return None


# --- the checks ---------------------------------------------------------------------------------


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return None


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def photo_check(image: str, *, alt: str = "", caption: str = "", credit: str = "",
                required: bool = False) -> Check:  # fmt: skip
    """The photo is there (when required) with its alt text, caption and credit (those the kind
    has)."""

    def run(obj):
        if not getattr(obj, image):
            return [_("Add a photo.")] if required else []
        missing = []
        if alt and not getattr(obj, alt).strip():
            missing.append(_("Describe the photo for readers who cannot see it (alt text)."))
        if caption and not getattr(obj, caption).strip():
            missing.append(_("Write a caption for the photo."))
        if credit and not getattr(obj, credit).strip():
            missing.append(_("Name the photographer or source (photo credit)."))
        return missing

    parts = [p for p in (alt and "alt", caption and "caption", credit and "credit") if p]
    labels = {
        ("alt", "caption", "credit"): gettext_lazy("Photo with alt text, caption and credit"),
        ("caption",): gettext_lazy("Photo with a caption"),
    }
    label = labels.get(tuple(parts), gettext_lazy("Photo"))
    return Check("photo", label, run)


def title_check(name: str = "title") -> Check:
    def run(obj):
        length = len((getattr(obj, name) or "").strip())
        if length > TITLE_MAX:
            return [
                _("The title has %(count)s characters; keep it to %(max)s at most.")
                % {"count": length, "max": TITLE_MAX}
            ]
        return []

    label = gettext_lazy("Title of at most %(max)s characters") % {"max": TITLE_MAX}
    return Check("title", label, run)


def lead_check(name: str = "lead", *, optional: bool = False) -> Check:
    def run(obj):
        length = len(plain(getattr(obj, name)))
        if optional and length == 0:
            return []
        if length < LEAD_MIN or length > LEAD_MAX:
            return [
                _("The %(field)s has %(count)s characters; it should have %(min)s to %(max)s.")
                % {
                    "field": _label(type(obj), name),
                    "count": length,
                    "min": LEAD_MIN,
                    "max": LEAD_MAX,
                }  # fmt: skip
            ]
        return []

    def label(model):  # named by the kind's own field: "Teras berita", "Ringkasan"
        return _("%(field)s of %(min)s to %(max)s characters") % {
            "field": _label(model, name).capitalize(),
            "min": LEAD_MIN,
            "max": LEAD_MAX,
        }

    return Check("lead", label, run)


def headings_check(fields: tuple[str, ...]) -> Check:
    def run(obj):
        if any(read(getattr(obj, name)).h1 for name in fields):
            return [_("The text has a level-1 heading; the title is the page's only one. Use H2.")]
        return []

    return Check("headings", gettext_lazy("No level-1 heading (H1) in the text"), run)


def links_check(fields: tuple[str, ...]) -> Check:
    def run(obj):
        problems = []
        for name in fields:
            for href, text in read(getattr(obj, name)).links:
                problem = link_problem(href, text)
                if problem and problem not in problems:
                    problems.append(problem)
        return problems

    return Check("links", gettext_lazy("Links with text and a real https:// address"), run)


def placeholder_check(fields: tuple[str, ...]) -> Check:
    def run(obj):
        problems = []
        for name in fields:
            found = _PLACEHOLDER.search(plain(getattr(obj, name)))
            if found:
                problems.append(
                    _("“%(field)s” still contains placeholder text: “%(text)s”.")
                    % {"field": _label(type(obj), name).capitalize(), "text": found.group(0)}
                )
        return problems

    return Check("placeholder", gettext_lazy("No placeholder text"), run)


def category_check(name: str = "category") -> Check:
    def run(obj):
        return [] if getattr(obj, f"{name}_id", None) else [_("Choose a category.")]

    return Check("category", gettext_lazy("A category"), run)


def _text_fields(model) -> tuple[str, ...]:
    return tuple(
        name
        for name in model.content_fields
        if isinstance(_field(model, name), models.CharField | models.TextField) and name != "slug"
    )


def _rich_fields(model) -> tuple[str, ...]:
    names = getattr(model, "rich_text_fields", ("body",))
    return tuple(name for name in names if _field(model, name))


def derived_checks(model) -> list[Check]:
    """Checks for a kind not listed in DECLARED, from the fields it has."""
    names = set(model.content_fields)
    found = []
    images = [n for n in model.content_fields if isinstance(_field(model, n), models.ImageField)]
    if images:
        image = images[0]
        prefix = image.rsplit("_", 1)[0] if "_" in image else image

        def sibling(*candidates):
            return next((c for c in candidates if c in names), "")

        found.append(
            photo_check(
                image,
                alt=sibling(f"{prefix}_alt", f"{image}_alt", "alt_text"),
                caption=sibling(f"{prefix}_caption", f"{image}_caption", "caption"),
                credit=sibling(f"{prefix}_credit", f"{image}_credit", "credit"),
            )
        )
    if "title" in names:
        found.append(title_check())
    if "lead" in names:
        found.append(lead_check(optional=_field(model, "lead").blank))
    rich = _rich_fields(model)
    if rich:
        found += [headings_check(rich), links_check(rich)]
    found.append(placeholder_check(_text_fields(model)))
    return found


def _article_checks(model) -> list[Check]:
    rich = _rich_fields(model)
    return [
        photo_check(
            "cover_image",
            alt="cover_alt",
            caption="cover_caption",
            credit="cover_credit",
            required=True,
        ),  # fmt: skip
        title_check(),
        lead_check(),
        headings_check(rich),
        links_check(rich),
        placeholder_check(_text_fields(model)),
        category_check(),
    ]


#: The checks of each kind that declares its own (``app_label.model_name``); every other kind gets
#: :func:`derived_checks`.
DECLARED: dict[str, Callable[[type], list[Check]]] = {
    "newsroom.article": _article_checks,
}


def checks_for(model) -> list[Check]:
    declared = DECLARED.get(model._meta.label_lower)
    return declared(model) if declared else derived_checks(model)


def run(obj) -> list[Result]:
    """Every check of the object's kind on its current fields (unsaved edits included)."""
    return [check(obj) for check in checks_for(type(obj))]


def failures(obj) -> list[Result]:
    return [result for result in run(obj) if not result.ok]


def problems(obj) -> list[str]:
    """Every problem found, one sentence each."""
    return [problem for result in failures(obj) for problem in result.problems]


def blocks(agency) -> bool:
    """True when the agency refuses approval while a check fails (else it warns)."""
    return agency.prepublish_checks == agency.PrepublishChecks.BLOCK

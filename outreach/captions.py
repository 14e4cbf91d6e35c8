"""The caption helper: a first draft of a social post from a news item, for the writer to edit.

Rule-based, no outside service. It follows the 5W1H the Digital PR training teaches: what happened
(the headline and the lead), who (the agency and the people quoted), where, when, why and how
(found by the Indonesian words that introduce them), then a call to action; the portal link is
added after the caption by the post itself (PlannedPost.full_text) with its campaign tags. The
draft is fitted to the platform's length: the least important paragraphs are dropped first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import platforms
from .platforms import Platform

# Words after which a full stop does not end a sentence (titles and abbreviations in names).
_ABBREVIATIONS = {
    "ir", "h", "hj", "dr", "drs", "dra", "prof", "st", "no", "jl", "kab", "kec", "kel", "ds",
    "bpk", "ibu", "sdr", "m", "s", "a", "si", "pi", "kom", "sos", "ak", "mt", "mm", "ph", "tbk",
    "pt", "cv", "dkk", "dll", "dsb", "tgl", "ttd", "spi", "msi", "se", "sh", "sp", "ap",
}  # fmt: skip
_SENTENCE_END = re.compile(r"([.!?])([\"”’]?)\s+")
_QUOTE = re.compile(
    r"[\"“]([^\"”]{20,400}?)[,.]?[\"”],?\s*"
    r"(?:kata|ujar|ungkap|jelas|tutur|terang|ucap|tegas|imbuh)(?:nya)?\s*([^.;]{0,80})",
    re.IGNORECASE,
)
_WEEKDAYS = "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
_MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
_WHEN = re.compile(
    rf"\b(?:(?:{_WEEKDAYS}),?\s*(?:\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\)|"
    rf"\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?)?|\d{{1,2}}(?:[–-]\d{{1,2}})?\s+(?:{_MONTHS})"
    rf"(?:\s+\d{{4}})?)",
)
_PLACE_WORDS = (
    "Kabupaten|Kota|Kecamatan|Desa|Kelurahan|Pelabuhan|Pantai|Sungai|Danau|Aula|Gedung|Kantor|"
    "Jalan|Pasar|Balai|Dermaga|Pulau|Teluk|Provinsi"
)
_WHERE = re.compile(
    rf"\b(?:di|bertempat di|berlokasi di)\s+((?:(?:{_PLACE_WORDS})\s+)?"
    r"[A-Z][\w'-]+(?:\s+(?:[A-Z][\w'-]+|dan\s+[A-Z][\w'-]+)){0,3})"
)
# Words that open the reason (why) and the manner (how) of what happened.
_WHY = re.compile(
    r"\b(untuk|agar|supaya|guna|bertujuan|dalam rangka|karena|sebab)\b", re.IGNORECASE
)
_HOW = re.compile(r"\b(melalui|dengan cara|secara|caranya|dilakukan dengan)\b", re.IGNORECASE)


@dataclass
class FiveWOneH:
    """What a news item says, sorted the way the training teaches (each may be empty)."""

    what: str = ""
    who: str = ""
    where: str = ""
    when: str = ""
    why: str = ""
    how: str = ""
    quote: str = ""  # a quoted statement with its speaker, as it would read in a caption
    sentences: list[str] = field(default_factory=list)


def plain_text(value: str) -> str:
    """Rich text as plain text: tags removed, entities decoded, spaces collapsed."""
    text = strip_tags(re.sub(r"</(p|h\d|li|blockquote)>", r"</\1> ", value or ""))
    return " ".join(html.unescape(text).split())


def sentences(text: str) -> list[str]:
    """Split Indonesian text into sentences, keeping titles such as "Ir. H." inside names."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].lower().strip('("“') if before else ""
        if match.group(1) == "." and last.replace(".", "") in _ABBREVIATIONS:
            continue
        following = text[match.end() : match.end() + 1]
        if following and not (following.isupper() or following in '"“(' or following.isdigit()):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


def analyse(item) -> FiveWOneH:
    """The 5W1H of a publishable item (article, announcement, event ...)."""
    title = " ".join((getattr(item, "title", "") or "").split())
    summary = (getattr(item, name, "") for name in ("lead", "summary", "description"))
    lead = plain_text(next((text for text in summary if text), ""))
    body = plain_text(getattr(item, "body", "") or "")
    # A dateline ("Palangka Raya — ...") is where, not part of the first sentence.
    dateline = re.match(r"^([A-Z][\w .'-]{2,40}?)\s+[—–-]\s+", body)
    if dateline:
        body = body[dateline.end() :]
    lead_sentences = sentences(lead)
    body_sentences = sentences(body)
    every = lead_sentences + [s for s in body_sentences if s not in lead_sentences]
    facts = FiveWOneH(sentences=every)
    facts.what = lead_sentences[0] if lead_sentences else (body_sentences[:1] or [title])[0]
    agency = getattr(item, "agency", None)
    facts.who = getattr(agency, "name", "") if agency is not None else ""
    place = getattr(item, "location", "") or getattr(item, "place", "")
    if place:
        facts.where = str(place)
    else:
        for sentence in every[:6]:
            match = _WHERE.search(sentence)
            if match:
                facts.where = match.group(1).strip()
                break
        if not facts.where and dateline:
            facts.where = dateline.group(1).strip()
    facts.when = _when(item, every)
    facts.why = _clause(every, _WHY, exclude=facts.what)
    facts.how = _clause(every, _HOW, exclude=facts.what)
    facts.quote = _quote(body)
    return facts


def _when(item, text_sentences: list[str]) -> str:
    for name in ("starts_at", "start_at", "start", "event_date", "date"):
        value = getattr(item, name, None)
        if isinstance(value, datetime):
            return _format_date(value)
    for sentence in text_sentences[:4]:
        match = _WHEN.search(sentence)
        if match:
            return match.group(0).strip(" ,")
    published = getattr(item, "publish_at", None) or getattr(item, "created_at", None)
    return _format_date(published) if isinstance(published, datetime) else ""


def _format_date(value: datetime) -> str:
    with override("id"):
        return formats.date_format(timezone.localtime(value), "l, j F Y")


def _clause(text_sentences: list[str], pattern: re.Pattern, exclude: str) -> str:
    """The first sentence (other than ``exclude``) that says why or how, without a quote."""
    for sentence in text_sentences:
        if sentence == exclude or "“" in sentence or '"' in sentence:
            continue
        if pattern.search(sentence) and len(sentence) <= 300:
            return sentence
    return ""


def _quote(body: str) -> str:
    match = _QUOTE.search(body)
    if not match:
        return ""
    words = match.group(1).strip()
    first = sentences(words)[0].rstrip(".,") if sentences(words) else words
    speaker = match.group(2).strip()
    verb = "kata" if speaker else "ujarnya"
    return f"“{first},” {verb} {speaker}".strip() + "."


# --- the draft -------------------------------------------------------------------------------


def call_to_action(platform: str) -> str:
    """The closing line: where to read on (the link follows it where the platform shows links)."""
    limits = platforms.limits_for(platform)
    if not limits.link_in_text:
        return _("Read more on the portal via the link in our bio.")
    return _("Read more on the portal:")


def draft_caption(item, platform: str, *, hashtags: str = "", link: str = "") -> str:
    """A caption for ``platform`` drafted from ``item`` (5W1H, then the call to action), short
    enough that with ``hashtags`` and ``link`` (added after it) it fits the platform's limit.

    Always in Indonesian, whatever language the writer's screen is in: it is for the public."""
    with override("id"):
        return _draft(item, platform, hashtags=hashtags, link=link)


def _draft(item, platform: str, *, hashtags: str, link: str) -> str:
    limits = platforms.limits_for(platform)
    facts = analyse(item)
    title = " ".join((getattr(item, "title", "") or "").split())
    short = limits.caption <= 500
    # Paragraphs in order of importance: the first is kept, the rest go when there is no room.
    opening = title if short else facts.what
    paragraphs = [opening]
    if short and facts.what and facts.what != opening:
        paragraphs.append(facts.what)
    details = []
    if facts.when and facts.when not in " ".join(paragraphs):
        details.append(_("When: %(when)s") % {"when": facts.when})
    if facts.where and facts.where not in " ".join(paragraphs):
        details.append(_("Where: %(where)s") % {"where": facts.where})
    if details:
        paragraphs.append("\n".join(details))
    for extra in (facts.why, facts.how, facts.quote):
        if extra and extra not in paragraphs and extra != facts.what:
            paragraphs.append(extra)
    cta = call_to_action(platform)
    link_text = link if limits.link_in_text else ""

    def measure(parts: list[str]) -> int:
        from .posts import compose

        caption = "\n\n".join([*parts, cta])
        return platforms.text_length(compose(caption, hashtags, link_text), platform, limits)

    while len(paragraphs) > 1 and measure(paragraphs) > limits.caption:
        paragraphs.pop()
    if measure(paragraphs) > limits.caption:
        paragraphs = [_shorten(paragraphs[0], platform, limits, lambda p: measure([p]))]
    return "\n\n".join([p for p in paragraphs if p] + [cta])


def draft_title(item, platform: str) -> str:
    """A title for platforms that need one (YouTube), within its limit."""
    limits = platforms.limits_for(platform)
    title = " ".join((getattr(item, "title", "") or "").split())
    if limits.title is None or len(title) <= limits.title:
        return title
    return title[: limits.title - 1].rsplit(" ", 1)[0] + "…"


def _shorten(text: str, platform: str, limits, measure) -> str:
    """Cut ``text`` at a word boundary, with "…", until the whole post fits."""
    words = text.split()
    while words and measure(" ".join(words) + "…") > limits.caption:
        words.pop()
    return (" ".join(words) + "…") if words else ""


__all__ = ["FiveWOneH", "Platform", "analyse", "draft_caption", "draft_title", "sentences"]

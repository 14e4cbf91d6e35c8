"""Importing comments and direct messages from a CSV export.

The desk's own format (docs/outreach-comments-csv.md) has one row per comment, a header row, and
these columns (any order, comma, semicolon or tab separated, UTF-8 or Windows-1252):

    platform, jenis, nama, akun, waktu, teks, tautan, id, kelas, sentimen

Only ``nama``, ``waktu`` and ``teks`` are required; ``platform`` may instead be chosen for the
whole file. The English and Indonesian column names of the Meta Business Suite, Instagram,
Facebook and YouTube exports are understood too (see :data:`COLUMN_ALIASES`), so an export can be
imported as it is. Each good row becomes a comment; each bad row is reported with its number and
the reason in Indonesian and returned as it was, so it can be corrected and imported again:
nothing is lost. A row already imported (same platform id, or the same sender, time and text)
is skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .comments import Comment, SocialPlatform
from .desk import require_desk

#: At most this many rows per file (a year of a busy account fits).
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (name or "").strip().lower().lstrip("\ufeff")).strip("_")


#: Our column -> the header names we accept for it (compared lower-case, punctuation as "_").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "platform": ("platform", "platform_name", "network", "source", "sumber", "media_sosial"),
    "kind": ("jenis", "type", "kind", "message_type", "tipe"),
    "author_name": (
        "nama", "name", "author", "author_name", "from", "from_name", "sender", "sender_name",
        "commenter", "commenter_name", "user_name", "nama_pengirim", "pengirim", "profile_name",
    ),
    "author_handle": (
        "akun", "username", "handle", "account", "user", "from_username", "author_handle",
        "instagram_username", "commenter_username", "nama_pengguna",
    ),
    "posted_at": (
        "waktu", "tanggal", "time", "timestamp", "date", "created_time", "created_at",
        "comment_time", "published", "publish_time", "date_time", "waktu_komentar",
        "creation_time", "sent_time", "tanggal_dan_waktu",
    ),
    "text": (
        "teks", "text", "comment", "comment_text", "message", "body", "content", "komentar",
        "pesan", "isi", "message_text",
    ),
    "post_url": (
        "tautan", "url", "link", "permalink", "post_link", "post_url", "post_permalink",
        "media_url", "tautan_unggahan", "video_url",
    ),
    "external_id": ("id", "comment_id", "message_id", "id_komentar", "cid"),
    "category": ("kelas", "category", "class", "kategori"),
    "sentiment": ("sentimen", "sentiment"),
}  # fmt: skip

REQUIRED = ("author_name", "posted_at", "text")

_PLATFORM_WORDS = {
    "instagram": SocialPlatform.INSTAGRAM, "ig": SocialPlatform.INSTAGRAM,
    "facebook": SocialPlatform.FACEBOOK, "fb": SocialPlatform.FACEBOOK,
    "x": SocialPlatform.X, "twitter": SocialPlatform.X, "tiktok": SocialPlatform.TIKTOK,
    "youtube": SocialPlatform.YOUTUBE, "yt": SocialPlatform.YOUTUBE,
    "whatsapp": SocialPlatform.WHATSAPP, "wa": SocialPlatform.WHATSAPP,
    "threads": SocialPlatform.THREADS, "lainnya": SocialPlatform.OTHER,
    "other": SocialPlatform.OTHER,
}  # fmt: skip
_KIND_WORDS = {
    "komentar": Comment.Kind.COMMENT, "comment": Comment.Kind.COMMENT,
    "balasan": Comment.Kind.COMMENT, "reply": Comment.Kind.COMMENT,
    "pesan": Comment.Kind.DIRECT_MESSAGE, "pesan_langsung": Comment.Kind.DIRECT_MESSAGE,
    "dm": Comment.Kind.DIRECT_MESSAGE, "message": Comment.Kind.DIRECT_MESSAGE,
    "direct_message": Comment.Kind.DIRECT_MESSAGE,
}  # fmt: skip
_CATEGORY_WORDS = {
    "pertanyaan": "question", "question": "question", "keluhan": "complaint",
    "complaint": "complaint", "apresiasi": "appreciation", "appreciation": "appreciation",
    "hoaks": "hoax", "hoax": "hoax", "misinformasi": "hoax", "hoaks_misinformasi": "hoax",
    "lainnya": "other", "other": "other",
}  # fmt: skip
_SENTIMENT_WORDS = {
    "positif": "positive", "positive": "positive", "netral": "neutral", "neutral": "neutral",
    "negatif": "negative", "negative": "negative",
}  # fmt: skip


@dataclass
class ImportResult:
    header: list[str] = field(default_factory=list)
    created: list[Comment] = field(default_factory=list)
    skipped: int = 0
    #: (row number in the file, reason, the row as it was)
    rejected: list[tuple[int, str, list[str]]] = field(default_factory=list)
    #: A problem with the whole file (nothing imported).
    error: str = ""

    def rejected_csv(self) -> str:
        """The rejected rows, with the reason as the last column, ready to fix and import again."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([*self.header, _("reason")])
        for _number, reason, row in self.rejected:
            writer.writerow([*row, reason])
        return out.getvalue()


def decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _dialect(text: str):
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _map_columns(header: list[str]) -> dict[str, int]:
    keys = [_key(name) for name in header]
    found = {}
    for ours, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in keys:
                found[ours] = keys.index(alias)
                break
    return found


def parse_time(value: str, zone: ZoneInfo) -> datetime:
    """A time as exports write it: ISO 8601, "28/11/2026 14.30", Unix seconds; naive times are
    read in the agency's time zone. Raises ValueError."""
    value = (value or "").strip()
    if not value:
        raise ValueError("empty")
    if re.fullmatch(r"\d{9,11}", value):
        return datetime.fromtimestamp(int(value), tz=ZoneInfo("UTC"))
    # "14.30" is the Indonesian way of writing 14:30.
    value = re.sub(r"(\d{1,2})\.(\d{2})(?=(\.\d{2})?\s*(WIB|WITA|WIT)?$)", r"\1:\2", value)
    zones = {"WIB": 7 * 3600, "WITA": 8 * 3600, "WIT": 9 * 3600}
    iso_like = bool(re.match(r"\d{4}-\d{2}-\d{2}", value))
    parsed = date_parser.parse(value, dayfirst=not iso_like, tzinfos=zones)
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def _word(value: str, words: dict, default):
    key = _key(value)
    if not key:
        return default
    if key in words:
        return words[key]
    raise KeyError(value)


def import_comments(
    *, agency, actor, raw: bytes, platform: str = "", kind: str = "", now=None
) -> ImportResult:
    """Create comments from a CSV file (see the module docstring); returns what happened."""
    require_desk(actor, agency)
    result = ImportResult()
    if len(raw) > MAX_BYTES:
        result.error = _("The file is larger than 5 MB. Split it into smaller files.")
        return result
    text = decode(raw)
    rows = list(csv.reader(io.StringIO(text), _dialect(text)))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        result.error = _("The file is empty.")
        return result
    result.header = rows[0]
    columns = _map_columns(rows[0])
    if "author_name" not in columns and "author_handle" in columns:
        columns["author_name"] = columns["author_handle"]  # Instagram exports give only @names
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        labels = {"author_name": "nama", "posted_at": "waktu", "text": "teks"}
        result.error = _(
            "The file has no column %(names)s. The first row must name the columns, e.g. "
            "platform, jenis, nama, akun, waktu, teks, tautan, id."
        ) % {"names": ", ".join(labels[name] for name in missing)}
        return result
    if len(rows) - 1 > MAX_ROWS:
        result.error = _("The file has more than %(n)s rows. Split it into smaller files.") % {
            "n": MAX_ROWS
        }
        return result
    zone = ZoneInfo(agency.time_zone)
    now = now or timezone.now()
    candidates: list[tuple[int, list[str], Comment]] = []
    for number, row in enumerate(rows[1:], start=2):
        try:
            candidates.append((number, row, _comment_from_row(row, columns, agency, platform,
                                                               kind, zone, now)))  # fmt: skip
        except ValueError as error:
            result.rejected.append((number, _("Row %(n)s: %(reason)s") % {
                "n": number, "reason": error}, row))  # fmt: skip
    seen = set(
        Comment.objects.filter(
            agency=agency, external_id__in=[c.external_id for _n, _r, c in candidates]
        ).values_list("platform", "external_id")
    )
    fresh = []
    for _number, _row, comment in candidates:
        key = (comment.platform, comment.external_id)
        if key in seen:
            result.skipped += 1
            continue
        seen.add(key)
        comment.created_by = actor
        fresh.append(comment)
    with transaction.atomic():
        # A second import of the same file at the same moment: the unique id keeps one copy.
        Comment.objects.bulk_create(fresh, ignore_conflicts=True)
    result.created = fresh
    return result


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _comment_from_row(row, columns, agency, platform, kind, zone, now) -> Comment:
    """One row as an unsaved comment; raises ValueError with an Indonesian reason."""
    cell = lambda name: _cell(row, columns, name)  # noqa: E731
    name, text, when = cell("author_name") or cell("author_handle"), cell("text"), cell("posted_at")
    if not text:
        raise ValueError(_("the text is empty."))
    if not name:
        raise ValueError(_("the sender's name is empty."))
    try:
        posted_at = parse_time(when, zone)
    except (ValueError, OverflowError):
        raise ValueError(
            _(
                "the time “%(value)s” cannot be read; write e.g. 2026-11-28 14:30 "
                "or 28/11/2026 14.30."
            )
            % {"value": when}
        ) from None
    if posted_at > now + timezone.timedelta(minutes=5):
        raise ValueError(_("the time %(value)s lies in the future.") % {"value": when})
    try:
        chosen_platform = _word(cell("platform"), _PLATFORM_WORDS, platform)
    except KeyError:
        raise ValueError(_("unknown platform “%(value)s”.") % {"value": cell("platform")}) from None
    if not chosen_platform:
        raise ValueError(_("the platform is empty; choose one for the whole file."))
    try:
        chosen_kind = _word(cell("kind"), _KIND_WORDS, kind or Comment.Kind.COMMENT)
        category = _word(cell("category"), _CATEGORY_WORDS, Comment.Category.OTHER)
        sentiment = _word(cell("sentiment"), _SENTIMENT_WORDS, Comment.Sentiment.NEUTRAL)
    except KeyError as error:
        raise ValueError(
            _("the value “%(value)s” is not known.") % {"value": error.args[0]}
        ) from None
    url = cell("post_url")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            raise ValueError(
                _("the link “%(value)s” is not a web address.") % {"value": url}
            ) from None
    handle = cell("author_handle")
    external_id = cell("external_id")[:200]
    if not external_id:
        # No platform id: the same sender, moment and text is the same comment.
        digest = hashlib.sha256(
            f"{name}|{handle}|{posted_at.isoformat()}|{text}".encode()
        ).hexdigest()
        external_id = f"sha256:{digest[:40]}"
    return Comment(
        agency=agency,
        platform=chosen_platform,
        kind=chosen_kind,
        author_name=name[:200],
        author_handle=handle[:200],
        text=text,
        posted_at=posted_at,
        post_url=url[:500],
        category=category,
        sentiment=sentiment,
        source=Comment.Source.IMPORT,
        external_id=external_id,
    )

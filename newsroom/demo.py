"""Demo news for `manage.py seed_demo`: categories, tags, articles with generated cover photos.

Idempotent: categories, tags and articles are found by slug, and only missing ones are created.
Articles are written through the editing domain (so each has its first revision, as if a writer had
typed it) and then placed in their demo state.
"""

from __future__ import annotations

import io
import math
import textwrap
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from accounts.models import Agency, User

from . import editing, media_library
from .demo_articles import ARTICLES, CATEGORIES, TAGS
from .models import Article, Category, Tag

COVER_SIZE = (1600, 900)
# Two colours per agency: covers of one agency look alike, as a real newsroom's would.
PALETTES = {
    "dislutkan": ((6, 78, 120), (32, 160, 170)),
    "bpsdm-kalteng": ((90, 40, 110), (214, 120, 60)),
    "kominfo": ((20, 50, 100), (40, 120, 200)),
}
DEFAULT_PALETTE = ((40, 60, 80), (90, 120, 150))


def seed(agencies: dict[str, Agency], stdout=None) -> int:
    """Create the missing demo categories, tags and articles; return how many articles were new."""
    categories = {
        slug: Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in CATEGORIES.items()
    }
    tags = {
        slug: Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TAGS.items()
    }
    _add_logo(agencies.get("dislutkan"))
    existing = set(
        Article.objects.filter(slug__in=[a["slug"] for a in ARTICLES]).values_list(
            "slug", flat=True
        )
    )
    authors = {
        u.username: u for u in User.objects.filter(username__in={a["author"] for a in ARTICLES})
    }
    created = 0
    now = timezone.now()
    for data in ARTICLES:
        if data["slug"] in existing or data["agency"] not in agencies:
            continue
        _create(data, agencies[data["agency"]], authors[data["author"]], categories, tags, now)
        created += 1
    if stdout is not None:
        stdout.write(f"Newsroom: {created} demo articles created ({len(ARTICLES)} in the demo).")
    return created


@transaction.atomic
def _create(data, agency, author, categories, tags, now) -> Article:
    article = Article(
        agency=agency,
        slug=data["slug"],
        title=data["title"],
        lead=data["lead"],
        body=data["body"].strip(),
        category=categories.get(data.get("category")),
        # The form asks for a photo's alt text: without it a demo article could not be saved.
        cover_alt=data.get("alt") or data.get("caption") or f"Ilustrasi berita: {data['title']}",
        cover_caption=data.get("caption", ""),
        cover_credit=data.get("credit", ""),
        is_featured=data.get("featured", False),
    )
    if "days_ago" in data or "publish_at" in data:
        article.cover_image.save(
            f"{data['slug'][:60]}.jpg",
            ContentFile(cover_photo(data["title"], agency, data["slug"])),
            save=False,
        )
    article = editing.create(
        article, actor=author, m2m={"tags": [tags[slug].pk for slug in data.get("tags", [])]}
    )
    # As a cover uploaded in the form: in the agency's photo library ("Pilih dari pustaka").
    media_library.record_cover(article, uploaded_by=author)
    status = data.get("status", Article.Status.PUBLISHED)
    fields = {"status": status}
    if status == Article.Status.PUBLISHED:
        publish_at = data.get("publish_at") or (
            now - timedelta(days=data["days_ago"], hours=2 + len(data["slug"]) % 7)
        )
        fields.update(
            publish_at=publish_at,
            # As the workflow's publish step records them: the writer's dashboard ("published in
            # the last 14 days") and the public "updated" line read these.
            first_published_at=publish_at,
            last_published_at=publish_at,
            created_at=publish_at - timedelta(hours=3),
        )
    Article.objects.filter(pk=article.pk).update(**fields)
    return article


def cover_photo(title: str, agency: Agency, seed_text: str) -> bytes:
    """A 1600×900 JPEG: the agency's colours as a gradient with waves, its name and the title."""
    top, bottom = PALETTES.get(agency.slug, DEFAULT_PALETTE)
    width, height = COVER_SIZE
    image = Image.new("RGB", COVER_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    # Waves whose phase depends on the slug, so covers differ.
    phase = sum(map(ord, seed_text)) % 360
    for i in range(5):
        amplitude, base = 30 + i * 12, height * (0.45 + i * 0.11)
        points = [
            (x, base + amplitude * math.sin(math.radians(x * (0.3 + i * 0.05) + phase + i * 40)))
            for x in range(0, width + 20, 20)
        ]
        overlay = Image.new("RGBA", COVER_SIZE, (0, 0, 0, 0))
        ImageDraw.Draw(overlay).polygon(
            [*points, (width, height), (0, height)], fill=(255, 255, 255, 22 + i * 6)
        )
        image.paste(overlay, (0, 0), overlay)
    draw = ImageDraw.Draw(image)
    small, big = ImageFont.load_default(size=48), ImageFont.load_default(size=92)
    draw.rounded_rectangle((80, 80, 120 + draw.textlength(agency.short_name, font=small), 150),
                           radius=12, fill=(255, 255, 255))  # fmt: skip
    draw.text((100, 90), agency.short_name, font=small, fill=top)
    y = 230
    for line in textwrap.wrap(title, width=28)[:5]:
        draw.text((84, y + 4), line, font=big, fill=(0, 0, 0, 90))
        draw.text((80, y), line, font=big, fill=(255, 255, 255))
        y += 112
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _add_logo(agency: Agency | None) -> None:
    """One demo agency gets a logo image; the others show their initials."""
    if agency is None or agency.logo:
        return
    size = 512
    logo = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.ellipse((8, 8, size - 8, size - 8), fill=(6, 78, 120), outline=(245, 166, 35), width=18)
    for i, y in enumerate((290, 340, 390)):
        points = [(x, y + 18 * math.sin(math.radians(x * 1.6 + i * 50))) for x in range(60, 460, 8)]
        draw.line(points, fill=(255, 255, 255), width=16, joint="curve")
    draw.polygon([(150, 220), (300, 150), (390, 220), (300, 270)], fill=(255, 255, 255))
    draw.polygon([(390, 220), (440, 180), (440, 260)], fill=(255, 255, 255))
    out = io.BytesIO()
    logo.save(out, "PNG")
    agency.logo.save(f"{agency.slug}.png", ContentFile(out.getvalue()), save=True)

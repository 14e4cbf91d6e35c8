"""Template tags of the download centre and galleries: the big photo link and video embeds."""

from django import template
from django.utils.safestring import mark_safe

from newsroom import images
from newsroom.sanitize import embed_html
from newsroom.videos import youtube_id

register = template.Library()


@register.simple_tag
def large_photo_url(image_field) -> str:
    """The largest rendition of a gallery photo (what its thumbnail links to), or ""."""
    pic = images.picture(image_field, images.COVER_WIDTHS, webp=False)
    return pic.fallback[-1].url if pic else ""


@register.simple_tag
def youtube_embed(url, title=""):
    """The youtube-nocookie.com frame of a YouTube address, in the one form the sanitiser keeps."""
    video_id = youtube_id(url)
    return mark_safe(embed_html(video_id, str(title))) if video_id else ""  # noqa: S308 (escaped)


@register.inclusion_tag("portal/_attached_documents.html")
def attached_documents(obj, heading_id="attached-documents"):
    """The public documents of the download centre an article attaches (one query)."""
    documents = obj.documents.public().only("slug", "title", "file_type", "file_size", "kind")
    return {"documents": list(documents.order_by("title")), "heading_id": heading_id}

"""Template tags of the public portal: header and footer, news cards, photos and agency logos."""

from django import template
from django.utils.safestring import mark_safe

from accounts.models import Agency
from newsroom import images
from newsroom.body_images import responsive_images
from newsroom.sanitize import sanitize_html
from portal import fragments, menus, sites

register = template.Library()

#: The sizes a template asks for: widths, and the shape the renditions are cut to (None: the
#: photo's own). Cards are 16:9 boxes (``.card-media``); a gallery's photos keep their shape.
SIZES = {
    "cover": (images.COVER_WIDTHS, None),
    "card": (images.CARD_WIDTHS, images.CARD_RATIO),
    "wide": (images.COVER_WIDTHS, images.CARD_RATIO),
    "photo": (images.CARD_WIDTHS, None),
    "logo": (images.LOGO_WIDTHS, None),
}


@register.inclusion_tag("portal/_picture.html")
def picture(
    image_field, alt="", size="cover", sizes="100vw", css_class="", eager=False, focal=None
):
    """A ``<picture>`` of WebP and JPEG renditions with width and height set (no layout shift);
    a fixed shape (``size="card"``) is cut around ``focal`` ((x, y) from 0 to 1, else the centre).

    Renders nothing when there is no photo or it cannot be read.
    """
    widths, ratio = SIZES[size]
    crop = images.Crop.around(ratio, focal) if ratio else None
    return {
        "pic": images.picture(image_field, widths, crop=crop),
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
        "eager": eager,
    }


@register.simple_tag
def news_cards(articles, heading="h3", compact=False, first_big=False):
    """The news cards of a list in one go (portal.fragments): ``{% news_cards page.items %}``."""
    return fragments.render_cards(articles, heading=heading, compact=compact, first_big=first_big)


def _identity(context, identity=None):
    """(the agency whose own domain this is, the agency the page is about) of a page."""
    site = sites.site_agency(context["request"])
    return site, (identity if isinstance(identity, Agency) else None)


@register.simple_tag(takes_context=True)
def site_header(context, identity=None):
    """The header (base.html), kept in the cache (portal.fragments): the portal's, or on an
    agency's own domain the agency's; pages about one agency (``identity=agency``, in their
    ``site_header`` block) add its name and menu."""
    site, agency = _identity(context, identity)
    return fragments.render_site_header(
        context["request"].path,
        context.get("query") or "",
        site=site,
        agency=agency,
        menus_of=_menus_of(context["request"], site, agency),
    )


@register.simple_tag(takes_context=True)
def site_footer_sections(context, identity=None):
    """The footer columns shared by every page of a site (base.html), kept in the cache: the
    agency's identity on its own domain and on the pages about it (``identity=agency``), the
    portal's elsewhere."""
    site, agency = _identity(context, identity)
    menus_of = _menus_of(context["request"], site, agency)
    return fragments.render_footer_sections(site or agency, menus_of=menus_of)


@register.inclusion_tag("portal/_shortcuts.html")
def service_shortcuts():
    """The home page's service shortcuts (request information, track a request, DIP, documents)."""
    return {"shortcuts": menus.shortcuts()}


def _menus_of(request, site, agency):
    """The menus of the page's sites, read once per request (one cache round trip)."""
    found = getattr(request, "_humas_menus", None)
    if found is None:
        wanted = [site] if site is not None else [None, *([agency] if agency else [])]
        found = request._humas_menus = menus.many_site_menus(wanted)
    return lambda owner: found.get(owner.pk if owner is not None else 0) or menus.site_menus(owner)


@register.simple_tag
def article_main(article, canonical_url):
    """The body of an article's page, kept in the cache (portal.fragments)."""
    return fragments.render_article_main(article, canonical_url)


@register.simple_tag
def agency_tiles(agencies):
    """The home page's agency tiles, kept in the cache (portal.fragments)."""
    return fragments.render_agency_tiles(agencies)


@register.inclusion_tag("portal/_agency_logo.html")
def agency_logo(agency, css_class="logo"):
    """The agency's logo as a small rendition, or its initials when it has none."""
    return {
        "agency": agency,
        "pic": images.picture(agency.logo, images.LOGO_WIDTHS) if agency.logo else None,
        "css_class": css_class,
    }


@register.filter
def sanitized(html):
    """Rich text as stored, cleaned once more on the way out (older rows, direct DB edits), its
    own uploaded photos served as renditions (newsroom.body_images)."""
    return mark_safe(responsive_images(sanitize_html(html)))  # noqa: S308 - nh3 output, escaped


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's canonical address: the view's ``canonical_url``, else this page on its
    canonical host with only the parameters that choose what it shows (portal.sites)."""
    if url := context.get("canonical_url"):
        return url
    request = context.get("request")
    return sites.default_canonical(request) if request is not None else ""

"""Announcements and the agenda on other pages: ``{% announcements_strip agency %}`` and
``{% upcoming_events agency %}`` (home and agency pages). One query each; on an agency's own
domain only its items (portal.sites.for_site)."""

from django import template
from django.utils import timezone

from newsroom.agenda import public_announcements, public_events
from portal.sites import for_site

register = template.Library()

STRIP_SIZE = 3
UPCOMING_SIZE = 4


def _scoped(queryset, context, agency):
    request = context.get("request")
    if request is not None:
        queryset = for_site(queryset, request)
    return queryset.filter(agency=agency) if agency else queryset


@register.inclusion_tag("portal/_announcements_strip.html", takes_context=True)
def announcements_strip(context, agency=None, size=STRIP_SIZE):
    """The live announcements, newest first (of ``agency`` when given); nothing when none."""
    items = _scoped(public_announcements().defer("body"), context, agency)
    return {"announcements": list(items[:size]), "agency": agency}


@register.inclusion_tag("portal/_upcoming_events.html", takes_context=True)
def upcoming_events(context, agency=None, size=UPCOMING_SIZE):
    """The next events not yet over, soonest first (of ``agency`` when given); nothing when none."""
    now = timezone.now()
    items = _scoped(public_events(now).defer("body").upcoming(now), context, agency)
    return {"events": list(items[:size]), "agency": agency}

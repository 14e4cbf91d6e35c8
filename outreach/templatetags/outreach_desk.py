"""Template filters of the comment desk."""

from django import template

from ..office_hours import format_office_minutes

register = template.Library()


@register.filter
def office_minutes(minutes):
    """Office minutes as "2 jam 5 menit"; "–" when there is none."""
    return format_office_minutes(minutes)

"""Deadlines the requester reads on the status page: per objection ground, the Komisi
Informasi, the completion period. The rules live in ppid.services; these tags only ask them."""

from django import template
from django.utils import timezone

from ..services import completion, objections

register = template.Library()


@register.simple_tag
def objection_windows(req):
    """Each Pasal 35(1) ground that has arisen for ``req``, with its first and last day."""
    today = timezone.localdate()
    return [
        {
            "ground": item.ground,
            "label": item.label,
            "first_day": item.first_day,
            "last_day": item.last_day,
            "open": item.is_open(today),
            "ended": today > item.last_day,
        }
        for item in objections.objection_windows(req, today)
    ]


@register.simple_tag
def first_objection_day(req):
    """While the request is within its deadline: the day an objection becomes possible if no
    written notice comes."""
    return objections.first_possible_day(req)


@register.simple_tag
def commission_step(objection):
    return objections.commission_step(objection)


@register.simple_tag
def completion_due(req):
    return completion.completion_due(req)


@register.simple_tag
def identity_retention_months():
    """The longest time any agency keeps requesters' identity scans (the privacy notice's bound)."""
    from django.db.models import Max

    from accounts.models import Agency

    return Agency.objects.aggregate(longest=Max("ppid_identity_retention_months"))["longest"]

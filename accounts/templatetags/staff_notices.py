"""Notices for the people who run the site, shown on the admin's start page
(templates/admin/index.html)."""

from django import template

from humas.health import task_backlog

from ..models import Role
from ..permissions import has_any_role

register = template.Library()


@register.simple_tag(takes_context=True)
def late_task_backlog(context):
    """The task queue's backlog when a task has waited too long for a worker (humas.health), for
    superusers and agency administrators only; None otherwise (one query, for them alone)."""
    request = context.get("request")
    if request is None or not has_any_role(request.user, {Role.AGENCY_ADMIN}):  # superusers too
        return None
    backlog = task_backlog()
    return backlog if backlog is not None and backlog.too_old else None

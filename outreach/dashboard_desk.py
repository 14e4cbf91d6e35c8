"""The Digital PR desk on the staff dashboard (humas.dashboard): open comments, and the way to
the content calendar and the desk's figures. Computed on the dashboard only (no query on other
admin pages)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import permissions
from humas.dashboard import Counter, Item, Panel, Section, Stat

from .comments import Comment

COMMENT_MODEL = "outreach.comment"


def panels(request, *, detail: bool = False) -> list[Panel]:
    user = request.user
    if not detail or not permissions.has_any_role(user, permissions.COMMENT_DESK_ROLES):
        return []
    comments = permissions.scope_to_agencies(
        Comment.objects.all(), user, permissions.COMMENT_DESK_ROLES
    )
    counts = comments.aggregate(
        new=Count("pk", filter=Q(status=Comment.Status.NEW)),
        handling=Count("pk", filter=Q(status=Comment.Status.IN_PROGRESS)),
    )
    changelist = reverse("admin:outreach_comment_changelist")
    label = str(Comment._meta.verbose_name_plural)
    stats = [
        Stat(_("New comments"), [Counter(label, counts["new"],
             f"{changelist}?status__exact={Comment.Status.NEW}", COMMENT_MODEL)], "warning"),
        Stat(_("Comments being handled"), [Counter(label, counts["handling"],
             f"{changelist}?status__exact={Comment.Status.IN_PROGRESS}", COMMENT_MODEL)]),
    ]  # fmt: skip
    links = [
        Item(_("Comment desk figures per week"), reverse("admin:outreach_comment_figures")),
        Item(_("Import comments from CSV"), reverse("admin:outreach_comment_import")),
    ]
    if permissions.has_any_role(user, permissions.NEWSROOM_ROLES):
        links.insert(0, Item(_("Content calendar"), reverse("outreach_calendar:page")))
    return [Panel("outreach_desk", _("Digital PR desk"), stats, [Section(_("Open"), links)])]

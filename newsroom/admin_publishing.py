"""The review workflow's pages inside the article admin: buttons, review queue, preview, compare,
restore. Each view only turns the request into a call of ``newsroom.workflow`` or
``newsroom.editing`` and shows a refusal as a message (never a 500)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from humas.admin_input import object_or_404

from . import editing, notifications, workflow
from .models import Article
from .revisions import Revision, diff_snapshots

Status = Article.Status


class ArticleWorkflowAdminMixin:
    """Adds the workflow URLs to the article admin (see ``get_urls``)."""

    def get_urls(self):
        view = self.admin_site.admin_view  # staff login, and never cached
        return [
            path("review-queue/", view(self.review_queue_view), name="newsroom_review_queue"),
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.workflow_view),
                name="newsroom_article_workflow",
            ),
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="newsroom_article_preview",
            ),
            path(
                "<path:object_id>/compare/",
                view(self.compare_view),
                name="newsroom_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                view(self.restore_view),
                name="newsroom_article_restore",
            ),
            *super().get_urls(),
        ]

    # --- helpers ---------------------------------------------------------------------------

    def _article_or_404(self, request, object_id) -> Article:
        """Only articles of the staff member's agencies exist for them (404 for the rest, and for
        an id that is not one: "abc", "1.5")."""
        return object_or_404(self, request, object_id)

    def _change_url(self, article) -> str:
        return reverse("admin:newsroom_article_change", args=[article.pk])

    def show_notices(self, request) -> None:
        """Unread in-admin notices of the current user, shown once as messages."""
        notes = list(notifications.unread_for(request.user)[:10])
        for note in notes:
            messages.info(request, note.subject)
        if notes:
            notifications.mark_read(notes)

    def workflow_context(self, request, article) -> dict:
        """What the change form shows beside the fields: buttons, comments, timeline, history."""
        events = list(article.events.select_related("actor"))
        revisions = list(article.revisions.select_related("created_by").order_by("-number"))
        last_changes = next(
            (
                e
                for e in reversed(events)
                if e.action == workflow.TRANSITIONS["request_changes"].code(article)
            ),
            None,
        )
        actions = [
            {
                "name": name,
                "label": workflow.TRANSITIONS[name].label,
                "needs_comment": workflow.TRANSITIONS[name].needs_comment,
                "url": reverse("admin:newsroom_article_workflow", args=[article.pk, name]),
            }
            for name in workflow.available_actions(article, request.user)
        ]
        may_review = any(
            permissions.can_do_publishing_action(request.user, article, name)
            for name, step in workflow.TRANSITIONS.items()
            if step.four_eyes
        )
        return {
            "workflow_actions": actions,
            "four_eyes_note": may_review
            and article.status in (Status.IN_REVIEW, Status.PUBLISHED)
            and workflow.blocked_by_four_eyes(article, request.user),
            "timeline": list(reversed(events)),
            "revisions": revisions,
            "pending_revision": getattr(article, "pending_revision", None)
            or workflow.pending_correction(article),
            "changes_comment": last_changes if article.status == Status.CHANGES_REQUESTED else None,
            "preview_url": reverse("admin:newsroom_article_preview", args=[article.pk]),
            "compare_url": reverse("admin:newsroom_article_compare", args=[article.pk]),
            "can_restore": permissions.can_edit_content(request.user, article)
            and article.status in editing.EDITABLE_STATES,
            "is_scheduled": article.status == Status.PUBLISHED
            and article.publish_at
            and article.publish_at > timezone.now(),
        }

    # --- views ---------------------------------------------------------------------------------

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if action not in workflow.TRANSITIONS:
            raise Http404
        kwargs = {"comment": request.POST.get("comment", "")}
        try:
            if action == "schedule":
                kwargs["publish_at"] = _parse_local_datetime(request.POST.get("publish_at", ""))
            workflow.perform(action, article, actor=request.user, **kwargs)
        except workflow.WorkflowError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("“%(title)s”: %(step)s — done.")
                % {"title": article.title, "step": workflow.TRANSITIONS[action].label},
            )
        if request.POST.get("next") == "queue":
            return HttpResponseRedirect(reverse("admin:newsroom_review_queue"))
        return HttpResponseRedirect(self._change_url(article))

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        try:
            revision = editing.restore_revision(article, number, actor=request.user)
        except workflow.WorkflowError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("Revision #%(old)s restored as new revision #%(new)s.")
                % {"old": number, "new": revision.number},
            )
        return HttpResponseRedirect(self._change_url(article))

    def preview_view(self, request, object_id):
        """The article exactly as the public page would show it, with its unpublished text."""
        article = self._article_or_404(request, object_id)
        if not permissions.can_view_content(request.user, article):
            raise Http404
        number = request.GET.get("revision")
        if number:
            revision = article.revisions.filter(number=_int(number)).first()
            if revision is None:
                raise Http404
            article.apply_snapshot(revision.data)
        else:
            article = editing.form_copy(article)
        response = render(
            request,
            "portal/article_detail.html",
            {"article": article, "is_preview": True, "related": []},
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        revisions = list(article.revisions.select_related("created_by").order_by("number"))
        if not revisions:
            # Articles loaded before the workflow existed have no history yet.
            messages.info(request, _("This article has no saved revisions yet."))
            return HttpResponseRedirect(self._change_url(article))
        by_number = {r.number: r for r in revisions}
        new = by_number.get(_int(request.GET.get("b"))) or revisions[-1]
        default_old = (
            workflow.last_approved_revision(article) if new.kind != Revision.Kind.APPROVED else None
        )
        if default_old is None or default_old.number >= new.number:
            earlier = [r for r in revisions if r.number < new.number]
            default_old = earlier[-1] if earlier else new
        old = by_number.get(_int(request.GET.get("a"))) or default_old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Compare revisions"),
            "article": article,
            "old": old,
            "new": new,
            "diffs": diff_snapshots(old.data, new.data),
            "revisions": revisions,
            "change_url": self._change_url(article),
        }
        return TemplateResponse(request, "admin/newsroom/article/compare.html", context)

    def review_queue_view(self, request):
        """Everything waiting for this supervisor: oldest first, with who submitted it and when."""
        if permissions.review_agency_ids(request.user) == set():
            raise PermissionDenied
        self.show_notices(request)
        rows = workflow.review_queue(request.user)
        for row in rows:
            row["change_url"] = self._change_url(row["article"])
            row["compare_url"] = reverse("admin:newsroom_article_compare", args=[row["article"].pk])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review queue"),
            "rows": rows,
        }
        return TemplateResponse(request, "admin/newsroom/article/review_queue.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parse_local_datetime(value: str) -> datetime:
    """A ``datetime-local`` value (2026-11-28T14:30), read as Asia/Jakarta time."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise workflow.WorkflowError(_("Enter the publication date and time.")) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed

"""Staff admin of planned social posts: the publishable form (newsroom.admin_publishing) plus the
source item, hashtag sets, the live length counter, the caption helper, "mark as posted" and the
CSV export of approved posts for scheduling tools."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from humas.admin_input import object_or_404
from newsroom.admin_publishing import PublishableAdmin, PublishableAdminForm
from newsroom.publishing import Status
from newsroom.workflow import WorkflowError

from . import captions, exports, platforms, utm
from .admin_planning import ScopedLabelChoiceField, plan_agency_ids
from .planning import KeyMessage, Objective, Pillar
from .posts import (
    HashtagSet,
    PlannedPost,
    mark_posted,
    normalise_hashtags,
    plan_from_source,
    source_kinds,
)

#: How many recent items of each kind the "made from" list offers.
SOURCE_CHOICES_PER_KIND = 40


def source_key(item) -> str:
    return f"{ContentType.objects.get_for_model(type(item)).pk}:{item.pk}"


def source_from_key(key: str, agency_ids: set[int] | None):
    """The publishable item named by ``key`` ("<content type id>:<id>") if the person may use
    it, else None."""
    try:
        type_id, object_id = (int(part) for part in (key or "").split(":", 1))
        content_type = ContentType.objects.get_for_id(type_id)
    except (ValueError, ContentType.DoesNotExist):
        return None
    model = content_type.model_class()
    if model is None or model not in source_kinds():
        return None
    queryset = model.objects.filter(pk=object_id)
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    return queryset.select_related("agency").first()


def source_choices(agency_ids, several: bool, current=(None, None)):
    """The items a post can be made from, grouped by kind (newest first), and their addresses."""
    urls = {}
    choices = [("", gettext("— none (a post on its own) —"))]
    for kind in source_kinds():
        content_type = ContentType.objects.get_for_model(kind)
        queryset = kind.objects.exclude(status=Status.ARCHIVED).select_related("agency")
        if agency_ids is not None:
            queryset = queryset.filter(agency_id__in=agency_ids)
        rows = list(queryset.order_by("-created_at", "-pk")[:SOURCE_CHOICES_PER_KIND])
        if current[0] == content_type.pk and current[1] not in {r.pk for r in rows}:
            rows += list(kind.objects.filter(pk=current[1]).select_related("agency"))
        for row in rows:
            urls[f"{content_type.pk}:{row.pk}"] = utm.absolute(_address(row), row.agency)
        if rows:
            options = [
                (
                    f"{content_type.pk}:{row.pk}",
                    f"{row.agency.short_name} · {row}" if several else str(row),
                )
                for row in rows
            ]
            choices.append((str(kind._meta.verbose_name_plural).capitalize(), options))
    return choices, urls


class PlanFromSourceForm(forms.Form):
    """Posts for several platforms at once from one item (outreach.posts.plan_from_source)."""

    source_choice = forms.ChoiceField(label=_("Made from"))
    platforms_wanted = forms.MultipleChoiceField(
        label=_("Platforms"),
        choices=platforms.Platform.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["instagram", "facebook", "x"],
    )
    planned_at = forms.DateTimeField(
        label=_("Planned time"),
        help_text=_("Date and time in WIB."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    pillar = ScopedLabelChoiceField(queryset=Pillar.objects.none(), label=_("Content pillar"))
    objective = ScopedLabelChoiceField(
        queryset=Objective.objects.none(), required=False, label=_("Content objective")
    )
    key_message = ScopedLabelChoiceField(
        queryset=KeyMessage.objects.none(), required=False, label=_("Key message")
    )
    hashtag_set = ScopedLabelChoiceField(
        queryset=HashtagSet.objects.none(), required=False, label=_("Hashtag set")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency_ids = permissions.agency_ids_for(user, permissions.CONTENT_EDIT_ROLES)
        several = self.agency_ids is None or len(self.agency_ids) > 1
        choices, _urls = source_choices(self.agency_ids, several)
        self.fields["source_choice"].choices = choices[1:]  # an item is required here
        for name, model in (("pillar", Pillar), ("objective", Objective),
                            ("key_message", KeyMessage), ("hashtag_set", HashtagSet)):  # fmt: skip
            queryset = model.objects.select_related("agency")
            if self.agency_ids is not None:
                queryset = queryset.filter(agency_id__in=self.agency_ids)
            if model is Pillar:
                queryset = queryset.filter(is_active=True)
            self.fields[name].queryset = queryset
            self.fields[name].show_agency = several

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("source_choice")
        source = source_from_key(key, self.agency_ids) if key else None
        if key and source is None:
            self.add_error("source_choice", gettext("Choose one of this agency's own items."))
        cleaned["source"] = source
        return cleaned


class PlannedPostForm(PublishableAdminForm):
    source_choice = forms.ChoiceField(
        label=_("Made from"),
        required=False,
        help_text=_("An item of the agency (article, announcement, event ...), or none."),
    )
    hashtag_set = ScopedLabelChoiceField(
        queryset=HashtagSet.objects.none(),
        required=False,
        label=_("Insert a hashtag set"),
        help_text=_("Its hashtags are added to the hashtags field."),
    )

    class Meta:
        model = PlannedPost
        fields = "__all__"
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "caption" in self.fields:  # (a read-only form has no fields)
            self.fields["caption"].required = False  # empty with a source: drafted by the helper
        agency_ids = plan_agency_ids(self.instance, self.user)
        several = agency_ids is None or len(agency_ids) > 1
        for name, model in (
            ("pillar", Pillar),
            ("objective", Objective),
            ("key_message", KeyMessage),
            ("hashtag_set", HashtagSet),
        ):
            field = self.fields.get(name)
            if field is None:
                continue
            queryset = model.objects.select_related("agency")
            if agency_ids is not None:
                queryset = queryset.filter(agency_id__in=agency_ids)
            if model is Pillar:
                queryset = queryset.filter(is_active=True) | Pillar.objects.filter(
                    pk=self.instance.pillar_id
                )
            field.queryset = queryset
            if several:
                field.label_from_instance = lambda obj: f"{obj.agency.short_name} · {obj}"
        if "source_choice" in self.fields:
            self.fields["source_choice"].choices = self._source_choices(agency_ids, several)
            if self.instance.source_type_id and self.instance.source_id:
                self.initial["source_choice"] = (
                    f"{self.instance.source_type_id}:{self.instance.source_id}"
                )
        self.agency_ids = agency_ids

    def _source_choices(self, agency_ids, several):
        current = (self.instance.source_type_id, self.instance.source_id)
        choices, self.source_urls = source_choices(agency_ids, several, current)
        return choices

    def _link(self, cleaned) -> str:
        """The tracked link the post will carry, from what the form holds so far."""
        values = {
            "agency": cleaned.get("agency") or getattr(self.instance, "agency", None),
            "pillar": cleaned.get("pillar"),
            "objective": cleaned.get("objective"),
        }
        post = PlannedPost(
            platform=cleaned["platform"],
            link=cleaned.get("link") or "",
            source_type=self.instance.source_type,
            source_id=self.instance.source_id,
            **{name: value for name, value in values.items() if value is not None},
        )
        return post.tracked_link()

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if "source_choice" in self.fields:
            key = cleaned.get("source_choice") or ""
            source = source_from_key(key, self.agency_ids) if key else None
            if key and source is None:
                self.add_error("source_choice", gettext("Choose one of this agency's own items."))
            agency = cleaned.get("agency") or (instance.agency if instance.agency_id else None)
            if source is not None and agency is not None and source.agency_id != agency.pk:
                self.add_error("source_choice", gettext("Choose one of this agency's own items."))
            instance.source_type = (
                ContentType.objects.get_for_model(type(source)) if source else None
            )
            instance.source_id = source.pk if source else None
            self.source = source
        chosen_set = cleaned.get("hashtag_set")
        if chosen_set is not None:
            cleaned["hashtags"] = normalise_hashtags(
                f"{cleaned.get('hashtags', '')} {chosen_set.hashtags}"
            )
        if "caption" in self.fields and not (cleaned.get("caption") or "").strip():
            source = getattr(self, "source", None)
            platform = cleaned.get("platform")
            if source is None or not platform:
                self.add_error(
                    "caption",
                    gettext("Write the caption, or choose a source to draft it from."),
                )
            else:
                # Without JavaScript the helper still works: an empty caption is drafted.
                cleaned["caption"] = captions.draft_caption(
                    source, platform, hashtags=cleaned.get("hashtags", ""), link=self._link(cleaned)
                )
                if platform == platforms.Platform.YOUTUBE and not cleaned.get("title"):
                    cleaned["title"] = captions.draft_title(source, platform)
                self.drafted = True
        return cleaned


@admin.register(PlannedPost)
class PlannedPostAdmin(PublishableAdmin):
    """Posts for social platforms: drafted by writers, approved by supervisors, then posted."""

    form = PlannedPostForm
    change_form_template = "admin/outreach/plannedpost/change_form.html"
    change_list_template = "admin/outreach/plannedpost/change_list.html"
    rich_text_fields = ()
    frozen_when_published = ()
    list_display = [
        "planned_time",
        "platform",
        "caption_excerpt",
        "pillar_chip",
        "post_status",
        "agency",
    ]
    list_display_links = ["planned_time", "caption_excerpt"]
    list_filter = ["status", "platform", "pillar", "agency"]
    list_select_related = ["agency", "pillar"]
    search_fields = ["caption", "title", "hashtags"]
    date_hierarchy = "planned_at"
    ordering = ["planned_at", "id"]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["agency", "platform", "source_choice", "planned_at"]}),
        (
            _("Text"),
            {"fields": ["title", "caption", "hashtags", "hashtag_set", "expected_version"]},
        ),
        (_("Photo and link"), {"fields": ["image", "link"]}),
        (_("Content plan"), {"fields": ["pillar", "objective", "key_message"]}),
    ]
    preview_template = "outreach/post_preview.html"
    preview_name = "post"

    def view_on_site(self, obj):
        return obj.posted_url or None

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "draft-caption/",
                view(self.draft_caption_view),
                name="outreach_plannedpost_draft_caption",
            ),
            path("export.csv", view(self.export_view), name="outreach_plannedpost_export"),
            path("plan-from/", view(self.plan_from_view), name="outreach_plannedpost_plan_from"),
            path(
                "<path:object_id>/posted/",
                view(self.mark_posted_view),
                name="outreach_plannedpost_posted",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: the chosen source and the whole text as it goes online.
        return [
            (
                name,
                {
                    **opts,
                    "fields": [
                        {"source_choice": "source_label", "hashtag_set": "full_text_as_posted"}.get(
                            f, f
                        )
                        for f in opts["fields"]
                        if f != "expected_version"
                    ],
                },
            )
            for name, opts in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            readonly += ["source_label", "full_text_as_posted"]
        return readonly

    # --- list columns ------------------------------------------------------------------------

    @admin.display(description=_("planned time"), ordering="planned_at")
    def planned_time(self, obj):
        # The Indonesian way like every date staff read ("2 Nov 2026, 08.00"), short for a list.
        return formats.date_format(timezone.localtime(obj.planned_at), "j M Y, H.i")

    @admin.display(description=_("caption"))
    def caption_excerpt(self, obj):
        text = " ".join((obj.title or obj.caption).split())
        return text[:60] + ("…" if len(text) > 60 else "")

    @admin.display(description=_("content pillar"), ordering="pillar__name")
    def pillar_chip(self, obj):
        return format_html(
            '<span class="pillar-chip" style="border-left:.6rem solid {};padding-left:.35rem">'
            "{}</span>",
            obj.pillar.colour,
            obj.pillar.name,
        )

    @admin.display(description=_("status"), ordering="status")
    def post_status(self, obj):
        if obj.status == Status.PUBLISHED:
            return gettext("Posted") if obj.is_posted else gettext("Approved")
        return self.status_label(obj)

    @admin.display(description=_("made from"))
    def source_label(self, obj):
        source = obj.source
        if source is None:
            return gettext("— none (a post on its own) —")
        return f"{source._meta.verbose_name.capitalize()}: {source}"

    @admin.display(description=_("text as it goes online"))
    def full_text_as_posted(self, obj):
        limits = obj.limits
        text = obj.full_text(limits)
        count = platforms.text_length(text, obj.platform, limits)
        return format_html(
            '<div style="white-space:pre-wrap">{}</div><p class="help">{}</p>',
            text,
            gettext("%(count)s of %(limit)s characters")
            % {"count": count, "limit": limits.caption},
        )

    # --- the form ----------------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "planned_at":
            # One labelled date-and-time input (the admin's split widget leaves its boxes without
            # labels); the browser's value is read as WIB (the site's time zone).
            return db_field.formfield(
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
                help_text=_("Date and time in WIB."),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # "Make a post" from an article: ?source=<content type id>:<id>&platform=x
        if request.GET.get("source"):
            initial["source_choice"] = request.GET["source"]
        if request.GET.get("platform") in platforms.LIMITS:
            initial["platform"] = request.GET["platform"]
        # A post is usually planned for a coming day: tomorrow at 09.00 unless told otherwise.
        tomorrow = timezone.localdate() + timezone.timedelta(days=1)
        initial.setdefault(
            "planned_at",
            timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()).replace(hour=9)),
        )
        return initial

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "drafted", False):
            messages.info(
                request,
                gettext("The caption was drafted from the source: read it and edit it."),
            )

    def workflow_context(self, request, obj) -> dict:
        context = super().workflow_context(request, obj)
        context["post_limits"] = platforms.limits_as_data()
        if obj.status == Status.PUBLISHED and permissions.can_edit_content(request.user, obj):
            context["mark_posted_url"] = self._url("posted", obj.pk)
        return context

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.setdefault("post_limits", platforms.limits_as_data())
        context["post_helper"] = {
            "draftUrl": self._url("draft_caption"),
            # What the browser needs to build the same tracked link as the server.
            "sources": getattr(form, "source_urls", {}),
            "pillars": _slugs(form, "pillar"),
            "objectives": _slugs(form, "objective"),
            "hashtagSets": {str(row.pk): row.hashtags for row in _choices(form, "hashtag_set")},
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- views -------------------------------------------------------------------------------

    def draft_caption_view(self, request):
        """JSON {caption, title, full_length} drafted from ?source= for ?platform= (the button
        in the form inserts it; the drafting is done here, on the server)."""
        platform = request.GET.get("platform", "")
        agency_ids = permissions.agency_ids_for(request.user, permissions.CONTENT_EDIT_ROLES)
        source = source_from_key(request.GET.get("source", ""), agency_ids)
        if platform not in platforms.LIMITS:
            return JsonResponse({"error": gettext("Choose the platform first.")}, status=400)
        if source is None:
            return JsonResponse(
                {"error": gettext("Choose the item to draft from (“made from”) first.")},
                status=400,
            )
        hashtags = normalise_hashtags(request.GET.get("hashtags", ""))
        # The link only sets how much room is left; the browser sends the one it shows.
        link = request.GET.get("link", "")[:500] or utm.with_utm(
            utm.absolute(_address(source), source.agency), platform=platform, campaign=""
        )
        caption = captions.draft_caption(source, platform, hashtags=hashtags, link=link)
        return JsonResponse(
            {"caption": caption, "title": captions.draft_title(source, platform)},
            json_dumps_params={"ensure_ascii": False},
        )

    def plan_from_view(self, request):
        """Drafts for several platforms at once from one item, each caption drafted for its
        platform by the caption helper (outreach.posts.plan_from_source)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {"source_choice": request.GET.get("source", "")}
        tomorrow = timezone.localdate() + timezone.timedelta(days=1)
        initial["planned_at"] = datetime.combine(tomorrow, datetime.min.time()).replace(hour=9)
        form = PlanFromSourceForm(request.POST or None, user=request.user, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            tags = data["hashtag_set"].hashtags if data.get("hashtag_set") else ""
            try:
                created = plan_from_source(
                    data["source"],
                    platforms_wanted=data["platforms_wanted"],
                    planned_at=data["planned_at"],
                    pillar=data["pillar"],
                    objective=data.get("objective"),
                    key_message=data.get("key_message"),
                    hashtags=tags,
                    actor=request.user,
                )
            except ValidationError as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s draft post was made; read each caption before submitting it.",
                        "%(count)s draft posts were made; read each caption before submitting "
                        "them.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return HttpResponseRedirect(self._url("changelist") + "?status__exact=draft")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Plan posts for several platforms"),
            "form": form,
            "changelist_url": self._url("changelist"),
        }
        return TemplateResponse(request, "admin/outreach/plannedpost/plan_from.html", context)

    def mark_posted_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_or_404(self, request, object_id)
        try:
            posted_at = _local_datetime(request.POST.get("posted_at", ""))
            mark_posted(obj, actor=request.user, url=request.POST.get("posted_url", ""),
                        posted_at=posted_at)  # fmt: skip
        except WorkflowError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, gettext("Marked as posted."))
        return HttpResponseRedirect(self._url("change", obj.pk))

    def export_view(self, request):
        queryset = self.get_queryset(request).filter(status=Status.PUBLISHED)
        platform = request.GET.get("platform")
        if platform in platforms.LIMITS:
            queryset = queryset.filter(platform=platform)
        if request.GET.get("posted") != "1":
            queryset = queryset.filter(posted_at__isnull=True)
        return exports.csv_response(request, queryset)

    @admin.action(description=_("Export the selected approved posts (CSV)"))
    def export_csv(self, request, queryset):
        approved = queryset.filter(status=Status.PUBLISHED)
        skipped = queryset.count() - approved.count()
        if skipped:
            messages.warning(
                request,
                gettext("%(count)s posts not yet approved were left out.") % {"count": skipped},
            )
        return exports.csv_response(request, approved)

    def changelist_view(self, request, extra_context=None):
        extra = {"export_url": self._url("export"), "plan_from_url": self._url("plan_from")}
        return super().changelist_view(request, {**extra, **(extra_context or {})})


def _address(item) -> str:
    """The item's public address, or "" when it has none yet (a draft without a slug)."""
    try:
        return item.get_absolute_url() if hasattr(item, "get_absolute_url") else ""
    except NoReverseMatch:
        return ""


def _choices(form, name) -> list:
    field = form.fields.get(name)
    return list(field.queryset) if field is not None else []


def _slugs(form, name) -> dict[str, str]:
    return {str(row.pk): row.slug for row in _choices(form, name)}


def _local_datetime(value: str) -> datetime | None:
    """A ``datetime-local`` value read as WIB; empty means now."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise WorkflowError(gettext("Enter the date and time it was posted.")) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed

"""Staff admin of announcements and the agenda: the publishing admin (newsroom.admin_publishing)
with each kind's fields, like PageAdmin. Imported by newsroom.admin so the admin site finds it."""

from django import forms
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .admin_publishing import PublishableAdmin
from .agenda import EVENT_TIME_ZONE, Announcement, Event


@admin.register(Announcement)
class AnnouncementAdmin(PublishableAdmin):
    """Notices to the public; they leave the portal 30 days after publication unless set."""

    list_display = ["title", "agency", "status_label", "publish_at", "expire_at", "updated_at"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency", "author"]
    search_fields = ["title", "lead"]
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "lead", "body", "expected_version"]}),
        (_("Shown until"), {"fields": ["expire_at"]}),
    ]
    preview_template = "portal/announcement_detail.html"
    preview_name = "announcement"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "expire_at":
            # One labelled date-and-time input (the admin's split widget leaves its time box
            # without a label); the browser's value is read as WIB.
            return db_field.formfield(
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
                help_text=_(
                    "Empty: the portal stops showing it 30 days after publication. "
                    "Choose a date to show it shorter or longer."
                ),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    """Agenda items: a date or a time span in WIB, a place, an organiser."""

    list_display = ["title", "agency", "when", "status_label", "updated_at"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency", "author"]
    search_fields = ["title", "lead", "location"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "lead", "body", "expected_version"]}),
        (_("When"), {"fields": ["start_date", "start_time", "end_date", "end_time"]}),
        (_("Where and who"), {"fields": ["location", "organizer", "registration_url"]}),
    ]
    preview_template = "portal/event_detail.html"
    preview_name = "event"

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, obj):
        start = timezone.localtime(obj.starts_at, EVENT_TIME_ZONE)
        text = formats.date_format(start, "j F Y" if obj.all_day else "j F Y, H.i")
        if obj.is_multi_day:
            text += " – " + formats.date_format(obj.last_date, "j F Y")
        return text

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "registration_url":
            kwargs["assume_scheme"] = "https"  # a link typed without https:// is a web address
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def preview_context(self, request, obj):
        # A correction's dates are not saved on the row yet: derive its span here.
        obj.starts_at, obj.ends_at = obj.span()
        return {"event": obj}

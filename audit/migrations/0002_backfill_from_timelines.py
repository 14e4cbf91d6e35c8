"""Fill the audit log from the histories kept before it existed.

Copies the publishing timelines (state changes, not plain saves), the PPID request, objection and
dispute timelines and the DIP timeline. A request is named by its registration number only and a
PPID step's summary is not copied (it may quote the requester), as audit.log.record does. Skipped
when the log already holds entries (a database that ran 0001 and has been writing since).
"""

from django.db import migrations

#: newsroom.workflow.AUDITED_VERBS when this was written (a migration keeps its own copy).
AUDITED_VERBS = {
    "submitted", "approved", "scheduled", "changes_requested", "correction_approved",
    "correction_rejected", "archived", "reopened", "published_now", "rescheduled",
    "unscheduled", "created", "revision_restored", "posted",
}  # fmt: skip
BATCH = 2000


def _name(user) -> str:
    if user is None:
        return ""
    full = f"{user.first_name} {user.last_name}".strip()
    return (full or user.username)[:200]


def backfill(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    if AuditEntry.objects.exists():
        return
    User = apps.get_model("accounts", "User")
    people = {}

    def person(user_id):
        if user_id is None:
            return None, ""
        if user_id not in people:
            people[user_id] = _name(User.objects.filter(pk=user_id).first())
        return user_id, people[user_id]

    batch = []

    def add(**fields):
        actor_id, actor_name = person(fields.pop("actor_id"))
        batch.append(AuditEntry(actor_id=actor_id, actor_name=actor_name, **fields))
        if len(batch) >= BATCH:
            AuditEntry.objects.bulk_create(batch)
            batch.clear()

    # Publishing timelines: the object's agency and title, by content type.
    ContentType = apps.get_model("contenttypes", "ContentType")
    TimelineEvent = apps.get_model("newsroom", "TimelineEvent")
    content_types = TimelineEvent.objects.order_by().values_list("content_type", flat=True)
    for content_type_id in content_types.distinct():
        content_type = ContentType.objects.get(pk=content_type_id)
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        objects = {
            pk: (agency_id, title)
            for pk, agency_id, title in model.objects.values_list("pk", "agency_id", "title")
        }
        events = TimelineEvent.objects.filter(content_type_id=content_type_id).order_by("pk")
        for event in events.iterator(chunk_size=BATCH):
            if event.action.rsplit(".", 1)[-1] not in AUDITED_VERBS:
                continue
            if event.object_id not in objects:
                continue
            agency_id, title = objects[event.object_id]
            add(
                agency_id=agency_id, actor_id=event.actor_id, action=event.action,
                object_type=f"{content_type.app_label}.{content_type.model}",
                object_id=event.object_id, object_label=(title or "")[:300],
                summary=" ".join(event.comment.split())[:500], at=event.created_at,
            )  # fmt: skip

    # PPID: requests and objections by their registration numbers, nothing of the requester.
    RequestEvent = apps.get_model("ppid", "RequestEvent")
    events = RequestEvent.objects.select_related("request", "objection").order_by("pk")
    for event in events.iterator(chunk_size=BATCH):
        subject = event.objection or event.request
        if subject is None:
            continue
        kind = "objection" if event.objection_id else "informationrequest"
        add(
            agency_id=subject.agency_id, actor_id=event.actor_id, action=event.action,
            object_type=f"ppid.{kind}", object_id=subject.pk,
            object_label=subject.registration_number, summary="", at=event.created_at,
        )  # fmt: skip

    # The DIP list is public information: its title and summary may be copied.
    DIPEvent = apps.get_model("ppid", "DIPEvent")
    for event in DIPEvent.objects.order_by("pk").iterator(chunk_size=BATCH):
        add(
            agency_id=event.agency_id, actor_id=event.actor_id, action=event.action,
            object_type="ppid.dipentry", object_id=event.entry_id,
            object_label=event.entry_title[:300], summary=event.summary[:500],
            at=event.created_at,
        )  # fmt: skip
    if batch:
        AuditEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_audit_log"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0014_media_library"),
        ("ppid", "0016_satisfaction_survey"),
        ("outreach", "0006_plannedpost_seo_fields"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

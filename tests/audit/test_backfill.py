"""The audit log starts with the history kept before it existed (audit migration 0002)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from audit.models import AuditEntry
from newsroom import editing, workflow
from newsroom.models import Article
from ppid import services
from ppid.services import dip
from tests.ppid.conftest import applicant
from tests.ppid.test_dip import entry_of

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("audit.migrations.0002_backfill_from_timelines").backfill


def forget_the_log():
    """As before the log existed (its rows refuse a delete through the ORM)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table}")


def test_earlier_steps_are_copied_with_actor_agency_and_label(
    agency, writer, supervisor, ppid_officer
):
    article = editing.create(Article(agency=agency, title="Kapal baru", lead="x"), actor=writer)
    article.lead = "Kapal baru tiba di pelabuhan."
    editing.save(article, actor=writer, expected_version=article.version)
    workflow.submit(article, actor=writer)
    workflow.request_changes(article, actor=supervisor, comment="Sumber datanya?")
    req, _code = services.register_request(agency=agency, data=applicant(name="Sri Wahyuni"))
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terbuka")
    dip.save_dip_entry(entry_of(agency), actor=ppid_officer)
    written_by_the_steps = sorted(
        AuditEntry.objects.values_list("action", "actor_id", "agency_id", "object_label")
    )
    forget_the_log()

    backfill(apps, None)

    copied = sorted(
        AuditEntry.objects.values_list("action", "actor_id", "agency_id", "object_label")
    )
    assert copied == written_by_the_steps
    assert "newsroom.article.saved" not in {row[0] for row in copied}
    assert AuditEntry.objects.get(action="newsroom.article.changes_requested").summary == (
        "Sumber datanya?"
    )
    assert not AuditEntry.objects.filter(object_label__contains="Sri").exists()
    assert not AuditEntry.objects.filter(summary__contains="Sri").exists()


def test_a_log_that_already_has_entries_is_left_as_it_is(agency, writer):
    editing.create(Article(agency=agency, title="Sekali", lead="x"), actor=writer)
    backfill(apps, None)
    assert AuditEntry.objects.count() == 1

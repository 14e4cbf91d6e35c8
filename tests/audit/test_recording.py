"""Every transition, decision and membership change leaves one audit entry, with who and where."""

from datetime import datetime

import pytest
from django.urls import reverse

from accounts.models import Membership, Role, User
from audit.models import AuditEntry
from newsroom import editing, workflow
from newsroom.models import Announcement, Article
from ppid import services
from ppid.models.requests import Outcome
from ppid.services import dip
from tests.ppid.conftest import applicant
from tests.ppid.test_dip import entry_of

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("at", "id"))


@pytest.mark.parametrize("model", [Article, Announcement])
def test_each_publishing_step_is_one_entry_of_the_objects_agency(model, agency, writer, supervisor):
    draft = editing.create(model(agency=agency, title="Panen raya", lead="Ringkas."), actor=writer)
    workflow.submit(draft, actor=writer)
    workflow.request_changes(draft, actor=supervisor, comment="Tambahkan foto")
    workflow.submit(draft, actor=writer)
    workflow.approve(draft, actor=supervisor)

    prefix = model.action_prefix()
    found = entries(object_id=draft.pk, object_type=model._meta.label_lower)
    assert [(e.action, e.actor, e.agency) for e in found] == [
        (f"{prefix}.created", writer, agency),
        (f"{prefix}.submitted", writer, agency),
        (f"{prefix}.changes_requested", supervisor, agency),
        (f"{prefix}.submitted", writer, agency),
        (f"{prefix}.approved", supervisor, agency),
    ]
    assert found[2].summary == "Tambahkan foto"
    assert found[-1].object_label == "Panen raya"
    assert found[-1].actor_name == "Budi"


def test_saving_a_draft_is_not_an_audit_entry(agency, writer):
    draft = editing.create(Article(agency=agency, title="Draf", lead="x"), actor=writer)
    draft.title = "Draf kedua"
    editing.save(draft, actor=writer, expected_version=draft.version)
    assert [e.action for e in entries()] == ["newsroom.article.created"]


def test_scheduling_says_when_it_will_appear(agency, writer, supervisor):
    draft = editing.create(Article(agency=agency, title="Jadwal", lead="x"), actor=writer)
    workflow.submit(draft, actor=writer)
    workflow.schedule(draft, actor=supervisor, publish_at=datetime(2030, 12, 2, 8, 0))
    entry = entries(action="newsroom.article.scheduled")[0]
    assert "2 Desember 2030, 08.00 WIB" in entry.summary


def test_ppid_steps_name_the_request_by_number_and_never_the_requester(
    agency, ppid_officer, ppid_head
):
    req, _code = services.register_request(
        agency=agency,
        data=applicant(name="Sri Wahyuni", email="sri@example.id", nik="3371014507900001"),
    )
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terbuka")
    objection = services.file_objection(req, grounds=["35d"], case_text="Sri Wahyuni keberatan")
    services.decide_objection(objection, actor=ppid_head, decision="upheld", reasons="Tetap")

    found = entries()
    assert [(e.action, e.actor) for e in found] == [
        ("ppid.request.received", None),
        ("ppid.request.decided", ppid_officer),
        ("ppid.objection.filed", None),
        ("ppid.objection.decided", ppid_head),
    ]
    assert {e.agency for e in found} == {agency}
    assert [e.object_label for e in found] == [req.registration_number] * 2 + [
        objection.registration_number
    ] * 2
    assert found[1].summary == str(Outcome.GRANTED.label)
    text = " ".join(f"{e.object_label} {e.summary} {e.actor_name}" for e in found)
    for personal in ("Sri", "Wahyuni", "sri@example.id", "3371014507900001"):
        assert personal not in text


def test_dip_changes_are_entries(agency, ppid_officer):
    entry = dip.save_dip_entry(entry_of(agency, published=False), actor=ppid_officer)
    dip.publish_dip_entry(entry, actor=ppid_officer)
    assert [(e.action, e.actor, e.object_label) for e in entries()] == [
        ("ppid.dip.created", ppid_officer, "Rencana Strategis 2025-2029"),
        ("ppid.dip.published", ppid_officer, "Rencana Strategis 2025-2029"),
    ]


# --- memberships, through the admin an agency administrator uses ---------------------------------


@pytest.fixture
def admin_client(client, agency_admin):
    client.force_login(agency_admin)
    return client


def test_giving_a_role_is_recorded_with_who_gave_it(admin_client, agency, agency_admin, make_user):
    newcomer = make_user("baru", first_name="Dewi")
    response = admin_client.post(
        reverse("admin:accounts_membership_add"),
        {"user": newcomer.pk, "agency": agency.pk, "role": Role.WRITER},
    )
    assert response.status_code == 302
    [entry] = entries()
    assert (entry.action, entry.actor, entry.agency) == (
        "accounts.membership.added",
        agency_admin,
        agency,
    )
    assert entry.object_label == "Dewi"
    assert entry.summary == "Peran diberikan: Penulis"


def test_changing_a_role_is_recorded_from_and_to(admin_client, agency, agency_admin, writer):
    membership = Membership.objects.get(user=writer)
    response = admin_client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"agency": agency.pk, "role": Role.SUPERVISOR},
    )
    assert response.status_code == 302
    [entry] = entries()
    assert (entry.action, entry.actor) == ("accounts.membership.role_changed", agency_admin)
    assert entry.summary == "Peran diubah dari Penulis menjadi Penyunting"


def test_saving_a_membership_unchanged_records_nothing(admin_client, agency, writer):
    membership = Membership.objects.get(user=writer)
    admin_client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"agency": agency.pk, "role": Role.WRITER},
    )
    assert entries() == []


def test_taking_a_role_away_is_recorded(admin_client, agency_admin, writer):
    membership = Membership.objects.get(user=writer)
    response = admin_client.post(
        reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    [entry] = entries()
    assert (entry.action, entry.actor, entry.object_label) == (
        "accounts.membership.removed",
        agency_admin,
        "Rina",
    )


def test_taking_roles_away_in_bulk_records_each(admin_client, agency_admin, writer, supervisor):
    ids = [m.pk for m in Membership.objects.filter(user__in=[writer, supervisor])]
    response = admin_client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(e.object_label for e in entries(action="accounts.membership.removed")) == [
        "Budi",
        "Rina",
    ]


def test_a_superuser_giving_a_role_on_the_agency_page_is_recorded(client, superuser, agency):
    client.force_login(superuser)
    person = User.objects.create_user("tamu", first_name="Tamu")
    page = reverse("admin:accounts_agency_change", args=[agency.pk])
    form = client.get(page).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": person.pk,
            "memberships-0-role": Role.PPID_OFFICER,
        }
    )
    response = client.post(page, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [(e.action, e.actor, e.object_label) for e in entries()] == [
        ("accounts.membership.added", superuser, "Tamu")
    ]


def test_changing_agency_settings_is_recorded(admin_client, agency, agency_admin):
    page = reverse("admin:accounts_agency_change", args=[agency.pk])
    form = admin_client.get(page).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data.update({"allow_self_approval": "on", "memberships-TOTAL_FORMS": "0",
                 "memberships-INITIAL_FORMS": "0"})  # fmt: skip
    response = admin_client.post(page, data)
    assert response.status_code == 302
    [entry] = entries()
    assert (entry.action, entry.actor, entry.agency) == (
        "accounts.agency.changed",
        agency_admin,
        agency,
    )
    assert "persetujuan sendiri" in entry.summary.lower()


def test_entries_are_never_changed_or_deleted(agency, writer):
    editing.create(Article(agency=agency, title="Tetap", lead="x"), actor=writer)
    entry = AuditEntry.objects.get()
    entry.summary = "diubah"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(summary="x")
    assert AuditEntry.objects.get().summary == ""


def test_an_account_made_by_an_administrator_and_switched_off_is_recorded(
    admin_client, agency, agency_admin, writer
):
    response = admin_client.post(reverse("admin:accounts_user_add"), {
        "username": "pegawai_baru", "password1": "Sandi-Baru-2026!", "password2":
        "Sandi-Baru-2026!", "usable_password": "true",
    })  # fmt: skip
    assert response.status_code == 302
    change = reverse("admin:accounts_user_change", args=[writer.pk])
    data = {"username": writer.username, "first_name": "Rina", "last_name": "",
            "email": writer.email, "nip": "", "is_staff": "on"}  # fmt: skip
    assert admin_client.post(change, data).status_code == 302
    assert [(e.action, e.actor, e.agency, e.object_label) for e in entries()] == [
        ("accounts.user.created", agency_admin, agency, "pegawai_baru"),
        ("accounts.user.deactivated", agency_admin, agency, "Rina"),
    ]

"""Every admin, for every role of agency A, shows nothing of agency B.

This sweep walks the admin site's registry, so a model admin or a custom admin view added later is
covered without anyone remembering to add it here: its changelist, change, delete and history
pages, its custom URLs, its autocomplete fields and every choice in its forms (and its inlines')
must reveal nothing owned by another agency, and a direct URL to another agency's object answers
exactly as an id that does not exist does (404; 403 for a module the role cannot open at all;
405 for a GET of a POST-only step).

An admin that a role can open but for which the fixture below has no object of agency B fails
loudly: add one, so the sweep keeps meaning something.
"""

import json

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.test import Client, RequestFactory
from django.urls import URLPattern, reverse
from django.utils import timezone

from accounts.models import Agency, Membership, Role, User
from audit import log as audit
from newsroom import editing, workflow
from newsroom.demo_library import pdf_file
from newsroom.media_library import MediaImage
from newsroom.models import (
    Announcement,
    Category,
    Document,
    Event,
    Gallery,
    Notification,
    Page,
    Tag,
)
from outreach.comments import Comment, ReplyTemplate
from outreach.planning import KeyMessage, Objective, Pillar
from outreach.posts import HashtagSet, PlannedPost
from portal.models import Menu
from portal.redirects import NotFoundPath, Redirect
from ppid import services
from ppid.models import ClosureDay, ConsequenceTest, DIPEntry, Dispute, ReportNarrative
from ppid.services import privacy
from tests.newsroom.portal_helpers import image_bytes
from tests.ppid.conftest import applicant

SECRET = "Rahasia-Instansi-B"
MISSING = "987654321"
ROLES = [Role.WRITER, Role.SUPERVISOR, Role.PPID_OFFICER, Role.PPID_HEAD, Role.AGENCY_ADMIN]
#: Models every agency shares on purpose (categories, tags); they belong to no agency.
SHARED = {Category, Tag}
#: Sample values for the extra parameters of custom admin URLs.
PARAM_SAMPLES = {
    "action": [
        *workflow.TRANSITIONS,
        "process",
        "ask-completion",
        "complete",
        "extend",
        "decide",
        "attach",
        "fee",
        "deliver",
    ],  # fmt: skip
    "number": ["1"],
    # The comment desk's steps (outreach.admin_comments).
    "step": ["ambil", "tutup", "buka"],
}


def owning_agencies(obj) -> set[int] | None:
    """The agencies an object belongs to (None: shared by all, like a national holiday)."""
    if isinstance(obj, Agency):
        return {obj.pk}
    if isinstance(obj, User):
        return set(obj.memberships.values_list("agency_id", flat=True))
    if hasattr(obj, "agency_id"):
        return None if obj.agency_id is None else {obj.agency_id}
    for owner in ("article", "request", "objection", "user", "recipient"):
        related = getattr(obj, owner, None)
        if related is not None:
            return owning_agencies(related)
    # Shared, or superuser-only records (login logs, task results): an admin that a role can
    # open but whose rows have no owner here fails the sweep below ("needs an object of B").
    return None


def is_of(obj, agency) -> bool:
    return owning_agencies(obj) == {agency.pk}


@pytest.fixture
def agency_b_world(other_agency, make_user, make_article):
    """One object of every agency-owned kind, all of agency B (other_agency)."""
    people = {role: make_user(f"b_{role}", role, other_agency) for role in ROLES}
    article = make_article(
        other_agency, people[Role.WRITER], title=f"{SECRET} draf", status="draft", publish_at=None
    )
    editing.create(Page(agency=other_agency, title=f"{SECRET} halaman"), actor=people[Role.WRITER])
    editing.create(
        Announcement(agency=other_agency, title=f"{SECRET} pengumuman", lead="x"),
        actor=people[Role.WRITER],
    )
    editing.create(
        Event(agency=other_agency, title=f"{SECRET} kegiatan", lead="x", location="Aula",
              start_date=timezone.localdate()),
        actor=people[Role.WRITER],
    )  # fmt: skip
    # The download centre and galleries (newsroom.library).
    editing.create(
        Document(agency=other_agency, title=f"{SECRET} dokumen", kind="laporan", year=2025,
                 file=SimpleUploadedFile("b.pdf", pdf_file("Rahasia", ["x"]))),
        actor=people[Role.WRITER],
    )  # fmt: skip
    editing.create(
        Gallery(agency=other_agency, title=f"{SECRET} galeri"),
        actor=people[Role.WRITER],
        m2m={"items": [{"kind": "video", "video_url": "https://youtu.be/aqz-KE-bpKQ"}]},
    )
    # The agency's photo library (newsroom.media_library).
    MediaImage.objects.create(
        agency=other_agency, caption=f"{SECRET} foto", alt_text=f"{SECRET} alt",
        file=SimpleUploadedFile("b.jpg", image_bytes(size=(320, 180))),
    )  # fmt: skip
    Notification.objects.create(
        recipient=people[Role.SUPERVISOR], article=article, agency=other_agency,
        subject=f"{SECRET} pemberitahuan",
        body="x", email="b@example.go.id",
    )  # fmt: skip
    ClosureDay.objects.create(
        date=timezone.localdate(), name=f"{SECRET} libur", agency=other_agency
    )
    req, _code = services.register_request(
        agency=other_agency, data=applicant(name=f"{SECRET} pemohon"),
        uploads=[SimpleUploadedFile("ktp.pdf", b"%PDF-1.4 x")],
    )  # fmt: skip
    services.decide(req, actor=people[Role.PPID_OFFICER], outcome="granted", reasons="ok")
    objection = services.file_objection(req, grounds=["35d"], case_text=f"{SECRET} keberatan")
    Dispute.objects.create(
        objection=objection, filed_on=timezone.localdate(), commission_number=f"{SECRET}-KI",
        stage=Dispute.Stage.values[0],
    )  # fmt: skip
    DIPEntry.objects.create(
        agency=other_agency, title=f"{SECRET} DIP", category="berkala", published=False
    )
    privacy.log_view(people[Role.PPID_OFFICER], f"{SECRET} akses data", request=req)
    ConsequenceTest.objects.create(
        agency=other_agency, information=f"{SECRET} uji", withheld_part="x", exemption_ground="17a",
        harm="x", public_interest="x", exempt_until=timezone.localdate(), signatories="x",
    )  # fmt: skip
    ReportNarrative.objects.create(agency=other_agency, year=2026, policy=f"{SECRET} narasi")
    # The Digital PR desk's plan and a planned post.
    today = timezone.localdate()
    pillar = Pillar.objects.create(agency=other_agency, name=f"{SECRET} pilar")
    objective = Objective.objects.create(
        agency=other_agency, title=f"{SECRET} tujuan", audience="nelayan", metric="reach",
        target_value=1, period_start=today, period_end=today,
    )  # fmt: skip
    KeyMessage.objects.create(agency=other_agency, title=f"{SECRET} pesan", period_start=today)
    HashtagSet.objects.create(agency=other_agency, name=f"{SECRET} tagar", hashtags="#RahasiaB")
    editing.create(
        PlannedPost(agency=other_agency, platform="facebook", caption=f"{SECRET} unggahan",
                    planned_at=timezone.now(), pillar=pillar, objective=objective),
        actor=people[Role.WRITER],
    )  # fmt: skip
    # The comment desk: a comment and a reply template.
    Comment.objects.create(agency=other_agency, platform="instagram", author_name=f"{SECRET} warga",
                           text=f"{SECRET} komentar")  # fmt: skip
    ReplyTemplate.objects.create(agency=other_agency, title=f"{SECRET} templat", body="Halo {nama}")
    # The audit log (the steps above wrote entries too; this one names B's secret outright).
    audit.record(
        "accounts.membership.added", agency=other_agency, actor=people[Role.AGENCY_ADMIN],
        obj=people[Role.WRITER], label=f"{SECRET} anggota", summary=f"{SECRET} peran",
    )  # fmt: skip
    # The agency's site: a menu, a redirect and a logged 404.
    Menu.objects.create(agency=other_agency, location=Menu.Location.FOOTER)
    Redirect.objects.create(agency=other_agency, old_path=f"/{SECRET.lower()}-lama/", target="/")
    NotFoundPath.objects.create(
        agency=other_agency, path=f"/{SECRET.lower()}-hilang/", day=timezone.localdate(), count=3
    )
    return other_agency


@pytest.fixture
def agency_a_staff(agency, make_user):
    # Someone of A who also holds a role in B must not count as "of B" for the sweep.
    return {role: make_user(f"a_{role}", role, agency) for role in ROLES}


def registry():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def request_as(user, path="/admin/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def opens(model_admin, request) -> bool:
    return model_admin.has_module_permission(request) or model_admin.has_view_permission(request)


def objects_of(model, agency):
    return [obj for obj in model._default_manager.all() if is_of(obj, agency)]


def custom_urls(model_admin, pk):
    """Each custom URL of a model admin that names an object, filled in with ``pk``."""
    opts = model_admin.model._meta
    standard = {f"{opts.app_label}_{opts.model_name}_{view}" for view in
                ("changelist", "add", "history", "delete", "change")}  # fmt: skip
    for pattern in model_admin.get_urls():
        if not isinstance(pattern, URLPattern) or pattern.name in standard or not pattern.name:
            continue
        params = [name for name in pattern.pattern.converters if name != "object_id"]
        if "object_id" not in pattern.pattern.converters:
            continue
        combos = [{}]
        for name in params:
            assert name in PARAM_SAMPLES, f"add samples for <{name}> in PARAM_SAMPLES"
            combos = [{**c, name: value} for c in combos for value in PARAM_SAMPLES[name]]
        for extra in combos:
            yield reverse(f"admin:{pattern.name}", kwargs={"object_id": pk, **extra})


def direct_urls(model_admin, pk):
    opts = model_admin.model._meta
    for view in ("change", "delete", "history"):
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[pk])
    if opts.model_name == "user":
        yield reverse("admin:auth_user_password_change", args=[pk])
    yield from custom_urls(model_admin, pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_direct_urls_to_another_agencys_objects_answer_like_missing_ones(
    agency_b_world, agency_a_staff, role
):
    user = agency_a_staff[role]
    client = Client()
    client.force_login(user)
    checked = 0
    for model, model_admin in registry():
        if model in SHARED:
            continue
        found = objects_of(model, agency_b_world)
        if opens(model_admin, request_as(user)):
            assert found, f"the sweep needs an object of agency B for {model._meta.label}"
        for obj in found:
            for url in direct_urls(model_admin, str(obj.pk)):
                fake_url = url.replace(f"/{obj.pk}/", f"/{MISSING}/", 1)
                for method in ("get", "post"):
                    real = getattr(client, method)(url)
                    fake = getattr(client, method)(fake_url)
                    assert real.status_code in (403, 404, 405), (method, url, real.status_code)
                    assert real.status_code == fake.status_code, (method, url)
                    assert SECRET.encode() not in real.content, (method, url)
                    checked += 1
    assert checked > 50


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_searches_show_nothing_of_another_agency(agency_b_world, agency_a_staff, role):
    user = agency_a_staff[role]
    client = Client()
    client.force_login(user)
    for model, model_admin in registry():
        if not opens(model_admin, request_as(user)):
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        for params in ({}, {"q": "Rahasia"}, {"q": "b_"}):
            response = client.get(url, params)
            assert response.status_code in (200, 403), (url, response.status_code)
            page = response.content.decode()
            assert SECRET not in page, (url, params)
            for obj in objects_of(model, agency_b_world):
                change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                assert f'href="{change}"' not in page, (url, params, obj)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_offers_nothing_of_another_agency(agency_b_world, agency_a_staff, role):
    user = agency_a_staff[role]
    client = Client()
    client.force_login(user)
    asked = 0
    for model, model_admin in registry():
        for inline in [model_admin, *[cls(model, admin.site) for cls in model_admin.inlines]]:
            for field_name in inline.autocomplete_fields:
                field = inline.model._meta.get_field(field_name)
                foreign = {str(o.pk) for o in objects_of(field.related_model, agency_b_world)}
                response = client.get("/admin/autocomplete/", {
                    "app_label": inline.model._meta.app_label,
                    "model_name": inline.model._meta.model_name,
                    "field_name": field_name, "term": "",
                })  # fmt: skip
                asked += 1
                if response.status_code != 200:
                    assert response.status_code in (403, 404)
                    continue
                offered = {row["id"] for row in json.loads(response.content)["results"]}
                assert not offered & foreign, (inline, field_name)
    assert asked >= 3


def form_classes(model_admin, request):
    """The add form of an admin and the forms of its inlines, as the person would get them."""
    if model_admin.has_add_permission(request):
        yield model_admin, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request, None):
            yield inline, inline.get_formset(request, None).form


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_every_form_choice_is_limited_to_what_the_person_may_see(
    agency_b_world, agency_a_staff, superuser, role
):
    user = superuser if role == "superuser" else agency_a_staff[role]
    request = request_as(user)
    looked = 0
    for _model, model_admin in registry():
        for where, form in form_classes(model_admin, request):
            for name, field in form.base_fields.items():
                if not isinstance(field, ModelChoiceField | ModelMultipleChoiceField):
                    continue
                looked += 1
                foreign = [obj for obj in field.queryset if is_of(obj, agency_b_world)]
                if role == "superuser":
                    continue
                assert not foreign, f"{type(where).__name__}.{name} offers {foreign}"
    assert looked >= 2


@pytest.mark.django_db
def test_the_sweep_sees_agency_b_with_rights(agency_b_world, superuser):
    # Control: the same URLs answer 200 to a superuser, so the sweep above is not vacuous.
    client = Client()
    client.force_login(superuser)
    for model, model_admin in registry():
        opts = model._meta
        for obj in objects_of(model, agency_b_world)[:1]:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(url).status_code == 200, url
    assert Membership.objects.filter(agency=agency_b_world).count() == len(ROLES)

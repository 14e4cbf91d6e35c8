"""Every agency gets the standard pages of an Indonesian agency site, in Indonesian, ready to fill:
from seed_demo (published, with the demo agencies' own text) and when a superuser adds an agency
(drafts), or through the "Create standard pages" action; never twice, never over staff's pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Agency
from newsroom.models import Page
from newsroom.standard_pages import PPID_SECTION, STANDARD_PAGES, create_standard_pages
from newsroom.workflow import WorkflowError

TOP = ["profil", "visi-dan-misi", "tugas-dan-fungsi", "struktur-organisasi", "profil-pimpinan",
       "kontak", PPID_SECTION]  # fmt: skip
PPID = ["profil-ppid", "struktur-ppid", "maklumat-pelayanan", "standar-layanan", "sop",
        "dasar-hukum"]  # fmt: skip


def test_standard_pages_are_drafts_in_a_tree_with_the_ppid_section(agency, agency_admin):
    agency.address = "Jl. Jend. Sudirman No. 1, Palangka Raya"
    agency.email = "ppid@dislutkan.kalteng.go.id"
    created = create_standard_pages(agency, author=agency_admin)
    assert len(created) == len(STANDARD_PAGES) == 13
    paths = list(Page.objects.filter(agency=agency).order_by("path").values_list("path", flat=True))
    assert sorted([*TOP, *[f"{PPID_SECTION}/{slug}" for slug in PPID]]) == paths
    assert set(Page.objects.values_list("status", flat=True)) == {Page.Status.DRAFT}
    kontak = Page.objects.get(agency=agency, path="kontak")
    assert "Jl. Jend. Sudirman No. 1, Palangka Raya" in kontak.body
    assert "ppid@dislutkan.kalteng.go.id" in kontak.body
    maklumat = Page.objects.get(path=f"{PPID_SECTION}/maklumat-pelayanan")
    assert "siap menerima sanksi" in maklumat.body
    laws = Page.objects.get(path=f"{PPID_SECTION}/dasar-hukum").body
    for law in ("Nomor 14 Tahun 2008", "Nomor 61 Tahun 2010", "Informasi Nomor 1 Tahun 2021"):
        assert law in laws
    # Each page starts its history like any written page: a revision and a timeline line.
    assert kontak.revisions.count() == 1 and kontak.events.count() == 1


def test_ppid_section_address_clashes_with_no_route(agency, agency_admin):
    create_standard_pages(agency, author=agency_admin)
    assert PPID_SECTION not in Page.RESERVED_SLUGS
    section = Page.objects.get(agency=agency, path=PPID_SECTION)
    url = reverse("portal:page_detail", args=[agency.slug, "layanan-ppid/sop"])
    assert url == f"/instansi/{agency.slug}/layanan-ppid/sop/"
    assert section.get_absolute_url() == f"/instansi/{agency.slug}/layanan-ppid/"


def test_creating_again_adds_only_what_is_missing_and_keeps_staff_text(agency, agency_admin):
    create_standard_pages(agency, author=agency_admin)
    kontak = Page.objects.get(agency=agency, path="kontak")
    Page.objects.filter(pk=kontak.pk).update(body="<p>Teks staf</p>")
    Page.objects.filter(path=f"{PPID_SECTION}/sop").delete()
    again = create_standard_pages(agency, author=agency_admin)
    assert [page.path for page in again] == [f"{PPID_SECTION}/sop"]
    assert Page.objects.get(pk=kontak.pk).body == "<p>Teks staf</p>"
    assert create_standard_pages(agency, author=agency_admin) == []


@pytest.mark.parametrize("who", ["writer", "supervisor", "other_agency_admin"])
def test_only_the_agencys_administrators_create_its_standard_pages(request, agency, who, make_user,
                                                                    other_agency):  # fmt: skip
    if who == "other_agency_admin":
        user = make_user("admin_lain", "agency_admin", other_agency)
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(WorkflowError):
        create_standard_pages(agency, author=user)
    assert not Page.objects.exists()


def test_superuser_adding_an_agency_gets_its_standard_pages_as_drafts(client, superuser):
    client.force_login(superuser)
    form = client.get(reverse("admin:accounts_agency_add")).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        name="Dinas Komunikasi, Informatika, Persandian dan Statistik",
        short_name="Diskominfosantik",
        slug="diskominfosantik",
    )
    response = client.post(reverse("admin:accounts_agency_add"), data, follow=True)
    assert response.status_code == 200
    agency = Agency.objects.get(slug="diskominfosantik")
    pages = Page.objects.filter(agency=agency)
    assert pages.count() == 13
    assert not pages.public().exists()
    assert "13 halaman standar dibuat sebagai draf" in response.content.decode()


def test_create_standard_pages_action_for_an_existing_agency(client, agency, agency_admin):
    client.force_login(agency_admin)
    response = client.post(
        reverse("admin:accounts_agency_changelist"),
        {"action": "create_standard_pages", "_selected_action": [agency.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Page.objects.filter(agency=agency).count() == 13
    assert Page.objects.get(agency=agency, path="kontak").author == agency_admin


def test_demo_agencies_get_their_own_published_pages(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    for slug in ("dislutkan", "bpsdm-kalteng", "kominfo"):
        pages = Page.objects.public().filter(agency__slug=slug)
        assert pages.count() == 13, slug
        assert "[" not in pages.get(path="visi-dan-misi").body, slug  # no prompt left
        chart = pages.get(path="struktur-organisasi")
        assert chart.image and chart.image_caption, slug
    dislutkan = Agency.objects.get(slug="dislutkan")
    assert dislutkan.head_name and dislutkan.service_hours and dislutkan.instagram_url
    call_command("seed_demo", stdout=StringIO())
    assert Page.objects.count() == 39


def test_demo_standard_page_is_shown_to_visitors(client, db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    response = client.get("/instansi/dislutkan/layanan-ppid/maklumat-pelayanan/")
    assert response.status_code == 200
    assert "MAKLUMAT PELAYANAN" in response.content.decode()
    assert client.get("/instansi/kominfo/struktur-organisasi/").status_code == 200


def test_prompts_left_in_a_standard_page_are_flagged_before_publication(agency, agency_admin):
    from newsroom import checks

    create_standard_pages(agency, author=agency_admin)
    profil = Page.objects.get(agency=agency, path="profil")
    assert any("[isi:" in problem for problem in checks.problems(profil))
    profil.body = "<p>Dinas yang membidangi kelautan dan perikanan di Kalimantan Tengah.</p>"
    profil.lead = "Profil singkat Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah."
    assert not any("[isi:" in problem for problem in checks.problems(profil))

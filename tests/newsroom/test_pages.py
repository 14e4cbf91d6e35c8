"""Agency pages: the second publishable kind, in a tree, reviewed like articles."""

import pytest
from django.urls import reverse

from newsroom import editing, workflow
from newsroom.models import Page, TimelineEvent

S = Page.Status


@pytest.fixture
def make_page(agency, writer):
    def make(title, parent=None, agency=agency, **fields):
        return editing.create(Page(agency=agency, parent=parent, title=title, **fields),
                              actor=writer)  # fmt: skip

    return make


def publish(page, writer, supervisor):
    workflow.submit(page, actor=writer)
    return workflow.approve(page, actor=supervisor)


def test_a_page_lives_at_its_path_under_the_agency(make_page, agency):
    profile = make_page("Profil")
    vision = make_page("Visi dan Misi", parent=profile)
    assert vision.path == "profil/visi-dan-misi"
    assert vision.get_absolute_url() == f"/instansi/{agency.slug}/profil/visi-dan-misi/"
    assert [p.title for p in vision.ancestors()] == ["Profil"]


def test_renaming_a_draft_parent_moves_its_children(make_page, writer):
    profile = make_page("Profil")
    vision = make_page("Visi dan Misi", parent=profile)
    copy = Page.objects.get(pk=profile.pk)
    copy.slug = "tentang-kami"
    editing.save(copy, actor=writer, expected_version=copy.version)
    vision.refresh_from_db()
    assert vision.path == "tentang-kami/visi-dan-misi"


def test_sister_pages_never_share_an_address(make_page):
    first = make_page("Kontak")
    second = make_page("Kontak")
    assert first.path == "kontak" and second.path == "kontak-2"


def test_a_page_is_reviewed_like_an_article(make_page, writer, supervisor):
    page = make_page("Maklumat Pelayanan")
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(page, actor=writer)  # a writer never publishes
    publish(page, writer, supervisor)
    page.refresh_from_db()
    assert page.is_public and page.first_published_at is not None
    codes = list(page.events.values_list("action", flat=True))
    assert codes == ["newsroom.page.created", "newsroom.page.submitted", "newsroom.page.approved"]
    assert TimelineEvent.objects.filter(action__startswith="newsroom.article.").count() == 0


def test_a_correction_of_a_live_page_waits_for_approval(make_page, writer, supervisor):
    page = publish(make_page("Tugas dan Fungsi", body="<p>Lama.</p>"), writer, supervisor)
    copy = editing.form_copy(Page.objects.get(pk=page.pk))
    copy.body = "<p>Baru.</p>"
    revision = editing.save(copy, actor=writer, expected_version=copy.version)
    assert revision.pending
    page.refresh_from_db()
    assert page.body == "<p>Lama.</p>"
    workflow.approve_correction(page, actor=supervisor)
    page.refresh_from_db()
    assert page.body == "<p>Baru.</p>" and page.corrected_at is not None


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def add_form(agency, **fields):
    return {"agency": agency.pk, "title": "Profil", "slug": "", "position": 0, "lead": "",
            "body": "<p>Isi.</p>", "image_caption": "", **fields}  # fmt: skip


def test_writer_creates_a_page_in_the_admin(writer_client, agency):
    response = writer_client.post(reverse("admin:newsroom_page_add"), add_form(agency))
    assert response.status_code == 302
    page = Page.objects.get()
    assert page.status == S.DRAFT and page.path == "profil"
    change = writer_client.get(reverse("admin:newsroom_page_change", args=[page.pk]))
    assert "Ajukan untuk ditinjau" in change.content.decode()


def test_taken_or_reserved_address_is_a_message_not_an_error(writer_client, agency, make_page):
    make_page("Profil")
    url = reverse("admin:newsroom_page_add")
    taken = writer_client.post(url, add_form(agency, slug="profil"))
    assert taken.status_code == 200
    assert "Halaman lain instansi ini sudah memakai alamat ini." in taken.content.decode()
    reserved = writer_client.post(url, add_form(agency, slug="feed"))
    assert reserved.status_code == 200 and Page.objects.count() == 1


def test_parent_of_another_agency_cannot_be_chosen(writer_client, agency, other_agency,
                                                    other_writer):  # fmt: skip
    foreign = editing.create(Page(agency=other_agency, title="Profil BPSDM"), actor=other_writer)
    response = writer_client.post(
        reverse("admin:newsroom_page_add"), add_form(agency, title="Sub", parent=foreign.pk)
    )
    assert response.status_code == 200
    assert not Page.objects.filter(title="Sub").exists()


def test_preview_shows_the_unpublished_page_with_a_banner(client, supervisor, make_page):
    page = make_page("Struktur Organisasi", body="<p>Bagan.</p>")
    client.force_login(supervisor)
    response = client.get(reverse("admin:newsroom_page_preview", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Bagan." in html
    assert "PRATINJAU — belum terbit" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_review_queue_lists_pages_and_articles(client, supervisor, writer, make_page, agency,
                                               make_article):  # fmt: skip
    page = make_page("Dasar Hukum")
    workflow.submit(page, actor=writer)
    client.force_login(supervisor)
    html = client.get(reverse("admin:newsroom_review_queue")).content.decode()
    assert "Dasar Hukum" in html
    assert reverse("admin:newsroom_page_change", args=[page.pk]) in html


def test_the_public_reads_a_published_page_and_its_sections(client, make_page, writer, supervisor):
    profile = publish(make_page("Profil", body="<p>Sejarah dinas.</p>"), writer, supervisor)
    publish(make_page("Visi dan Misi", parent=profile, lead="Arah lima tahun."), writer, supervisor)
    make_page("Draf rahasia", parent=profile)
    response = client.get(profile.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sejarah dinas." in html and "Visi dan Misi" in html and "Arah lima tahun." in html
    assert "Draf rahasia" not in html
    child = client.get(profile.get_absolute_url() + "visi-dan-misi/")
    assert child.status_code == 200 and "Profil" in child.content.decode()


@pytest.mark.parametrize("state", [S.DRAFT, S.IN_REVIEW, S.ARCHIVED])
def test_an_unpublished_page_is_not_found(client, make_page, state):
    page = make_page("Struktur PPID")
    Page.objects.filter(pk=page.pk).update(status=state)
    assert client.get(page.get_absolute_url()).status_code == 404


def test_agency_feed_is_not_shadowed_by_pages(client, agency):
    assert client.get(f"/instansi/{agency.slug}/feed/").status_code == 200


def test_a_page_under_an_unpublished_section_is_not_found(client, make_page, writer, supervisor):
    profile = make_page("Profil")
    workflow.submit(profile, actor=writer)  # still in review
    vision = publish(make_page("Visi dan Misi", parent=profile), writer, supervisor)
    assert client.get(vision.get_absolute_url()).status_code == 404
    workflow.approve(profile, actor=supervisor)
    assert client.get(vision.get_absolute_url()).status_code == 200


def test_the_agency_page_links_its_published_sections(client, agency, make_page, writer,
                                                      supervisor):  # fmt: skip
    publish(make_page("Profil", position=1), writer, supervisor)
    publish(make_page("Kontak", position=2), writer, supervisor)
    make_page("Draf bagian")
    html = client.get(agency.get_absolute_url()).content.decode()
    assert html.index('href="/instansi/dislutkan/profil/"') < html.index(
        'href="/instansi/dislutkan/kontak/"'
    )
    assert "Draf bagian" not in html


def test_parent_choices_never_include_the_page_or_its_subpages(writer_client, make_page):
    profile = make_page("Profil")
    vision = make_page("Visi dan Misi", parent=profile)
    other = make_page("Kontak")
    html = writer_client.get(reverse("admin:newsroom_page_change", args=[profile.pk])).content
    html = html.decode()
    assert f'value="{other.pk}"' in html and "Dislutkan · kontak" in html
    assert f'value="{vision.pk}"' not in html and f'<option value="{profile.pk}"' not in html


def test_a_writer_of_one_agency_finds_it_chosen(writer_client, agency):
    html = writer_client.get(reverse("admin:newsroom_page_add")).content.decode()
    assert f'<option value="{agency.pk}" selected>' in html


def test_feed_is_a_fine_address_below_a_section(make_page):
    profile = make_page("Profil")
    assert make_page("Umpan", parent=profile, slug="feed").path == "profil/feed"


def test_reachable_pages_are_in_the_sitemap(client, make_page, writer, supervisor):
    profile = publish(make_page("Profil"), writer, supervisor)
    make_page("Draf")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-halaman.xml" in index
    listed = client.get("/sitemap-halaman.xml").content.decode()
    assert profile.get_absolute_url() in listed and "/draf/" not in listed

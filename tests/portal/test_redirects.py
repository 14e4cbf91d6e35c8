"""A changed address of anything public leaves a 301 behind; staff add redirects for their agency;
addresses visitors do not find are counted per day (no visitor data) and become redirects."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from newsroom import editing, workflow
from newsroom.models import Article, Page
from portal.redirects import NotFoundPath, Redirect

DOMAIN = "dislutkan.kalteng.go.id"


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]


@pytest.fixture
def published(agency, writer, make_article):
    return make_article(agency, writer, title="Bantuan kapal", first_published_at=timezone.now())


def rename(item, slug):
    item.slug = slug
    item.save()
    return item


def test_a_public_articles_old_address_answers_301_to_the_new_one(client, published):
    old = published.get_absolute_url()
    rename(published, "bantuan-kapal-nelayan")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/berita/bantuan-kapal-nelayan/"


def test_two_renames_make_no_chain(client, published):
    first = published.get_absolute_url()
    rename(published, "kedua")
    second = published.get_absolute_url()
    rename(published, "ketiga")
    for old in (first, second):
        assert client.get(old)["Location"] == "/berita/ketiga/"
    # Back to an earlier address: that address is the item's again, not a redirect.
    rename(published, "kedua")
    assert client.get(second).status_code == 200
    assert client.get("/berita/ketiga/")["Location"] == second


def test_an_old_address_of_an_item_no_longer_public_is_not_found(client, published):
    old = published.get_absolute_url()
    rename(published, "baru")
    Article.objects.filter(pk=published.pk).update(status=Article.Status.ARCHIVED)
    assert client.get(old).status_code == 404


def test_a_draft_never_public_leaves_no_redirect(agency, writer, make_article):
    draft = make_article(agency, writer, status=Article.Status.DRAFT, publish_at=None)
    rename(draft, "judul-lain")
    assert not Redirect.objects.exists()


def test_address_changed_through_the_workflow_leaves_a_redirect(
    client, agency, writer, supervisor, second_supervisor
):
    article = Article(agency=agency, title="Panen raya", lead="Ringkas.", body="<p>Isi.</p>")
    editing.create(article, actor=writer)
    workflow.submit(article, actor=writer)
    workflow.approve(article, actor=supervisor)
    old = article.get_absolute_url()
    workflow.archive(article, actor=supervisor, comment="Salah judul")
    workflow.reopen(article, actor=supervisor)
    article.refresh_from_db()
    article.slug = "panen-raya-2026"
    editing.save(article, actor=writer, expected_version=article.version)
    workflow.submit(article, actor=writer)
    assert client.get(old).status_code == 404  # in review: not public anywhere
    workflow.approve(article, actor=second_supervisor)
    assert client.get(old)["Location"] == "/berita/panen-raya-2026/"


def test_a_moved_page_takes_its_sub_pages_old_addresses_along(client, agency, writer):
    def page(title, parent=None):
        return Page.objects.create(
            agency=agency, author=writer, title=title, parent=parent,
            status=Page.Status.PUBLISHED, publish_at=timezone.now(),
            first_published_at=timezone.now(),
        )  # fmt: skip

    profile = page("Profil")
    vision = page("Visi dan Misi", parent=profile)
    old_profile, old_vision = profile.get_absolute_url(), vision.get_absolute_url()
    rename(profile, "tentang-kami")
    assert client.get(old_profile)["Location"] == "/instansi/dislutkan/tentang-kami/"
    assert client.get(old_vision)["Location"] == "/instansi/dislutkan/tentang-kami/visi-dan-misi/"


def test_staff_redirects_go_to_local_paths_or_the_agencys_own_domain(client, agency):
    agency.domain = DOMAIN
    agency.save()
    Redirect.objects.create(agency=agency, old_path="/layanan-lama/", target="/ppid/")
    assert client.get("/layanan-lama/")["Location"] == "/ppid/"
    assert client.get("/layanan-lama/", HTTP_HOST=DOMAIN)["Location"] == "/ppid/"
    Redirect.objects.create(
        agency=agency, old_path="/kontak-kami/", target=f"https://{DOMAIN}/instansi/dislutkan/"
    )
    assert client.get("/kontak-kami/")["Location"] == f"https://{DOMAIN}/instansi/dislutkan/"


@pytest.mark.parametrize(
    "target",
    ["https://penipu.example/", "//penipu.example/", "javascript:alert(1)", "/\\penipu.example",
     "https://user@dislutkan.kalteng.go.id.penipu.example/"],
)  # fmt: skip
def test_no_open_redirect(client, agency, target):
    from django.core.exceptions import ValidationError

    agency.domain = DOMAIN
    agency.save()
    redirect = Redirect(agency=agency, old_path="/lama/", target=target)
    with pytest.raises(ValidationError):
        redirect.full_clean()
    redirect.save()  # written past the form (a script): still never followed
    assert client.get("/lama/").status_code == 404


def test_on_an_agency_domain_only_its_redirects_apply(client, agency, other_agency):
    agency.domain = DOMAIN
    agency.save()
    Redirect.objects.create(agency=other_agency, old_path="/arsip/", target="/berita/")
    assert client.get("/arsip/", HTTP_HOST=DOMAIN).status_code == 404
    assert client.get("/arsip/").status_code == 301


def test_not_found_addresses_are_counted_per_day_without_visitor_data(client, agency):
    for _ in range(3):
        client.get("/berita/tidak-ada/?utm_source=wa&nik=1234", HTTP_REFERER="https://x.example/")
    client.get("/instansi/dislutkan/profil-lama/")
    client.get("/static/tidak-ada.css")
    rows = {row.path: row for row in NotFoundPath.objects.all()}
    assert set(rows) == {"/berita/tidak-ada/", "/instansi/dislutkan/profil-lama/"}
    assert rows["/berita/tidak-ada/"].count == 3
    assert rows["/berita/tidak-ada/"].agency is None
    assert rows["/instansi/dislutkan/profil-lama/"].agency == agency
    stored = [f.name for f in NotFoundPath._meta.get_fields()]
    assert sorted(stored) == ["agency", "count", "day", "id", "path"]


def test_make_a_redirect_from_a_frequent_404(client, agency, make_user):
    supervisor = make_user("penyunting_situs", Role.SUPERVISOR, agency)
    client.get("/instansi/dislutkan/profil-lama/")
    row = NotFoundPath.objects.get()
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:portal_notfoundpath_changelist"),
        {"action": "make_redirect", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["old_path"] == "/instansi/dislutkan/profil-lama/"
    saved = client.post(
        response["Location"],
        {"agency": agency.pk, "old_path": row.path, "target": "/instansi/dislutkan/"},
    )
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    client.logout()
    assert client.get(row.path)["Location"] == "/instansi/dislutkan/"


def test_staff_see_only_their_agencys_redirects(client, agency, other_agency, make_user):
    supervisor = make_user("penyunting_situs", Role.SUPERVISOR, agency)
    other = Redirect.objects.create(agency=other_agency, old_path="/a/", target="/b/")
    client.force_login(supervisor)
    assert client.get(reverse("admin:portal_redirect_change", args=[other.pk])).status_code == 404
    listing = client.get(reverse("admin:portal_redirect_changelist")).content.decode()
    assert "/a/" not in listing


def test_a_second_redirect_from_the_same_address_is_refused_in_indonesian(agency):
    from django.core.exceptions import ValidationError

    Redirect.objects.create(agency=agency, old_path="/lama/", target="/baru/")
    with pytest.raises(ValidationError) as refused:
        Redirect(agency=agency, old_path="/lama/", target="/lain/").full_clean()
    assert refused.value.messages == ["Instansi ini sudah punya pengalihan dari alamat ini."]


def test_an_agencys_new_slug_leaves_its_old_addresses_behind(client, agency, writer):
    profile = Page.objects.create(
        agency=agency, author=writer, title="Profil", status=Page.Status.PUBLISHED,
        publish_at=timezone.now(), first_published_at=timezone.now(),
    )  # fmt: skip
    Redirect.objects.create(agency=agency, old_path="/kontak/", target="/instansi/dislutkan/")
    agency.slug = "dkp-kalteng"
    agency.save()
    assert client.get("/instansi/dislutkan/")["Location"] == "/instansi/dkp-kalteng/"
    assert client.get("/instansi/dislutkan/feed/")["Location"] == "/instansi/dkp-kalteng/feed/"
    assert client.get("/instansi/dislutkan/profil/")["Location"] == profile.get_absolute_url()
    assert profile.get_absolute_url() == "/instansi/dkp-kalteng/profil/"
    assert client.get("/kontak/")["Location"] == "/instansi/dkp-kalteng/"  # no chain

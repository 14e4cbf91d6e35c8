"""The pre-publication checklist (issue 14, item 4): what it finds, for every publishable kind;
shown to the writer on the form and to the supervisor before approval; an agency that blocks
refuses approval with the failing checks listed in Indonesian, one that warns asks to confirm."""

import pytest
from django.utils import timezone

from accounts.models import Agency
from newsroom import checks, editing, workflow
from newsroom.models import Article, Category, Page
from newsroom.publishing import kinds

GOOD_LEAD = "Dinas Kelautan dan Perikanan menyalurkan bantuan kapal kepada 40 nelayan kecil."


@pytest.fixture
def category(db):
    return Category.objects.create(name="Perikanan", slug="perikanan")


@pytest.fixture
def ready(draft, category):
    """An article that passes every check."""

    def make(**fields):
        values = {
            "title": "Bantuan kapal untuk nelayan kecil",
            "lead": GOOD_LEAD,
            "body": '<p>Lihat <a href="https://kalteng.go.id/data">data penerima</a>.</p>',
            "cover_image": "covers/2026/11/kapal.jpg",
            "cover_alt": "Nelayan menerima kunci kapal",
            "cover_caption": "Penyerahan bantuan di Sampit",
            "cover_credit": "Humas Dislutkan",
            "category": category,
            **fields,
        }
        return draft(**values)

    return make


def failing(obj) -> dict[str, tuple[str, ...]]:
    return {result.code: result.problems for result in checks.run(obj) if not result.ok}


def test_a_complete_article_passes_every_check(ready):
    assert failing(ready()) == {}


@pytest.mark.parametrize(
    ("fields", "code", "says"),
    [
        ({"cover_image": ""}, "photo", "Tambahkan foto."),
        ({"cover_alt": ""}, "photo", "teks alternatif"),
        ({"cover_caption": ""}, "photo", "keterangan untuk foto"),
        ({"cover_credit": ""}, "photo", "sumber foto"),
        ({"lead": "Terlalu pendek."}, "lead", "15 karakter"),
        ({"lead": "x" * 301}, "lead", "301 karakter"),
        ({"title": "J" * 101}, "title", "101 karakter"),
        ({"body": "<h1>Judul kedua</h1><p>Isi.</p>"}, "headings", "H2"),
        ({"body": '<p><a href="https://a.id/">.</a></p>'}, "links", "satu karakter"),
        ({"body": '<p>Lihat <a href="https://a.id/"></a></p>'}, "links", "tidak berteks"),
        ({"body": '<p><a href="#">tautan</a></p>'}, "links", "alamat yang sebenarnya"),
        ({"body": '<p><a href="https://example.com/x">tautan</a></p>'}, "links", "contoh"),
        ({"body": '<p><a href="https://kalteng.go.id/...">tautan</a></p>'}, "links", "sebenarnya"),
        # The link dialog's "https://" with nothing typed after it.
        ({"body": '<p><a href="https://">tautan</a></p>'}, "links", "alamat yang sebenarnya"),
        ({"body": '<p><a href="http://">tautan</a></p>'}, "links", "alamat yang sebenarnya"),
        ({"body": '<p><a href="http://kalteng.go.id/">situs</a></p>'}, "links", "https://"),
        ({"body": "<p>Naskah menunggu persetujuan penyunting.</p>"}, "placeholder", "Naskah"),
        ({"body": "<p>Lorem ipsum dolor sit amet.</p>"}, "placeholder", "Lorem ipsum"),
        ({"lead": GOOD_LEAD + " [isi]"}, "placeholder", "[isi]"),
        ({"title": "Rapat xxx di aula"}, "placeholder", "xxx"),
        ({"category": None}, "category", "Pilih kategori."),
    ],
)
def test_each_check_names_what_to_fix_in_indonesian(ready, fields, code, says):
    article = ready()
    for name, value in fields.items():  # as an editor's unsaved form would hold them
        setattr(article, name, value)
    found = failing(article)
    assert list(found) == [code]
    assert any(says in problem for problem in found[code]), found[code]


def test_words_that_only_contain_a_placeholder_are_not_placeholders(ready):
    assert failing(ready(title="Ekspor 10 ton ikan ke luar negeri", lead=GOOD_LEAD)) == {}


@pytest.mark.parametrize("kind", ["page"], indirect=True)
def test_a_page_is_checked_on_the_fields_it_has(draft):
    page = draft(lead="", body="<p>Profil</p>", image="pages/x.jpg", image_caption="")
    page.body = "<h1>Profil</h1>"  # the sanitiser drops it on save; the editor's form holds it
    found = failing(page)
    assert set(found) == {"photo", "headings"}  # no photo credit or category on a page
    assert found["photo"] == (
        "Jelaskan isi foto bagi pembaca yang tidak dapat melihatnya (teks alternatif).",
        "Tulis keterangan untuk foto.",
    )


def test_every_publishable_kind_has_checks():
    for model in kinds():
        codes = [check.code for check in checks.checks_for(model)]
        assert "placeholder" in codes, model


def blocking(agency):
    Agency.objects.filter(pk=agency.pk).update(prepublish_checks=Agency.PrepublishChecks.BLOCK)


def test_an_agency_that_blocks_refuses_approval_and_lists_what_to_fix(
    agency, ready, writer, supervisor
):
    blocking(agency)
    article = ready(cover_alt="", body="<p>Naskah menunggu persetujuan penyunting.</p>")
    workflow.submit(article, actor=writer)
    for step in (
        lambda: workflow.approve(article, actor=supervisor),
        lambda: workflow.schedule(
            article, actor=supervisor, publish_at=timezone.now() + timezone.timedelta(days=1)
        ),
    ):
        with pytest.raises(workflow.WorkflowError) as refused:
            step()
        assert refused.value.message.startswith("Belum disetujui: instansi ini hanya")
        assert "teks alternatif" in refused.value.message
        assert "Naskah menunggu persetujuan" in refused.value.message
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_a_blocking_agency_checks_the_correction_not_the_live_text(
    agency, ready, writer, supervisor
):
    article = ready()
    workflow.submit(article, actor=writer)
    workflow.approve(article, actor=supervisor)
    blocking(agency)
    live = Article.objects.get(pk=article.pk)
    live.body = "<p>Lorem ipsum.</p>"
    editing.save(live, actor=writer, expected_version=live.version)
    with pytest.raises(workflow.WorkflowError, match="Lorem ipsum"):
        workflow.approve_correction(article, actor=supervisor)
    assert Article.objects.get(pk=article.pk).body.startswith("<p>Lihat")


def test_a_warning_agency_publishes_after_the_supervisor_confirms(ready, writer, supervisor):
    article = ready(cover_credit="")
    workflow.submit(article, actor=writer)
    with pytest.raises(workflow.WorkflowError, match="Terbitkan saja"):
        workflow.approve(article, actor=supervisor, confirm_checks=False)
    workflow.approve(article, actor=supervisor, confirm_checks=True)
    assert Article.objects.get(pk=article.pk).is_public


def side(client, user, article) -> str:
    client.force_login(user)
    page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    return page[page.index('aria-labelledby="checklist-title"') :]


def test_the_writer_sees_the_checklist_on_the_form_after_saving(client, writer, ready):
    article = ready(lead="Pendek.")
    html = side(client, writer, article)
    assert "Pemeriksaan sebelum terbit" in html
    assert "Teras berita 50 sampai 300 karakter" in html or "50 sampai 300" in html
    assert "7 karakter" in html
    assert "✓" in html and "✗" in html


def test_the_supervisor_must_tick_publish_anyway_in_an_agency_that_warns(
    client, writer, supervisor, ready
):
    article = ready(cover_image="")
    workflow.submit(article, actor=writer)
    html = side(client, supervisor, article)
    assert 'name="confirm_checks"' in html and "Tambahkan foto." in html
    url = f"/admin/newsroom/article/{article.pk}/workflow/approve/"
    response = client.post(url, {"checks_shown": "1"}, follow=True)  # the box left unticked
    assert "Terbitkan saja" in [str(m) for m in response.context["messages"]][0]
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    client.post(url, {"checks_shown": "1", "confirm_checks": "1"})
    assert Article.objects.get(pk=article.pk).is_public


def test_a_blocking_agency_shows_the_approve_button_disabled_with_the_reason(
    client, agency, writer, supervisor, ready
):
    blocking(agency)
    article = ready(cover_image="")
    workflow.submit(article, actor=writer)
    html = side(client, supervisor, article)
    assert "Instansi hanya menerbitkan naskah yang lolos semua pemeriksaan" in html
    assert 'disabled class="button default" name="action" value="approve"' in html
    response = client.post(f"/admin/newsroom/article/{article.pk}/workflow/approve/",
                           {"confirm_checks": "1"}, follow=True)  # fmt: skip
    assert "Tambahkan foto." in str(list(response.context["messages"])[0])
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_an_article_that_passes_shows_no_confirmation(client, writer, supervisor, ready):
    article = ready()
    workflow.submit(article, actor=writer)
    html = side(client, supervisor, article)
    assert "Semua pemeriksaan terpenuhi." in html and 'name="confirm_checks"' not in html
    client.post(f"/admin/newsroom/article/{article.pk}/workflow/approve/", {})
    assert Article.objects.get(pk=article.pk).is_public


def test_pages_are_checked_at_approval_too(agency, writer, supervisor, make_user):
    blocking(agency)
    page = editing.create(Page(agency=agency, title="Profil", body="<p>[isi]</p>"), actor=writer)
    workflow.submit(page, actor=writer)
    with pytest.raises(workflow.WorkflowError, match=r"\[isi\]"):
        workflow.approve(page, actor=supervisor)

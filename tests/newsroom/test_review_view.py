"""Review that shows everything (issue 14, item 6): the preview says it is not published and its
share buttons do nothing; the read-only review shows the public page itself; the comparison
covers every field side by side; a new item is not compared with itself; an approved correction
may carry a public note."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from newsroom import editing, workflow
from newsroom.models import Article, Category, Tag

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def published(article_in, supervisor):
    body = '<p>Lihat <a href="https://a.go.id/harga">tabel harga</a>.</p>'
    article = article_in(Article.Status.IN_REVIEW, title="Harga ikan stabil", body=body)
    return workflow.approve(article, actor=supervisor)


def correct(article, actor, **fields):
    live = Article.objects.get(pk=article.pk)
    m2m = {"tags": fields.pop("tags")} if "tags" in fields else None
    for name, value in fields.items():
        setattr(live, name, value)
    editing.save(live, actor=actor, expected_version=live.version, m2m=m2m)


def test_the_preview_says_it_is_not_published_and_its_share_buttons_are_inert(
    client, writer, draft
):
    article = draft(title="Rapat koordinasi nelayan")
    client.force_login(writer)
    page = client.get(f"/admin/newsroom/article/{article.pk}/preview/").content.decode()
    assert "PRATINJAU — belum terbit" in page
    assert "Rapat koordinasi nelayan" in page
    share = page[page.index('class="share"') :]
    share = share[: share.index("</section>")]
    assert "WhatsApp" in share and "href" not in share and 'aria-disabled="true"' in share


def test_previewing_a_correction_never_shows_it_to_the_public(client, writer, published, settings):
    url = published.get_absolute_url()
    correct(published, writer, body="<p>Harga ikan naik 20 persen.</p>")
    client.force_login(writer)
    assert (
        "naik 20 persen"
        in client.get(f"/admin/newsroom/article/{published.pk}/preview/").content.decode()
    )
    client.logout()
    public = client.get(url).content.decode()
    assert "naik 20 persen" not in public and "tabel harga" in public


def test_the_read_only_review_shows_the_public_page_in_a_frame(client, supervisor, article_in):
    article = article_in(Article.Status.IN_REVIEW)
    client.force_login(supervisor)
    page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert f'<iframe src="/admin/newsroom/article/{article.pk}/preview/"' in page
    preview = client.get(f"/admin/newsroom/article/{article.pk}/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_a_new_item_is_not_compared_with_itself(client, writer, draft):
    article = draft()
    client.force_login(writer)
    page = client.get(f"/admin/newsroom/article/{article.pk}/compare/").content.decode()
    assert "dibandingkan dengan revisi" not in page
    assert "satu-satunya versi tersimpan" in page or "Revisi #1" in page


def test_the_comparison_covers_photo_caption_category_tags_and_links_side_by_side(
    client, writer, supervisor, published
):
    fish = Category.objects.create(name="Perikanan", slug="perikanan")
    tag = Tag.objects.create(name="harga", slug="harga")
    correct(
        published, writer,
        cover_image="covers/2026/11/pasar.jpg", cover_caption="Pasar ikan Kahayan",
        category=fish, tags=[tag.pk],
        body='<p>Lihat <a href="https://b.go.id/harga-baru">tabel harga</a>.</p>',
    )  # fmt: skip
    client.force_login(supervisor)
    page = client.get(f"/admin/newsroom/article/{published.pk}/compare/").content.decode()
    changed = page[: page.index('class="diff-unchanged"')]
    for label in ("Foto utama", "Keterangan foto", "Kategori", "Tag", "Tautan di isi"):
        assert f"<h2>{label}</h2>" in changed, label
    assert '<div class="diff-sides">' in changed
    assert "<ins>Perikanan</ins>" in changed and "<ins>harga</ins>" in changed
    assert "https://b.go.id/harga-baru</ins>" in changed
    assert "https://a.go.id/harga</del>" in changed
    assert '<img class="diff-image" src="/media/covers/2026/11/pasar.jpg"' in changed
    assert "<h2>Judul</h2>" not in changed  # unchanged fields are folded away


def test_an_approved_correction_may_carry_a_public_note(client, writer, supervisor, published):
    correct(published, writer, body="<p>Harga ikan naik 2 persen, bukan 20 persen.</p>")
    with time_machine.travel(dt.datetime(2026, 12, 3, 10, 0, tzinfo=JAKARTA), tick=False):
        client.force_login(supervisor)
        client.post(
            f"/admin/newsroom/article/{published.pk}/workflow/approve_correction/",
            {"public_note": "Angka kenaikan harga diperbaiki."},
        )
    client.logout()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Koreksi, 3 Desember 2026:" in page and "Angka kenaikan harga diperbaiki." in page


def test_a_correction_without_a_note_adds_none(client, writer, supervisor, published):
    correct(published, writer, title="Harga ikan stabil menjelang Natal")
    workflow.approve_correction(published, actor=supervisor)
    assert Article.objects.get(pk=published.pk).correction_note == ""
    assert "Koreksi," not in client.get(published.get_absolute_url()).content.decode()

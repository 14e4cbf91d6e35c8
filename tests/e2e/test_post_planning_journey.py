"""Journey: a writer plans a post for X from a demo article with the caption helper; the text
made too long is counted live and refused on saving with the count; shortened, it is submitted;
the supervisor approves it and the writer marks it as posted."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from newsroom.models import Article
from outreach.posts import PlannedPost

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SOURCE = "dislutkan-salurkan-bantuan-benih-ikan-bagi-pembudidaya-katingan"


def test_writer_plans_a_post_with_the_caption_helper_and_supervisor_approves(visitor):
    article = Article.objects.get(slug=SOURCE)
    key = f"{ContentType.objects.get_for_model(Article).pk}:{article.pk}"
    writer = visitor("post-writer")
    page = writer.page
    writer.login("penulis")
    writer.goto("/admin/outreach/plannedpost/add/")
    page.select_option("#id_platform", "x")
    page.select_option("#id_source_choice", key)
    page.select_option("#id_pillar", label="Layanan Publik")
    page.select_option("#id_hashtag_set", label="Umum")
    page.click("#post-insert-hashtags")
    assert page.input_value("#id_hashtags") == "#Dislutkan #KaltengBerkah #KelautanPerikanan"

    # The caption helper drafts from the article, within X's 280.
    page.click("#post-draft-caption")
    page.wait_for_selector("text=Draf sudah disisipkan")  # the helper's status line
    draft = page.input_value("#id_caption")
    assert draft.startswith("Dislutkan Salurkan 250 Ribu Benih Ikan")
    assert draft.endswith("Baca selengkapnya di portal:")
    counter = page.locator("#post-counter")
    assert re.search(r"Teks untuk X \(Twitter\): \d+ dari 280 karakter", counter.inner_text())
    assert "is-over" not in (counter.get_attribute("class") or "")
    writer.check("drafted")

    # Too long: the counter says so as one types, and the server refuses it with the count.
    page.fill("#id_caption", draft + "\n\n" + "Ikan segar untuk keluarga sehat. " * 6)
    assert "Kelebihan" in counter.inner_text()
    assert "is-over" in counter.get_attribute("class")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errorlist")
    error = page.locator(".field-caption .errorlist").inner_text()
    assert re.search(r"Keterangan untuk X \(Twitter\) \d{3} dari 280 karakter", error)
    assert "Ikan segar untuk keluarga sehat." in page.input_value("#id_caption")  # kept
    writer.check("refused")

    page.fill("#id_caption", draft)
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    post = PlannedPost.objects.get(platform="x", source_id=article.pk, status="draft",
                                   author__username="penulis")  # fmt: skip
    assert post.caption == draft
    page.click("button[value=submit]")
    page.wait_for_selector("ul.messagelist")
    writer.check("submitted")

    supervisor = visitor("post-supervisor")
    supervisor.login("penyunting")
    supervisor.goto(f"/admin/outreach/plannedpost/{post.pk}/change/")
    supervisor.page.click("button[value=approve]")
    supervisor.page.wait_for_selector(".post-posted")
    assert "Disetujui: siap diunggah" in supervisor.page.inner_text(".post-posted")
    supervisor.check("approved")

    writer.goto(f"/admin/outreach/plannedpost/{post.pk}/change/")
    page.fill("#posted-url", "https://x.com/dislutkankalteng/status/1862000000000000001")
    page.click(".post-posted button[type=submit]")
    page.wait_for_selector("ul.messagelist")
    assert "Ditandai sudah diunggah." in page.inner_text("ul.messagelist")
    post.refresh_from_db()
    assert post.is_posted
    writer.check("posted")

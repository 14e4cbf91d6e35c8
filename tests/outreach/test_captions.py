"""The caption helper: a 5W1H draft from a real-looking article, fitted to each platform."""

from types import SimpleNamespace

import pytest

from newsroom.demo_articles import ARTICLES
from outreach import platforms
from outreach.captions import analyse, draft_caption, draft_title, sentences
from outreach.posts import compose

from .plan_fixtures import *  # noqa: F403 (fixtures)
from .plan_fixtures import wib

pytestmark = pytest.mark.django_db

LINK = "https://humas.kalteng.go.id/berita/dislutkan-salurkan-benih-ikan-katingan/?utm_source=x"
TAGS = "#Dislutkan #KaltengBerkah #PerikananMaju"


def test_sentences_keep_titles_and_degrees_inside_names():
    text = "Kepala Bidang, Ir. H. Siti Aminah, M.Si., hadir. Ia menyerahkan 1,5 ton pakan."
    assert sentences(text) == [
        "Kepala Bidang, Ir. H. Siti Aminah, M.Si., hadir.",
        "Ia menyerahkan 1,5 ton pakan.",
    ]


def test_the_5w1h_of_an_article(benih_article):
    facts = analyse(benih_article)
    assert facts.what.startswith("Bantuan benih ikan nila dan patin diserahkan")
    assert facts.who == "Dinas Kelautan dan Perikanan"
    assert facts.where == "Kabupaten Katingan"
    assert facts.when == "Kamis (26/11/2026)"
    assert facts.why.startswith("Bantuan ini diberikan untuk memperkuat ketahanan pangan")
    assert "melalui verifikasi kesiapan kolam" in facts.how
    quote = "“Kami ingin bantuan ini benar-benar tumbuh menjadi usaha,” kata Siti Aminah."
    assert facts.quote == quote


def test_a_long_platform_gets_the_whole_story_then_the_call_to_action(benih_article):
    caption = draft_caption(benih_article, "facebook", hashtags=TAGS, link=LINK)
    paragraphs = caption.split("\n\n")
    assert paragraphs[0].startswith("Bantuan benih ikan nila")
    assert "Waktu: Kamis (26/11/2026)" in caption
    assert "untuk memperkuat ketahanan pangan dan pendapatan" in caption  # why
    assert "melalui verifikasi" in caption  # how
    assert "“Kami ingin bantuan ini" in caption  # who says it
    assert paragraphs[-1] == "Baca selengkapnya di portal:"


def test_instagram_points_to_the_link_in_the_bio(benih_article):
    caption = draft_caption(benih_article, "instagram", hashtags=TAGS)
    assert caption.endswith("Baca selengkapnya di portal melalui tautan di bio kami.")


@pytest.mark.parametrize("platform", list(platforms.LIMITS))
def test_every_draft_fits_its_platform_with_hashtags_and_link(benih_article, platform):
    limits = platforms.limits_for(platform)
    link = LINK if limits.link_in_text else ""
    tags = "#Dislutkan #Kalteng" if platform == "threads" else TAGS
    tags = "#Dislutkan" if platform == "threads" else tags
    caption = draft_caption(benih_article, platform, hashtags=tags, link=link)
    text = compose(caption, tags, link)
    assert platforms.check_text(platform, text, title="Judul") == {}


def test_x_gets_the_headline_and_the_call_to_action_within_280(benih_article):
    caption = draft_caption(benih_article, "x", hashtags=TAGS, link=LINK)
    assert caption.startswith("Dislutkan Salurkan 250 Ribu Benih Ikan bagi Pembudidaya di Katingan")
    assert caption.endswith("Baca selengkapnya di portal:")
    assert platforms.text_length(compose(caption, TAGS, LINK), "x") <= 280


def test_a_lowered_limit_shortens_the_draft(benih_article, superuser):
    platforms.PlatformLimit.objects.create(platform="threads", kind="caption", value=120,
                                           reason="uji")  # fmt: skip
    caption = draft_caption(benih_article, "threads", link=LINK)
    assert platforms.text_length(compose(caption, "", LINK), "threads") <= 120
    assert caption.endswith("Baca selengkapnya di portal:")


@pytest.mark.parametrize("data", [a for a in ARTICLES if a["agency"] == "dislutkan"],
                         ids=lambda a: a["slug"][:40])  # fmt: skip
def test_every_demo_article_of_dislutkan_gets_a_fitting_x_draft(data):
    item = SimpleNamespace(title=data["title"], lead=data["lead"], body=data["body"],
                           agency=SimpleNamespace(name="Dislutkan"),
                           publish_at=wib(26, 9))  # fmt: skip
    caption = draft_caption(item, "x", hashtags=TAGS, link=LINK)
    assert data["title"][:30] in caption
    assert platforms.text_length(compose(caption, TAGS, LINK), "x") <= 280


def test_an_event_uses_its_own_time_and_place():
    event = SimpleNamespace(title="Festival Ikan Sungai Kahayan", lead="Festival kuliner ikan.",
                            body="", starts_at=wib(12, 8, month=12),
                            location="Dermaga Kereng Bangkirai", agency=None)  # fmt: skip
    facts = analyse(event)
    assert facts.when == "Sabtu, 12 Desember 2026"
    assert facts.where == "Dermaga Kereng Bangkirai"


def test_a_youtube_title_is_cut_at_a_word_within_100():
    item = SimpleNamespace(title="Kata " * 30)
    title = draft_title(item, "youtube")
    assert len(title) <= 100 and title.endswith("…")

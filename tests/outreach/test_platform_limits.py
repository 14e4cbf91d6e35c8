"""Platform limits: one table, X's weighted count, hashtag caps, and a superuser's override."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outreach import platforms
from outreach.platforms import LIMITS, Platform, PlatformLimit

from .plan_fixtures import *  # noqa: F403 (fixtures)

pytestmark = pytest.mark.django_db

LONG_URL = (
    "https://humas.kalteng.go.id/berita/dislutkan-salurkan-250-ribu-benih-ikan-bagi-pembudidaya/"
)


# Cases after twitter-text's conformance suite (conformance/validate.yml, WeightedTweetsCounterTest
# and WeightedTweetsWithDiscountedEmojiCounterTest), worked out by hand from the v3 rules.
@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("This is a test.", 15),
        ("Baca selengkapnya", 17),
        (LONG_URL, 23),  # every link counts 23, however long
        ("Baca " + LONG_URL, 28),
        ("Dua tautan https://a.go.id dan https://b.go.id/x?y=1", 11 + 23 + 5 + 23),
        ("😀", 2),  # an emoji weighs 2
        ("👨‍👩‍👧‍👦", 2),  # a family emoji of seven code points is one emoji: 2
        ("🇮🇩", 2),  # a flag (two regional indicators)
        ("日本語", 6),  # CJK weighs 2
        ("e\u0301", 1),  # counted after NFC normalisation: one é
        ("Ikan – segar", 12),  # the en dash is in the light range 8208-8223
        ("Lihat https://a.go.id.", 6 + 23 + 1),  # the full stop after a link is text
        # A development portal's address counts 23 as well (as the browser counts it).
        ("Baca http://127.0.0.1:8000/berita/benih/?utm_source=x&utm_medium=social", 5 + 23),
    ],
)
def test_x_counts_the_weighted_length_of_twitter_text(text, weight):
    assert platforms.text_length(text, Platform.X) == weight


def test_x_takes_280_and_refuses_281_with_the_count_in_the_message():
    assert platforms.check_text(Platform.X, "a" * 280) == {}
    problems = platforms.check_text(Platform.X, "a" * 281)
    assert "281" in problems["caption"] and "280" in problems["caption"]


def test_x_counts_emoji_double_so_140_emoji_fill_a_post():
    assert platforms.check_text(Platform.X, "😀" * 140) == {}
    assert "282" in platforms.check_text(Platform.X, "😀" * 141)["caption"]


def test_other_platforms_count_characters_not_weights():
    assert platforms.text_length("😀" * 10, Platform.THREADS) == 10
    assert platforms.text_length(LONG_URL, Platform.THREADS) == len(LONG_URL)


@pytest.mark.parametrize(
    ("platform", "limit"),
    [
        (Platform.INSTAGRAM, 2200),
        (Platform.THREADS, 500),
        (Platform.TIKTOK, 2200),
        (Platform.YOUTUBE, 5000),
        (Platform.FACEBOOK, 63206),
        (Platform.LINKEDIN, 3000),
    ],
)
def test_each_platform_takes_its_limit_and_refuses_one_more(platform, limit):
    assert platforms.check_text(platform, "a" * limit, title="Judul") == {}
    message = platforms.check_text(platform, "a" * (limit + 1), title="Judul")["caption"]
    assert f"{limit + 1}" in message and f"{limit}" in message


def test_instagram_takes_five_hashtags_and_refuses_six(db):
    five = "Benih ikan untuk Katingan. #Dislutkan #Kalteng #Perikanan #Budidaya #Nila"
    assert platforms.check_text(Platform.INSTAGRAM, five) == {}
    problems = platforms.check_text(Platform.INSTAGRAM, five + " #Patin")
    assert "6" in problems["hashtags"] and "5" in problems["hashtags"]


def test_a_hash_inside_a_link_or_a_number_is_no_hashtag():
    text = "Lihat https://humas.go.id/berita/a#bagian-2 nomor #1 dan #Dislutkan"
    assert platforms.hashtags_in(text) == ["Dislutkan"]


def test_youtube_needs_a_title_of_at_most_100_characters(db):
    assert "title" in platforms.check_text(Platform.YOUTUBE, "Deskripsi", title="")
    assert platforms.check_text(Platform.YOUTUBE, "Deskripsi", title="a" * 100) == {}
    assert "101" in platforms.check_text(Platform.YOUTUBE, "Deskripsi", title="a" * 101)["title"]


def test_every_platform_has_one_row_in_the_table():
    assert set(LIMITS) == set(Platform.values)


def test_a_superuser_override_changes_the_limit_for_everyone(db, superuser):
    PlatformLimit.objects.create(platform=Platform.X, kind="caption", value=25000,
                                 reason="X Premium, help.x.com, 2026-11-29")  # fmt: skip
    assert platforms.limits_for(Platform.X).caption == 25000
    assert platforms.check_text(Platform.X, "a" * 1000) == {}
    assert platforms.limits_as_data()["x"]["caption"] == 25000
    assert platforms.limits_for(Platform.THREADS).caption == 500  # others unchanged


def test_only_a_superuser_reaches_the_overrides_in_the_admin(client, superuser, supervisor):
    url = reverse("admin:outreach_platformlimit_add")
    client.force_login(supervisor)
    assert client.get(url).status_code == 403
    client.force_login(superuser)
    response = client.post(url, {"platform": "instagram", "kind": "hashtags", "value": "10",
                                 "reason": "Instagram Help Centre, 2027-01-05"})  # fmt: skip
    assert response.status_code == 302
    override = PlatformLimit.objects.get()
    assert override.updated_by == superuser
    assert platforms.limits_for(Platform.INSTAGRAM).hashtags == 10


def test_a_limit_of_zero_is_refused(db):
    with pytest.raises(ValidationError):
        PlatformLimit(platform="x", kind="caption", value=0, reason="salah ketik").full_clean()

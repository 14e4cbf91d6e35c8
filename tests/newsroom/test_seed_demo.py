"""`manage.py seed_demo` loads the demo news once; running it again changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Agency, Membership, User
from newsroom.demo_articles import TRAINING_SLUG
from newsroom.media_library import MediaImage
from newsroom.models import Article, Category, Tag


def run_seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Agency, User, Membership, Article, Category, Tag)
    }


@pytest.fixture
def debug(settings):
    settings.DEBUG = True  # seed_demo refuses to run in production


def test_seed_demo_is_idempotent_and_prints_passwords_only_once(db, debug):
    first = run_seed()
    after_first = counts()
    second = run_seed()
    assert counts() == after_first
    assert "penulis " in first and "superadmin" in first
    assert "passwords shown only now" in first
    assert "superadmin" not in second and "passwords shown only now" not in second
    assert "no new accounts" in second


def test_demo_has_published_news_of_every_agency_with_photos(db, debug):
    run_seed()
    public = Article.objects.public()
    assert public.count() >= 12
    for slug in ("dislutkan", "bpsdm-kalteng", "kominfo"):
        assert public.filter(agency__slug=slug).count() >= 3, slug
    assert public.exclude(cover_image="").count() >= 12
    assert public.filter(is_featured=True).exists()
    assert Article.objects.exclude(pk__in=public.values("pk")).count() >= 2  # draft, in review


def test_demo_training_article_tells_who_what_where_when(client, db, debug):
    run_seed()
    article = Article.objects.public().get(slug=TRAINING_SLUG)
    assert article.agency.slug == "dislutkan"
    assert article.author.username == "penulis"
    assert article.publish_at.year == 2021 and article.publish_at.month == 10
    text = article.lead + article.body
    for fact in ("21 Oktober", "27 Oktober 2021", "Kominfo", "BPSDM", "Digital Public Relation"):
        assert fact in text, fact
    assert "<blockquote>" in article.body  # quotes from the people involved
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Pelatihan Digital Public Relation" in body and "<picture>" in body


def test_demo_search_finds_the_training(client, db, debug):
    """By stem on PostgreSQL ('kehumasan' -> 'humas'), by substring on SQLite."""
    run_seed()
    body = client.get("/cari/", {"q": "pelatihan humas"}).content.decode()
    assert f"/berita/{TRAINING_SLUG}/" in body


def test_a_demo_writer_can_save_a_demo_article_with_a_photo_without_an_alt_text_error(db, debug):
    # The form requires a photo's alt text: a demo article without one could not be edited.
    run_seed()
    with_photo = Article.objects.exclude(cover_image="")
    assert with_photo.exists()
    assert list(with_photo.filter(cover_alt="").values_list("slug", flat=True)) == []


def test_published_demo_articles_carry_their_publication_dates(db, debug):
    # The writer's dashboard counts "published in the last 14 days" from last_published_at.
    run_seed()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert published.exists()
    assert not published.filter(last_published_at__isnull=True).exists()
    assert not published.filter(first_published_at__isnull=True).exists()


def test_each_agency_finds_its_demo_covers_in_its_photo_library(db, debug):
    run_seed()
    for article in Article.objects.exclude(cover_image=""):
        photo = MediaImage.objects.get(file=article.cover_image.name)
        assert photo.agency_id == article.agency_id
        assert (photo.alt_text, photo.caption) == (article.cover_alt, article.cover_caption)

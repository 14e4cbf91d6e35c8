"""The one public rule of every publishable kind: published, its time has come, not expired."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, related_candidates

S = Article.Status


@pytest.fixture
def now():
    return timezone.now()


def test_an_expired_article_leaves_the_portal_by_itself(client, make_article, agency, writer, now):
    gone = make_article(
        agency, writer, title="Pengumuman lama", expire_at=now - timedelta(minutes=1)
    )
    live = make_article(
        agency, writer, title="Pengumuman berlaku", expire_at=now + timedelta(days=1)
    )
    assert list(Article.objects.public()) == [live]
    assert not gone.is_public and live.is_public
    assert client.get(gone.get_absolute_url()).status_code == 404
    listing = client.get(reverse("portal:article_list")).content.decode()
    assert "Pengumuman berlaku" in listing and "Pengumuman lama" not in listing


def test_raw_related_query_applies_the_same_rule(make_article, agency, writer, now):
    shown = make_article(agency, writer)
    scheduled = make_article(agency, writer, publish_at=now + timedelta(hours=1))
    expired = make_article(agency, writer, expire_at=now - timedelta(seconds=1))
    draft = make_article(agency, writer, status=S.DRAFT, publish_at=None)
    later = make_article(agency, writer, expire_at=now + timedelta(hours=2))
    found = {pk for pk, _points, _at in related_candidates(shown, [], 50, now=now)}
    assert found == {later.pk}
    public = set(Article.objects.public(now).exclude(pk=shown.pk).values_list("pk", flat=True))
    assert found == public
    assert not {scheduled.pk, expired.pk, draft.pk} & found


def test_next_change_is_the_soonest_publication_or_expiry(make_article, agency, writer, now):
    make_article(agency, writer, publish_at=now + timedelta(hours=3))
    assert Article.objects.next_change(now) == now + timedelta(hours=3)
    make_article(agency, writer, expire_at=now + timedelta(hours=1))
    assert Article.objects.next_change(now) == now + timedelta(hours=1)
    make_article(agency, writer, status=S.DRAFT, publish_at=now + timedelta(minutes=5))
    assert Article.objects.next_change(now) == now + timedelta(hours=1)


def test_every_step_is_coded_in_the_kinds_namespace():
    codes = {name: step.code(Article) for name, step in workflow.TRANSITIONS.items()}
    assert codes["approve"] == "newsroom.article.approved"
    assert codes["request_changes"] == "newsroom.article.changes_requested"
    assert all(code.startswith("newsroom.article.") for code in codes.values())


def test_first_and_last_publication_are_kept(article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    workflow.approve(article, actor=supervisor)
    article.refresh_from_db()
    assert article.first_published_at == article.last_published_at == article.publish_at

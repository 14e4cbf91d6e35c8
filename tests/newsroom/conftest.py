"""Fixtures of the review-workflow tests: articles put in a given state through the domain."""

import pytest
from django.utils import timezone

from newsroom import editing
from newsroom.models import Article, Page


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are created in almost every test here: a fast hasher keeps the table quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


KINDS = {"article": Article, "page": Page}


@pytest.fixture
def kind(request):
    """The publishable kind under test: articles unless a test is parametrized over kinds
    (``@pytest.mark.parametrize("kind", ["article", "page"], indirect=True)``)."""
    return KINDS[getattr(request, "param", "article")]


@pytest.fixture
def draft(agency, writer, kind):
    """A new draft written by ``writer``, saved through the workflow (so it has revision #1)."""

    def make(agency=agency, author=writer, **fields):
        values = {"title": "Panen raya udang vaname", "lead": "Petambak panen.",
                  "body": "<p>Petambak di Kotawaringin panen raya.</p>", **fields}  # fmt: skip
        return editing.create(kind(agency=agency, **values), actor=author)

    return make


@pytest.fixture
def article_in(draft):
    """An article in ``status`` (set directly; the transitions themselves are tested elsewhere)."""

    def make(status, **kwargs):
        article = draft(**kwargs)
        fields = {"status": status}
        if status in (Article.Status.PUBLISHED, Article.Status.ARCHIVED):
            fields["publish_at"] = timezone.now() - timezone.timedelta(hours=1)
        type(article).objects.filter(pk=article.pk).update(**fields)
        article.refresh_from_db()
        return article

    return make


def edit(article, actor, **changes):
    """Save ``changes`` to the article's text as ``actor`` would through a form."""
    copy = editing.form_copy(type(article).objects.get(pk=article.pk))
    version = copy.version
    for name, value in changes.items():
        setattr(copy, name, value)
    return editing.save(copy, actor=actor, expected_version=version)


from tests.conftest import PASSWORD as PASSWORD_FOR_TESTS  # noqa: E402, F401

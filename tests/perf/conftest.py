"""Fixtures of the performance tests: the page cache switched on, articles through the workflow."""

import pytest
from django.core.cache import cache

from newsroom import editing, workflow
from newsroom.models import Article


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache on, as in production with Redis (tests run it on either cache)."""
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    return settings


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a domain action and its after-commit hooks, as a real request's commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def in_review(agency, writer, committed):
    """An article written by ``writer`` and submitted for review, through the workflow."""

    def make(title, lead="Ringkasan berita.", body="<p>Isi berita.</p>"):
        article = committed(
            editing.create,
            Article(agency=agency, title=title, lead=lead, body=body),
            actor=writer,
        )
        committed(workflow.submit, article, actor=writer)
        return article

    return make

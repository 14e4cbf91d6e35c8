"""Shared fixtures: agencies, one user per role, and an article factory.

App-specific fixtures live in tests/<app>/conftest.py.
"""

import shutil

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from accounts.models import Agency, Membership, Role, User
from newsroom.models import Article
from portal import fragments

PASSWORD = "kata-sandi-uji-123"  # noqa: S105


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Uploads go to a temporary folder and the cache starts empty for every test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The anonymous page cache is off unless a test turns it on (tests/perf prove it, including
    # its invalidation; elsewhere a test reading a page twice around a change wants fresh pages).
    settings.HUMAS_PAGE_CACHE_SECONDS = 0
    # Mandatory two-step verification is off unless a test turns it on: most tests sign staff in
    # with client.force_login, which gives no code, and the gate (accounts.two_factor) treats that
    # like any login without one. tests/security/test_two_factor.py proves the rule switched on.
    settings.HUMAS_OTP_REQUIRED_ROLES = []
    cache.clear()
    fragments.forget_local()
    yield
    cache.clear()
    fragments.forget_local()
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.fixture
def agency(db):
    return Agency.objects.create(name="Dinas Kelautan dan Perikanan", short_name="Dislutkan",
                                 slug="dislutkan")  # fmt: skip


@pytest.fixture
def other_agency(db):
    return Agency.objects.create(name="Badan Pengembangan SDM", short_name="BPSDM",
                                 slug="bpsdm")  # fmt: skip


@pytest.fixture
def make_user(db):
    def make(username, role=None, agency=None, **extra):
        user = User.objects.create_user(
            username=username, password=PASSWORD, is_staff=True,
            email=f"{username}@example.go.id", **extra,
        )  # fmt: skip
        if role:
            Membership.objects.create(user=user, agency=agency, role=role)
        return user

    return make


@pytest.fixture
def writer(make_user, agency):
    return make_user("penulis", Role.WRITER, agency, first_name="Rina")


@pytest.fixture
def supervisor(make_user, agency):
    return make_user("penyunting", Role.SUPERVISOR, agency, first_name="Budi")


@pytest.fixture
def second_supervisor(make_user, agency):
    return make_user("penyunting2", Role.SUPERVISOR, agency, first_name="Sari")


@pytest.fixture
def ppid_officer(make_user, agency):
    return make_user("petugas", Role.PPID_OFFICER, agency)


@pytest.fixture
def ppid_head(make_user, agency):
    return make_user("atasan", Role.PPID_HEAD, agency)


@pytest.fixture
def agency_admin(make_user, agency):
    return make_user("admininstansi", Role.AGENCY_ADMIN, agency)


@pytest.fixture
def other_writer(make_user, other_agency):
    return make_user("penulis_lain", Role.WRITER, other_agency)


@pytest.fixture
def other_supervisor(make_user, other_agency):
    return make_user("penyunting_lain", Role.SUPERVISOR, other_agency)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("super", "super@example.go.id", PASSWORD)


@pytest.fixture
def make_article(db):
    """Create an article directly (no workflow): published and public unless told otherwise."""
    counter = {"n": 0}

    def make(agency, author, **fields):
        counter["n"] += 1
        defaults = {
            "title": f"Berita nomor {counter['n']}",
            "lead": "Ringkasan berita.",
            "body": "<p>Isi berita.</p>",
            "status": Article.Status.PUBLISHED,
            "publish_at": timezone.now() - timezone.timedelta(hours=counter["n"]),
        }
        defaults.update(fields)
        return Article.objects.create(agency=agency, author=author, **defaults)

    return make

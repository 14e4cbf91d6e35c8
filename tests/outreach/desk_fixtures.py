"""Fixtures of the comment-desk tests, star-imported by those test files."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from outreach.comments import Comment, ReplyTemplate

WIB = ZoneInfo("Asia/Jakarta")


def wib(day, hour, minute=0, month=8):
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_comment(db):
    def make(agency, **fields):
        values = {
            "platform": "instagram",
            "author_name": "Rahmat Hidayat",
            "author_handle": "@rahmat.h",
            "text": "Kapan bantuan benih ikan dibagikan di Kapuas?",
            "posted_at": wib(10, 9),
            "category": Comment.Category.QUESTION,
            **fields,
        }
        return Comment.objects.create(agency=agency, **values)

    return make


@pytest.fixture
def template(agency):
    return ReplyTemplate.objects.create(
        agency=agency,
        title="Jawaban pertanyaan umum",
        category=Comment.Category.QUESTION,
        body="Halo {nama}, terima kasih atas pertanyaannya. Salam, {petugas} ({instansi}).",
    )

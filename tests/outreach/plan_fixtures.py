"""Fixtures of the planning and planned-post tests, star-imported by those test files."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from newsroom import editing
from newsroom.models import Article
from outreach.planning import KeyMessage, Metric, Objective, Pillar
from outreach.posts import HashtagSet, PlannedPost

WIB = ZoneInfo("Asia/Jakarta")

BENIH_BODY = """
<p><strong>Kasongan</strong> — Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah menyalurkan
250.000 ekor benih ikan nila dan patin kepada dua belas kelompok pembudidaya ikan di Kabupaten
Katingan, Kamis (26/11/2026). Penyerahan dilakukan di Desa Tumbang Liting dan disaksikan perangkat
desa serta penyuluh perikanan setempat.</p>
<p>Bantuan ini diberikan untuk memperkuat ketahanan pangan dan pendapatan keluarga pembudidaya di
daerah aliran sungai.</p>
<p>Kepala Bidang Perikanan Budidaya, Ir. H. Siti Aminah, M.Si., menjelaskan bahwa penyaluran
dilakukan melalui verifikasi kesiapan kolam dan keramba oleh penyuluh.</p>
<blockquote><p>"Kami ingin bantuan ini benar-benar tumbuh menjadi usaha. Penyuluh akan mendampingi
sampai panen pertama," ujar Siti Aminah.</p></blockquote>
"""


def wib(day, hour, minute=0, month=11, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def pillars(agency):
    """Dislutkan's five pillars, as a supervisor would set them."""
    rows = [
        ("Edukasi", "#1f77b4", 30),
        ("Layanan Publik", "#2ca02c", 25),
        ("Kegiatan Pimpinan", "#ff7f0e", 15),
        ("Prestasi", "#9467bd", 15),
        ("Interaksi", "#d62728", 15),
    ]
    return {
        name: Pillar.objects.create(
            agency=agency, name=name, colour=colour, target_share=share, position=n
        )  # fmt: skip
        for n, (name, colour, share) in enumerate(rows)
    }


@pytest.fixture
def objective(agency):
    return Objective.objects.create(
        agency=agency,
        title="Pembudidaya Tahu Program Bantuan Benih 2026",
        audience="Kelompok pembudidaya ikan di daerah aliran sungai",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        metric=Metric.REACH,
        target_value=50000,
    )


@pytest.fixture
def key_message(agency):
    return KeyMessage.objects.create(
        agency=agency,
        title="Ketahanan pangan dari perikanan budidaya",
        source=KeyMessage.Source.NATIONAL,
        period_start=date(2026, 11, 1),
    )


@pytest.fixture
def other_pillar(other_agency):
    return Pillar.objects.create(agency=other_agency, name="Edukasi", colour="#000000")


@pytest.fixture
def hashtag_set(agency):
    return HashtagSet.objects.create(
        agency=agency, name="Umum", hashtags="#Dislutkan #KaltengBerkah #PerikananMaju"
    )


@pytest.fixture
def benih_article(agency, writer):
    """A real-looking published article of Dislutkan."""
    article = editing.create(
        Article(
            agency=agency,
            title="Dislutkan Salurkan 250 Ribu Benih Ikan bagi Pembudidaya di Katingan",
            slug="dislutkan-salurkan-benih-ikan-katingan",
            lead="Bantuan benih ikan nila dan patin diserahkan kepada dua belas kelompok "
            "pembudidaya di Kabupaten Katingan untuk memperkuat ketahanan pangan.",
            body=BENIH_BODY,
        ),
        actor=writer,
    )
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, publish_at=wib(26, 10)
    )
    article.refresh_from_db()
    return article


@pytest.fixture
def make_post(agency, writer, pillars):
    """A planned post saved as a draft through the editing domain (with its first revision)."""

    def make(author=writer, **fields):
        values = {
            "platform": "facebook",
            "caption": "Dislutkan menyalurkan benih ikan bagi pembudidaya di Katingan.",
            "planned_at": wib(30, 9),
            "pillar": pillars["Layanan Publik"],
            **fields,
        }
        post = PlannedPost(agency=values.pop("agency", agency), **values)
        post.full_clean(exclude=["author"])
        return editing.create(post, actor=author)

    return make


@pytest.fixture
def draft_article(agency, writer):
    return editing.create(
        Article(agency=agency, title="Panen raya udang vaname", lead="Petambak panen.",
                body="<p>Petambak di Kotawaringin panen raya.</p>"),
        actor=writer,
    )  # fmt: skip

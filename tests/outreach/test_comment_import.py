"""Importing comments from CSV: our format, Meta and Instagram exports, bad rows, re-imports."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import TimeZone
from outreach.comment_import import import_comments
from outreach.comments import Comment

from .desk_fixtures import *  # noqa: F403 (fixtures)

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))

OUR_FORMAT = """platform,jenis,nama,akun,waktu,teks,tautan,id,kelas,sentimen
instagram,komentar,Rahmat Hidayat,@rahmat.h,2026-11-28 14:30,"Kapan bantuan benih dibagikan?",https://www.instagram.com/p/ABC123/,17912345678,pertanyaan,netral
facebook,pesan,Siti Aminah,,28/11/2026 19.05,"Terima kasih atas pelatihannya",,,apresiasi,positif
"""


def run(agency, actor, text, **kwargs):
    raw = text.encode(kwargs.pop("encoding", "utf-8"))
    return import_comments(agency=agency, actor=actor, raw=raw, now=NOW, **kwargs)


def test_our_format_is_imported_with_times_in_the_agencys_zone(agency, writer):
    result = run(agency, writer, OUR_FORMAT)
    assert len(result.created) == 2 and not result.rejected
    first = Comment.objects.get(author_handle="@rahmat.h")
    assert first.posted_at == datetime(2026, 11, 28, 14, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert first.category == "question" and first.platform == "instagram"
    assert first.source == Comment.Source.IMPORT and first.created_by == writer
    message = Comment.objects.get(author_name="Siti Aminah")
    assert message.kind == Comment.Kind.DIRECT_MESSAGE and message.sentiment == "positive"
    assert message.posted_at.astimezone(ZoneInfo("Asia/Jakarta")).hour == 19


def test_a_wita_agency_reads_naive_times_in_wita(agency, writer):
    agency.time_zone = TimeZone.WITA
    agency.save()
    run(agency, writer, OUR_FORMAT)
    first = Comment.objects.get(author_handle="@rahmat.h")
    assert first.posted_at == datetime(2026, 11, 28, 14, 30, tzinfo=ZoneInfo("Asia/Makassar"))


def test_importing_the_same_file_twice_adds_nothing(agency, writer):
    run(agency, writer, OUR_FORMAT)
    again = run(agency, writer, OUR_FORMAT)
    assert not again.created and again.skipped == 2
    assert Comment.objects.count() == 2


def test_bad_rows_are_reported_in_indonesian_and_returned_whole(agency, writer):
    text = (
        "nama;waktu;teks;platform\n"
        "Andi;kemarin sore;Halo;instagram\n"
        "Budi;2026-11-28 08:00;;instagram\n"
        "Citra;2026-11-28 08:00;Mohon info;myspace\n"
        "Dewi;2026-11-28 09:00;Mantap;tiktok\n"
    )
    result = run(agency, writer, text)
    assert [c.author_name for c in result.created] == ["Dewi"]
    reasons = {number: reason for number, reason, _row in result.rejected}
    assert reasons[2].startswith("Baris 2:") and "kemarin sore" in reasons[2]
    assert "kosong" in reasons[3]
    assert "myspace" in reasons[4]
    returned = result.rejected_csv().splitlines()
    assert returned[0] == "nama,waktu,teks,platform,alasan"
    assert returned[1].startswith("Andi,kemarin sore,Halo,instagram,Baris 2:")


def test_a_meta_business_suite_export_is_read_as_it_is(agency, writer):
    export = (
        "\ufeffComment ID,Post Permalink,From,Comment,Created Time\n"
        "1209_44,https://www.facebook.com/dislutkan/posts/1209,Yanto Saputra,"
        '"Info pelatihan nelayan kapan, min?",2026-11-27T09:15:00+0000\n'
    )
    result = run(agency, writer, export, platform="facebook")
    assert len(result.created) == 1, result.rejected
    comment = result.created[0]
    assert comment.external_id == "1209_44" and comment.author_name == "Yanto Saputra"
    assert comment.posted_at == datetime(2026, 11, 27, 9, 15, tzinfo=ZoneInfo("UTC"))


def test_an_instagram_export_in_windows_encoding_with_unix_times(agency, writer):
    export = (
        'Username,Text,Timestamp\nnelayan_kapuas,"Terima kasih, sangat membantu é",1764300000\n'
    )
    result = run(agency, writer, export, platform="instagram", encoding="cp1252")
    assert len(result.created) == 1, result.rejected
    assert result.created[0].author_name == "nelayan_kapuas"
    assert result.created[0].text.endswith("é")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "kosong"), ("judul,keterangan\nA,B\n", "nama, waktu, teks")],
)
def test_a_file_without_the_needed_columns_is_refused_whole(agency, writer, text, message):
    result = run(agency, writer, text)
    assert message in result.error and not result.created


def test_a_row_without_platform_asks_for_one(agency, writer):
    result = run(agency, writer, "nama,waktu,teks\nAndi,2026-11-28 08:00,Halo\n")
    assert not result.created and "platform" in result.rejected[0][1]

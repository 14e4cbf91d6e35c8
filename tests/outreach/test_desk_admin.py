"""The comment desk in the admin: scoped to the agency, answering from a template, the import,
the weekly figures and the reply templates that only supervisors write."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outreach.comments import Comment, ReplyTemplate

from .desk_fixtures import *  # noqa: F403 (fixtures)


def url(name, *args):
    return reverse(f"admin:outreach_comment_{name}", args=args)


def test_the_desk_lists_only_the_agencys_comments(client, writer, make_comment, other_agency):
    make_comment(writer.memberships.first().agency, author_name="Warga Kapuas")
    foreign = make_comment(other_agency, author_name="Warga Lain")
    client.force_login(writer)
    page = client.get(url("changelist"))
    assert page.status_code == 200
    assert "Warga Kapuas" in page.text and "Warga Lain" not in page.text
    assert client.get(url("change", foreign.pk)).status_code == 404
    assert client.get(url("reply", foreign.pk)).status_code == 404
    assert client.post(url("step", foreign.pk, "tutup")).status_code == 404


def test_a_writer_logs_a_comment_by_hand(client, writer, agency):
    client.force_login(writer)
    response = client.post(url("add"), {
        "agency": agency.pk, "platform": "instagram", "kind": "comment",
        "author_name": "Rahmat", "author_handle": "@rahmat", "posted_at": "2026-11-28T14:30",
        "text": "Kapan pelatihan berikutnya?", "post_url": "",
        "category": "question", "sentiment": "neutral", "assigned_to": writer.pk,
    })  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    comment = Comment.objects.get()
    assert comment.created_by == writer and comment.status == Comment.Status.IN_PROGRESS


def test_a_writer_answers_from_a_template_and_sees_the_response_time(
    client, writer, agency, make_comment, template
):
    now = timezone.now()
    comment = make_comment(agency, posted_at=now - timedelta(days=3))
    client.force_login(writer)
    page = client.get(url("reply", comment.pk), {"templat": template.pk})
    assert "Halo Rahmat Hidayat, terima kasih atas pertanyaannya." in page.text
    response = client.post(url("reply", comment.pk), {"text": "Halo Rahmat, besok ya."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.ANSWERED and comment.response_minutes is not None
    page = client.get(url("change", comment.pk))
    assert "Waktu tanggap" in page.text and "jam kerja" in page.text


def test_an_empty_reply_is_refused_and_nothing_changes(client, writer, agency, make_comment):
    comment = make_comment(agency)
    client.force_login(writer)
    page = client.post(url("reply", comment.pk), {"text": "", "answered_at": "kemarin"})
    assert page.status_code == 200 and "errorlist" in page.text
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.NEW


def test_a_writer_is_told_that_ppid_staff_register_requests(client, writer, agency, make_comment):
    comment = make_comment(agency)
    client.force_login(writer)
    page = client.get(url("ppid", comment.pk))
    assert page.status_code == 200 and "petugas PPID" in page.text.lower() or "PPID" in page.text
    assert '<form method="post" novalidate>' not in page.text


def test_ppid_staff_turn_a_question_into_a_request(client, ppid_officer, agency, make_comment):
    comment = make_comment(agency)
    client.force_login(ppid_officer)
    page = client.get(url("ppid", comment.pk))
    assert "Kapan bantuan benih ikan dibagikan di Kapuas?" in page.text
    response = client.post(url("ppid", comment.pk), {
        "applicant_type": "perorangan", "name": "Rahmat Hidayat", "nik": "6271014507900001",
        "address": "Palangka Raya", "phone": "0812345678", "email": "r@example.id",
        "information_requested": "Jadwal penyaluran benih", "purpose": "Mengetahui jadwal",
        "obtain_method": "softcopy", "delivery_method": "email",
        "consent": "Setuju lewat DM Instagram", "consent_given": "on",
    })  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    comment.refresh_from_db()
    assert comment.information_request is not None


def test_the_import_page_reports_bad_rows_and_offers_them_back(client, writer, agency):
    client.force_login(writer)
    upload = SimpleUploadedFile(
        "komentar.csv",
        b"platform,nama,waktu,teks\ninstagram,Andi,2026-11-28 08:00,Halo\n"
        b"instagram,Budi,besok,Hai\n",
        content_type="text/csv",
    )
    page = client.post(url("import"), {"agency": agency.pk, "file": upload})
    assert page.status_code == 200
    assert Comment.objects.filter(agency=agency).count() == 1
    assert "Baris 3" in page.text and "besok" in page.text
    rows = page.context["result"].rejected_csv()
    download = client.post(url("rejected"), {"rows": rows})
    assert download["Content-Type"].startswith("text/csv")
    assert b"Budi,besok,Hai" in download.content


def test_the_figures_page_counts_the_agencys_week(
    client, writer, agency, make_comment, other_agency
):
    now = timezone.now()
    make_comment(agency, posted_at=now, category="complaint", sentiment="negative")
    make_comment(other_agency, posted_at=now, category="complaint", sentiment="negative")
    client.force_login(writer)
    page = client.get(url("figures"))
    assert page.status_code == 200
    this_week = page.context["weeks"][0]
    assert this_week.total == 1 and this_week.by_category == {"complaint": 1}
    assert "Median waktu tanggap" in page.text


def test_writers_read_templates_and_supervisors_write_them(client, writer, supervisor, agency):
    template = ReplyTemplate.objects.create(agency=agency, title="Salam", body="Halo {nama}")
    change = reverse("admin:outreach_replytemplate_change", args=[template.pk])
    add = reverse("admin:outreach_replytemplate_add")
    client.force_login(writer)
    assert client.get(change).status_code == 200
    assert client.get(add).status_code == 403
    client.force_login(supervisor)
    response = client.post(add, {"agency": agency.pk, "title": "Baru", "body": "Halo {name}",
                                 "is_active": "on", "category": ""})  # fmt: skip
    assert response.status_code == 200 and "{name}" in response.text
    response = client.post(add, {"agency": agency.pk, "title": "Baru", "body": "Halo {nama}",
                                 "is_active": "on", "category": ""})  # fmt: skip
    assert response.status_code == 302


def test_the_desk_list_costs_the_same_queries_for_5_and_50(client, writer, agency, make_comment):
    def queries(count):
        for n in range(Comment.objects.count(), count):
            make_comment(agency, author_name=f"Warga {n}", assigned_to=writer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("changelist")).status_code == 200
        return len(captured)

    client.force_login(writer)
    client.get(url("changelist"))
    assert queries(5) == queries(50)


def test_the_dashboard_shows_open_comments_and_the_way_to_the_calendar(
    client, writer, agency, make_comment, other_agency
):
    make_comment(agency)
    make_comment(other_agency)
    client.force_login(writer)
    page = client.get(reverse("admin:index"))
    assert "Meja Humas Digital" in page.text and "Komentar baru" in page.text
    assert reverse("outreach_calendar:page") in page.text
    panel = next(p for p in page.context["dashboard_panels"] if p.key == "outreach_desk")
    assert panel.stats[0].count == 1

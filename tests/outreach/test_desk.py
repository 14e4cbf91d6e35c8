"""The comment desk's rules: answering, response times, templates, LAPOR, PPID requests, roles."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from outreach import desk
from outreach.comments import Comment, ReplyTemplate
from ppid.models import InformationRequest

from .desk_fixtures import *  # noqa: F403 (fixtures)
from .desk_fixtures import wib

Status = Comment.Status


def test_the_first_reply_fixes_the_response_time_in_office_hours(agency, writer, make_comment):
    comment = make_comment(agency, posted_at=wib(14, 15))  # Friday 15.00 WIB
    comment = desk.reply(comment, actor=writer, text="Terima kasih.", at=wib(18, 9))
    assert comment.status == Status.ANSWERED
    # Friday's last hour, the weekend and Monday 17 August (a holiday) free, Tuesday's first hour.
    assert comment.response_minutes == 120
    assert comment.replied_by == writer and comment.assigned_to == writer
    corrected = desk.reply(comment, actor=writer, text="Terima kasih, Pak.", at=wib(19, 9))
    assert corrected.reply_text == "Terima kasih, Pak."
    assert corrected.response_minutes == 120  # the public waited until the first answer


def test_a_reply_needs_text_and_cannot_precede_the_comment(agency, writer, make_comment):
    comment = make_comment(agency)
    with pytest.raises(desk.DeskError, match="Tulis"):
        desk.reply(comment, actor=writer, text="  ")
    with pytest.raises(desk.DeskError):
        desk.reply(comment, actor=writer, text="Ya.", at=wib(9, 9))
    assert Comment.objects.get(pk=comment.pk).status == Status.NEW


def test_template_placeholders_are_filled_for_the_comment(agency, writer, make_comment, template):
    comment = make_comment(agency)
    text = desk.render_template(template, comment, actor=writer)
    assert text == "Halo Rahmat Hidayat, terima kasih atas pertanyaannya. Salam, Rina (Dislutkan)."


def test_a_template_with_an_unknown_placeholder_is_refused_with_a_message(agency):
    bad = ReplyTemplate(agency=agency, title="Salah", body="Halo {name} dan {nama")
    with pytest.raises(ValidationError):
        bad.full_clean()
    bad.body = "Halo {name}"
    with pytest.raises(ValidationError, match="name"):
        bad.full_clean()


def test_another_agencys_template_cannot_be_used(agency, other_agency, writer, make_comment):
    foreign = ReplyTemplate.objects.create(agency=other_agency, title="Lain", body="Halo {nama}")
    with pytest.raises(desk.DeskError):
        desk.render_template(foreign, make_comment(agency), actor=writer)


def test_only_the_agencys_desk_staff_may_act(agency, other_writer, agency_admin, make_comment):
    comment = make_comment(agency)
    for outsider in (other_writer, agency_admin):
        with pytest.raises(desk.DeskError):
            desk.reply(comment, actor=outsider, text="Halo")
        with pytest.raises(desk.DeskError):
            desk.take(comment, actor=outsider)


def test_only_the_agencys_people_can_be_assigned(agency, writer, other_writer, make_comment):
    comment = make_comment(agency)
    with pytest.raises(desk.DeskError):
        desk.assign(comment, actor=writer, assignee=other_writer)
    comment.assigned_to = other_writer
    with pytest.raises(ValidationError):
        comment.full_clean()
    comment = desk.assign(comment, actor=writer, assignee=writer)
    assert comment.status == Status.IN_PROGRESS


def test_close_and_reopen_keep_what_happened(agency, writer, make_comment):
    comment = desk.reply(make_comment(agency), actor=writer, text="Ya.", at=wib(10, 10))
    comment = desk.close(comment, actor=writer)
    with pytest.raises(desk.DeskError):
        desk.reply(comment, actor=writer, text="Lagi")
    assert desk.reopen(comment, actor=writer).status == Status.ANSWERED


def test_pointing_to_lapor_is_recorded_and_the_reply_names_it(agency, writer, make_comment):
    comment = make_comment(agency, category=Comment.Category.COMPLAINT)
    with pytest.raises(desk.DeskError, match="lapor.go.id"):
        desk.refer_to_lapor(comment, actor=writer, text="Silakan lapor.")
    suggestion = desk.lapor_reply(comment, actor=writer)
    assert "https://www.lapor.go.id" in suggestion and "Rahmat Hidayat" in suggestion
    comment = desk.refer_to_lapor(comment, actor=writer, text=suggestion, at=wib(10, 11))
    assert comment.lapor_referred_at is not None and comment.status == Status.ANSWERED


APPLICANT = {
    "applicant_type": "perorangan", "name": "Rahmat Hidayat", "nik": "6271014507900001",
    "legal_entity_decree": "", "address": "Jl. Tjilik Riwut km 5, Palangka Raya",
    "phone": "081234567890", "email": "rahmat@example.id",
    "information_requested": "Daftar penerima bantuan benih ikan 2026 di Kapuas",
    "purpose": "Mengetahui jadwal penyaluran", "obtain_method": "softcopy",
    "delivery_method": "email",
}  # fmt: skip


def test_a_question_becomes_a_ppid_request_only_with_consent_and_by_ppid_staff(
    agency, writer, ppid_officer, make_comment
):
    comment = make_comment(agency)
    with pytest.raises(desk.DeskError, match="PPID"):
        desk.convert_to_information_request(
            comment, actor=writer, data=APPLICANT, consent="Setuju lewat DM"
        )
    with pytest.raises(desk.DeskError, match="setuju|persetujuan|menyetujui"):
        desk.convert_to_information_request(comment, actor=ppid_officer, data=APPLICANT, consent="")
    assert not InformationRequest.objects.exists()
    req, code = desk.convert_to_information_request(
        comment, actor=ppid_officer, data=APPLICANT, consent="Setuju lewat DM Instagram"
    )
    comment.refresh_from_db()
    assert comment.information_request == req and code
    assert comment.ppid_consent == "Setuju lewat DM Instagram"
    assert req.registration_number.startswith("PPID/DISLUTKAN/")
    with pytest.raises(desk.DeskError, match=req.registration_number):
        desk.convert_to_information_request(
            comment, actor=ppid_officer, data=APPLICANT, consent="Setuju"
        )


def test_a_refused_ppid_request_leaves_the_comment_unchanged(agency, ppid_officer, make_comment):
    comment = make_comment(agency)
    with pytest.raises(desk.DeskError, match="NIK"):
        desk.convert_to_information_request(
            comment, actor=ppid_officer, data={**APPLICANT, "nik": "123"}, consent="Setuju"
        )
    comment.refresh_from_db()
    assert comment.information_request is None and comment.ppid_consent == ""


@pytest.mark.parametrize(
    ("role", "may"), [(Role.WRITER, True), (Role.PPID_OFFICER, True), (Role.AGENCY_ADMIN, False)]
)
def test_who_works_the_desk(agency, make_user, make_comment, role, may):
    person = make_user("orang", role, agency, first_name="Ani")
    comment = make_comment(agency)
    if may:
        assert desk.take(comment, actor=person).assigned_to == person
    else:
        with pytest.raises(desk.DeskError):
            desk.take(comment, actor=person)


def test_a_comment_points_only_to_the_agencys_own_planned_post(
    agency, other_agency, writer, other_writer, make_comment
):
    from django.utils import timezone

    from outreach.planning import Pillar
    from outreach.posts import PlannedPost

    def post(agency, author):
        pillar = Pillar.objects.create(agency=agency, name="Edukasi", target_share=30)
        return PlannedPost.objects.create(
            agency=agency, author=author, platform="instagram", caption="Panen udang",
            planned_at=timezone.now(), pillar=pillar,
        )  # fmt: skip

    comment = make_comment(agency, planned_post=post(other_agency, other_writer))
    with pytest.raises(ValidationError, match="instansi ini"):
        comment.full_clean()
    comment.planned_post = post(agency, writer)
    comment.full_clean()

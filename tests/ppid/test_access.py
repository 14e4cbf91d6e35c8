"""Who may see what: requests, uploads, notices and objections are personal data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from ppid import services
from ppid.models import DIPEntry
from tests.conftest import PASSWORD

from .conftest import PDF, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(make_request, ppid_officer):
    """A decided request with an upload, a notice and a pending objection."""
    upload = SimpleUploadedFile("ktp.pdf", PDF)
    req, code = make_request(uploads=[upload])
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    services.file_objection(req, grounds=["35d"], case_text="Tidak sesuai permintaan.")
    return req, code


def urls_of(req):
    return [
        reverse("ppid:status_detail", args=[req.pk]),
        reverse("ppid:attachment", args=[req.attachments.get().pk]),
        reverse("ppid:notice", args=[req.events.filter(notice_text__gt="").first().pk]),
    ]


def login(user):
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_anonymous_gets_404_for_every_personal_page(client, filed):
    req, _code = filed
    for url in urls_of(req):
        assert client.get(url).status_code == 404, url


def test_wrong_tracking_code_reveals_nothing(client, filed):
    req, code = filed
    wrong = "AAAAA-AAAAA" if code != "AAAAA-AAAAA" else "BBBBB-BBBBB"
    response = client.post(
        reverse("ppid:status"),
        sent(registration_number=req.registration_number, tracking_code=wrong),
    )
    assert response.status_code == 404
    assert req.name not in response.content.decode()
    # The same answer for a number that does not exist.
    other = client.post(
        reverse("ppid:status"),
        sent(registration_number="PPID/DISLUTKAN/2026/09999", tracking_code=wrong),
    )
    assert other.status_code == 404
    for url in urls_of(req):
        assert client.get(url).status_code == 404
    # An objection with a wrong code is refused too, and keeps what was typed.
    response = client.post(
        reverse("ppid:objection"),
        sent(
            registration_number=req.registration_number,
            tracking_code=wrong,
            grounds=["35c"],
            case_text="Kasus saya",
        ),
    )
    assert response.status_code == 404 and "Kasus saya" in response.content.decode()


def test_requester_with_the_code_sees_everything_of_their_request(client, filed):
    req, code = filed
    client.post(
        reverse("ppid:status"),
        sent(registration_number=req.registration_number, tracking_code=code),
    )
    for url in urls_of(req):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "role",
    [Role.WRITER, Role.SUPERVISOR, Role.AGENCY_ADMIN, "other_ppid_officer", "other_ppid_head"],
)
def test_staff_without_the_agencys_ppid_role_get_404(filed, make_user, agency, other_agency, role):
    req, _code = filed
    if role.startswith("other_"):
        user = make_user("luar", role.removeprefix("other_"), other_agency)
    else:
        user = make_user("bukan_ppid", role, agency)
    client = login(user)
    for url in urls_of(req):
        assert client.get(url).status_code == 404, url
    objection = req.objections.get()
    for url in [
        reverse("admin:ppid_informationrequest_change", args=[req.pk]),
        reverse("admin:ppid_informationrequest_action", args=[req.pk, "decide"]),
        reverse("admin:ppid_objection_change", args=[objection.pk]),
        reverse("admin:ppid_objection_decide", args=[objection.pk]),
    ]:
        assert client.get(url).status_code in (403, 404), url
    listing = client.get(reverse("admin:ppid_informationrequest_changelist"))
    assert req.registration_number not in listing.content.decode()


def test_agency_ppid_staff_see_requests_uploads_and_objections(filed, ppid_officer, ppid_head):
    req, _code = filed
    objection = req.objections.get()
    for user in (ppid_officer, ppid_head):
        client = login(user)
        for url in urls_of(req):
            assert client.get(url).status_code == 200, url
        assert (
            client.get(reverse("admin:ppid_objection_change", args=[objection.pk])).status_code
            == 200
        )


def test_other_agency_officer_cannot_act_through_the_service(filed, make_user, other_agency):
    req, _code = filed
    outsider = make_user("luar", Role.PPID_OFFICER, other_agency)
    with pytest.raises(services.PPIDError):
        services.attach_file(req, actor=outsider, uploaded=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(services.PPIDError):
        services.decide_objection(
            req.objections.get(), actor=outsider, decision="upheld", reasons="x"
        )


def test_uploads_live_outside_media_root(filed, settings):
    req, _code = filed
    path = req.attachments.get().file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "ktp" not in path  # the name is generated


def test_public_pages_show_no_personal_data(client, filed, agency):
    req, _code = filed
    DIPEntry.objects.create(
        agency=agency,
        title="Dokumen penyidikan",
        category="dikecualikan",
        summary="ISI RAHASIA",
        exemption_ground="17a",
        published=True,
    )
    DIPEntry.objects.create(
        agency=agency,
        title="Renstra",
        category="berkala",
        summary="Rencana lima tahun",
        published=True,
    )
    DIPEntry.objects.create(agency=agency, title="Draf", category="berkala", published=False)
    pages = [
        client.get(reverse("ppid:landing")),
        client.get(reverse("ppid:dip_list")),
        client.get(reverse("ppid:report", args=[req.year])),
        client.get(reverse("ppid:report_csv", args=[req.year])),
    ]
    for page in pages:
        assert page.status_code == 200
        body = page.content.decode()
        for secret in [req.name, req.nik, req.address, req.phone, req.email, "ISI RAHASIA"]:
            assert secret not in body
    dip = pages[1].content.decode()
    assert "Dokumen penyidikan" in dip and "Pasal 17(a)" in dip
    assert "Rencana lima tahun" in dip and "Draf" not in dip

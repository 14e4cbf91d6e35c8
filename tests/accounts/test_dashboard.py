"""The agency administrator's dashboard at /admin/ (issue 14, item 2): the agency's members and
who has not set up two-step verification, scoped to the agencies they administer."""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def stat(html: str, label: str) -> tuple[int, str]:
    found = re.search(
        r'<a class="dashboard-stat[^"]*" href="([^"]+)">\s*<span class="number">(\d+)</span>'
        r'<span class="label">' + re.escape(label),
        html,
    )
    assert found, label
    return int(found.group(2)), found.group(1).replace("&amp;", "&")


def test_agency_admin_sees_members_and_who_lacks_a_second_factor(
    client, agency_admin, writer, supervisor, make_user, other_agency
):
    TOTPDevice.objects.create(user=supervisor, name="HP", confirmed=True)
    TOTPDevice.objects.create(user=writer, name="belum selesai", confirmed=False)
    make_user("orang_lain", Role.WRITER, other_agency)

    html = dashboard(client, agency_admin)

    assert stat(html, "Anggota")[0] == 3  # the administrator, the writer, the supervisor
    count, url = stat(html, "Belum memakai verifikasi dua langkah")
    assert count == 2  # the writer (unconfirmed device) and the administrator
    section = html[html.index("Anggota yang belum memakai verifikasi dua langkah") :]
    assert "penulis" in section and "admininstansi" in section
    assert "penyunting" not in section.split("</section>")[0]
    assert "orang_lain" not in html

    listed = client.get(url)
    assert listed.status_code == 200
    names = set(re.findall(r'<th class="field-username"><a [^>]*>([^<]+)</a>', listed.text))
    assert names == {"penulis", "admininstansi"}


def test_the_menu_counts_members_without_a_second_factor(client, agency_admin, writer):
    client.force_login(agency_admin)
    page = client.get("/admin/accounts/membership/").content.decode()
    badge = re.search(r'class="menu-count menu-count-warning" href="([^"]+)"[^>]*>'
                      r'<span aria-hidden="true">(\d+)</span>', page)  # fmt: skip
    assert badge and badge.groups() == ("/admin/accounts/user/?verifikasi=belum", "2")


def test_people_without_an_admin_role_get_no_people_panel(client, writer, ppid_head):
    for user in (writer, ppid_head):
        assert 'id="panel-agency_admin"' not in dashboard(client, user)

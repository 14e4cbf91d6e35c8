"""An agency's identity on the portal: its full name, logo, address, phone, e-mail, service hours
and social accounts in the header and footer of its pages and of its own domain, with SP4N-LAPOR!
and the Komisi Informasi; the home page's services; full names in the admin."""

import pytest
from django.urls import reverse

from accounts.models import Agency


@pytest.fixture
def identity(agency):
    agency.name = "Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah"
    agency.address = "Jl. Jend. Sudirman No. 1\nPalangka Raya"
    agency.phone = "(0536) 3221234"
    agency.email = "ppid@dislutkan.kalteng.go.id"
    agency.service_hours = "Senin–Kamis 07.30–16.00 WIB\nJumat 07.30–16.30 WIB"
    agency.head_name = "Ir. Rahmat Hidayat, M.Si."
    agency.head_title = "Kepala Dinas"
    agency.instagram_url = "https://www.instagram.com/dislutkan.kalteng"
    agency.youtube_url = "https://www.youtube.com/@dislutkankalteng"
    agency.save()
    return agency


def footer_of(html):
    return html.split('<footer class="site-footer">', 1)[1]


def test_agency_page_footer_shows_its_identity_and_where_to_complain(client, identity):
    html = client.get(f"/instansi/{identity.slug}/").content.decode()
    footer = footer_of(html)
    assert "Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah" in footer
    assert "Jl. Jend. Sudirman No. 1<br>Palangka Raya" in footer
    assert 'href="tel:05363221234"' in footer
    assert 'href="mailto:ppid@dislutkan.kalteng.go.id"' in footer
    assert "Jumat 07.30–16.30 WIB" in footer and "Jam layanan" in footer
    instagram = "https://www.instagram.com/dislutkan.kalteng"
    assert f'href="{instagram}" rel="noopener me">Instagram' in footer
    assert ">Facebook<" not in footer  # no account, no link
    assert 'href="https://www.lapor.go.id"' in footer and "SP4N-LAPOR!" in footer
    assert 'href="https://komisiinformasi.go.id"' in footer
    assert "Kepala Dinas: <strong>Ir. Rahmat Hidayat, M.Si.</strong>" in html


def test_portal_pages_keep_the_portal_identity_with_the_complaint_links(client, identity):
    footer = footer_of(client.get("/berita/").content.decode())
    assert "Jl. Jend. Sudirman" not in footer
    assert "SP4N-LAPOR!" in footer and "Komisi Informasi" in footer


def test_on_its_own_domain_the_header_and_footer_are_the_agencys(client, identity, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "dislutkan.kalteng.go.id"]
    identity.domain = "dislutkan.kalteng.go.id"
    identity.save()
    html = client.get("/berita/", HTTP_HOST="dislutkan.kalteng.go.id").content.decode()
    header = html.split("</header>", 1)[0]
    assert "Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah" in header
    assert 'class="agency-bar"' not in html  # its own header already is the agency's
    assert "Jumat 07.30–16.30 WIB" in footer_of(html)


def test_home_offers_the_public_services(client, db):
    html = client.get("/").content.decode()
    services = html.split('id="shortcuts-title"', 1)[1].split("</section>", 1)[0]
    for path in ("/ppid/permohonan/", "/ppid/status/", "/ppid/informasi/"):
        assert f'href="{path}"' in services
    assert "Ajukan permohonan informasi" in services


def test_agency_admin_form_groups_the_identity_fields_in_indonesian(client, identity,
                                                                    agency_admin):  # fmt: skip
    client.force_login(agency_admin)
    html = client.get(reverse("admin:accounts_agency_change", args=[identity.pk])).content.decode()
    for heading in ("Identitas", "Kontak dan jam layanan", "Pimpinan instansi",
                    "Akun media sosial", "Domain sendiri dan jam kantor"):  # fmt: skip
        assert heading in html
    assert 'name="instagram_url"' in html and 'name="service_hours"' in html
    assert 'name="domain"' not in html  # the host name is for superusers


def test_agency_choices_show_full_names(db):
    agency = Agency.objects.create(name="Badan Pengembangan Sumber Daya Manusia",
                                   short_name="BPSDM", slug="bpsdm-x")  # fmt: skip
    assert str(agency) == "Badan Pengembangan Sumber Daya Manusia"

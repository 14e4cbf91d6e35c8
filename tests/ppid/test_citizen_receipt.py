"""What a citizen keeps and asks for (issue 13 item 9): a receipt to print with copy buttons for
the number and code, a tracking-code field that shows what is typed, and a way to ask for the
information in an accessible form, which the PPID officer is told about."""

import pytest
from django.urls import reverse

from ppid.models import InformationRequest
from tests.conftest import PASSWORD

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_the_receipt_can_be_copied_and_printed(client, agency):
    response = client.post(reverse("ppid:request"), form_data(agency), follow=True)
    html = response.content.decode()
    req = InformationRequest.objects.get()
    assert f'data-copy="{req.registration_number}"' in html
    assert html.count("data-copy=") == 2  # the number and the tracking code
    assert "data-print" in html and "Cetak tanda terima" in html
    assert "ppid/receipt" in html  # the script that shows the buttons (none inline)
    assert req.information_requested in html


def test_the_tracking_code_field_shows_what_is_typed(client):
    html = client.get(reverse("ppid:status")).content.decode()
    field = html[html.index('name="tracking_code"') - 200 : html.index('name="tracking_code"')]
    assert 'type="text"' in field
    assert 'type="password"' not in html


def test_an_accessible_format_can_be_asked_for_and_the_officer_is_told(
    client, agency, ppid_officer
):
    form = client.get(reverse("ppid:request")).content.decode()
    assert "Huruf Braille" in form and "Tidak perlu" in form
    client.post(reverse("ppid:request"), form_data(agency, accessible_format="braille"))
    req = InformationRequest.objects.get()
    assert req.accessible_format == "braille"
    assert "Huruf Braille" in req.events.get().notice_text
    client.logout()
    client.login(username=ppid_officer.username, password=PASSWORD)
    page = client.get(reverse("admin:ppid_informationrequest_change", args=[req.pk]))
    assert "format yang mudah diakses: Huruf Braille" in page.content.decode()

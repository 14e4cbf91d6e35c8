"""Journey 2: a citizen on a 360 px phone files an information request and tracks it; the PPID
officer decides it (outcome, preview of the written notice, send) and records the delivery; the
citizen objects, the PPID head answers, and the dispute taken to the Komisi Informasi is
recorded (issue 13's journey)."""

import re

import pytest
from django.utils import timezone

from accounts.models import Agency
from ppid.models import Dispute, InformationRequest, Objection

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}  # fmt: skip


@pytest.fixture(autouse=True)
def _robot_speed(settings):
    # Playwright fills a form far quicker than the 3 seconds a person needs at least
    # (PPID_FORM_MIN_SECONDS, ppid.botcheck; tests/ppid/test_abuse.py proves the minimum).
    settings.PPID_FORM_MIN_SECONDS = 0


WIDTH = PHONE["viewport"]["width"]
OVERFLOWING: list[str] = []


def fits_the_screen(page) -> bool:
    """Nothing wider than the phone (no sideways scrolling); collected, judged at the end."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        OVERFLOWING.append(f"{page.url} ({width}px)")
    return True


def track(person, number, code):
    person.page.context.clear_cookies()  # coming back later, on a fresh session
    person.goto("/ppid/status/")
    person.page.fill("#id_registration_number", number)
    person.page.fill("#id_tracking_code", code)
    person.page.locator("main form button[type=submit]").click()
    person.page.wait_for_url(re.compile(r"/ppid/status/\d+/$"))
    person.check("status")


def test_citizen_files_tracks_and_objects_on_a_phone(visitor):
    OVERFLOWING.clear()
    agency = Agency.objects.get(slug="dislutkan")
    citizen = visitor("citizen", **PHONE)
    page = citizen.page

    citizen.goto("/ppid/")
    assert fits_the_screen(page)
    citizen.goto("/ppid/permohonan/")
    assert fits_the_screen(page)
    page.select_option("#id_agency", str(agency.pk))
    page.check("input[name=applicant_type][value=perorangan]")
    page.fill("#id_name", "Sri Wahyuni")
    page.fill("#id_nik", "3371014507900001")
    page.fill("#id_address", "Jl. Kenanga No. 5, Palangka Raya")
    page.fill("#id_phone", "081234567890")
    page.fill("#id_email", "sri@example.id")
    page.fill("#id_information_requested", "Data produksi perikanan tangkap 2025 per kabupaten")
    page.fill("#id_purpose", "Penelitian skripsi")
    page.check("input[name=obtain_method][value=softcopy]")
    page.check("input[name=delivery_method][value=email]")
    citizen.shot("request-filled")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/ppid/permohonan/terkirim/")
    citizen.check("request-received")
    assert fits_the_screen(page)
    number, code = [t.strip() for t in page.locator(".ppid-number").all_inner_texts()][:2]
    assert re.fullmatch(r"PPID/DISLUTKAN/\d{4}/\d{5}", number), number
    req = InformationRequest.objects.get(registration_number=number)
    assert req.name == "Sri Wahyuni"

    track(citizen, number, code)
    assert number in page.inner_text("main")
    assert fits_the_screen(page)

    officer = visitor("officer")
    officer.login("petugas_ppid")
    officer.goto(f"/admin/ppid/informationrequest/{req.pk}/change/")
    officer.page.click(f"a[href$='/{req.pk}/aksi/decide/']")
    officer.page.wait_for_url(re.compile(r"/aksi/decide/$"))
    officer.check("decide-choose")
    # Step 1 chooses the outcome; step 2 shows only that outcome's fields (no script needed).
    officer.page.check("input[name=keputusan][value=partial]")
    officer.page.locator("#content-main input[type=submit]").click()
    officer.page.wait_for_url(re.compile(r"/aksi/decide/\?keputusan=partial$"))
    officer.check("decide-form")
    assert officer.page.locator("#id_holder_of_information").count() == 0
    officer.page.fill("#id_reasons", "Sebagian data tersedia dan dikirim melalui e-mail.")
    officer.page.fill("#id_withheld_information", "Data per nelayan: berisi data pribadi.")
    ground = officer.page.locator("#id_exemption_ground option").nth(1).get_attribute("value")
    officer.page.select_option("#id_exemption_ground", ground)
    officer.page.fill("#id_consequence_test", "Membuka data pribadi merugikan nelayan.")
    officer.page.click("input[name=_preview]")
    officer.page.wait_for_selector(".ppid-notice-preview")
    officer.check("decide-preview")
    assert "PRATINJAU" in officer.page.inner_text(".ppid-notice-preview")
    officer.page.click("input[name=_send]")
    officer.page.wait_for_url(re.compile(rf"/informationrequest/{req.pk}/change/$"))
    officer.check("decided")
    req.refresh_from_db()
    assert req.outcome == "partial"

    # The information reaches the requester: the officer records the delivery.
    officer.goto(f"/admin/ppid/informationrequest/{req.pk}/aksi/deliver/")
    officer.check("deliver-form")
    officer.page.fill("#id_delivered_on", timezone.localdate().isoformat())
    officer.page.select_option("#id_channel", "email")
    officer.page.locator("#content-main input[type=submit]").click()
    officer.page.wait_for_url(re.compile(rf"/informationrequest/{req.pk}/change/$"))
    req.refresh_from_db()
    assert req.delivered_on == timezone.localdate()

    track(citizen, number, code)
    assert "Dikabulkan sebagian" in page.inner_text("main")
    # Activated from the keyboard: should a page ever be wider than the phone, the
    # zoomed-out mobile viewport makes Playwright's tap land on the neighbouring text.
    page.focus("a[href*='/ppid/keberatan/?nomor=']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ppid/keberatan/**")
    citizen.check("objection-form")
    assert page.input_value("#id_registration_number") == number
    page.fill("#id_tracking_code", code)
    page.check("input[name=grounds][value='35a']")
    page.fill("#id_case_text", "Data agregat per kabupaten tidak memuat data pribadi.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ppid/status/\d+/$"))
    citizen.check("objection-filed")
    objection = Objection.objects.get(request=req)
    assert objection.registration_number in page.inner_text("main")
    assert fits_the_screen(page)

    # The PPID head (not the officer who decided) answers the objection.
    head = visitor("head")
    head.login("atasan_ppid")
    head.goto(f"/admin/ppid/objection/{objection.pk}/putuskan/")
    head.check("objection-answer")
    head.page.check("input[name=decision][value=upheld]")
    head.page.fill("#id_reasons", "Data per nelayan memuat data pribadi (Pasal 17 huruf h).")
    head.page.locator("#content-main input[type=submit]").click()
    head.page.wait_for_url(re.compile(rf"/objection/{objection.pk}/change/$"))
    objection.refresh_from_db()
    assert objection.decision == "upheld"

    # The requester sees the answer and until when the Komisi Informasi can be asked...
    track(citizen, number, code)
    assert "Komisi Informasi" in page.inner_text("main")
    citizen.check("objection-answered")
    # ... and takes it there: the officer records the dispute in the register.
    officer.goto(f"/admin/ppid/dispute/add/?objection={objection.pk}")
    officer.check("dispute-form")
    officer.page.fill("#id_filed_on", timezone.localdate().isoformat())
    officer.page.fill("#id_commission_number", "012/XII/KI-KALTENG-PS/2026")
    officer.page.select_option("#id_stage", "mediation")
    officer.page.click("input[name=_save]")
    officer.page.wait_for_url(re.compile(r"/admin/ppid/dispute/$"))
    assert Dispute.objects.get(objection=objection).commission_number.startswith("012/")
    # No page of the journey scrolls sideways on a 360 px phone.
    assert OVERFLOWING == []

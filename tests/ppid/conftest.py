"""PPID fixtures: a request factory that goes through the real service."""

import time

import pytest

from ppid import botcheck, services

VALID_NIK = "3371014507900001"


def applicant(**overrides):
    data = {
        "applicant_type": "perorangan",
        "name": "Sri Wahyuni",
        "nik": VALID_NIK,
        "legal_entity_decree": "",
        "address": "Jl. Kenanga No. 5, Palangka Raya",
        "phone": "081234567890",
        "email": "sri@example.id",
        "information_requested": "Data produksi perikanan tangkap 2025 per kabupaten",
        "purpose": "Penelitian skripsi",
        "obtain_method": "softcopy",
        "delivery_method": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_request(agency):
    def make(target=None, **kwargs):
        data = applicant(**kwargs.pop("data", {}))
        return services.register_request(agency=target or agency, data=data, **kwargs)

    return make


def sent(**fields):
    """What a browser sends from a public PPID form a person opened a few minutes ago: the
    fields, the empty honeypot and the stamp of when the form was shown (ppid.botcheck)."""
    return {"website": "", "started": botcheck.new_stamp(time.time() - 300), **fields}


def form_data(agency, **overrides):
    """What a person types into /ppid/permohonan/."""
    return sent(**{**applicant(), "agency": str(agency.pk), **overrides})


def jakarta(*args):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def travel():
    """Move the clock: travel(jakarta(2026, 3, 16, 9)) (time_machine, ticking)."""
    import time_machine

    travellers = []

    def go(moment):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    for traveller in travellers:
        traveller.stop()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


#: The columns Perki 1/2021 asks of every published DIP entry (ppid.services.dip), as typed.
DIP_COLUMNS = {
    "summary": "Dokumen perencanaan lima tahunan",
    "holding_unit": "Sekretariat",
    "person_responsible": "Kepala Sub Bagian Perencanaan",
    "made_when": "2025",
    "made_where": "Palangka Raya",
    "form": "both",
    "retention_period": "5 tahun",
}

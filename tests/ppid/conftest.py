"""PPID fixtures: a request factory that goes through the real service."""

import pytest

from ppid import services

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

"""Registration numbers: per agency and year, never duplicated, never skipped."""

import threading

import pytest
from django.db import connection, connections

from ppid import services
from ppid.models import InformationRequest

from .conftest import applicant, jakarta

pytestmark = pytest.mark.django_db


def test_numbers_count_per_agency_and_year(agency, other_agency, make_request, travel):
    travel(jakarta(2026, 12, 31, 23, 50))
    a1, _ = make_request()
    b1, _ = make_request(target=other_agency)
    a2, _ = make_request()
    travel(jakarta(2027, 1, 1, 0, 5))  # the year turns in Jakarta time
    a3, _ = make_request()
    assert [a1.registration_number, a2.registration_number, a3.registration_number] == [
        "PPID/DISLUTKAN/2026/00001",
        "PPID/DISLUTKAN/2026/00002",
        "PPID/DISLUTKAN/2027/00001",
    ]
    assert b1.registration_number == "PPID/BPSDM/2026/00001"


def test_a_failed_registration_gives_its_number_back(agency, make_request):
    make_request()
    with pytest.raises(services.PPIDError):
        make_request(data={"nik": "bukan-nik"})
    third, _ = make_request()
    assert third.registration_number.endswith("/00002")


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_never_collide_or_skip(agency):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    workers, per_worker = 8, 5
    errors = []
    barrier = threading.Barrier(workers)

    def submit():
        try:
            barrier.wait()
            for _ in range(per_worker):
                services.register_request(agency=agency, data=applicant())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(InformationRequest.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, workers * per_worker + 1))
    numbers = InformationRequest.objects.values_list("registration_number", flat=True)
    assert len(set(numbers)) == workers * per_worker

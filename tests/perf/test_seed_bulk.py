"""seed_bulk: realistic, consistent rows that the portal, search and the PPID register accept."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from newsroom.models import Article
from portal.search import search_articles
from ppid.models import InformationRequest, RegistrationCounter, RequestEvent
from ppid.services.requests import register_request


def seed(articles, requests):
    call_command("seed_bulk", articles=articles, requests=requests, batch=25,
                 stdout=io.StringIO())  # fmt: skip


@pytest.fixture
def seeded(db):
    seed(120, 80)


def test_articles_are_spread_over_agencies_categories_tags_and_years(seeded):
    assert Article.objects.count() == 120
    public = Article.objects.public()
    assert 100 <= public.count() < 120  # a few drafts, reviews, archived and scheduled ones
    assert public.values("agency").distinct().count() >= 10
    assert public.values("category").distinct().count() >= 5
    years = {a.publish_at.year for a in public.only("publish_at")}
    assert len(years) >= 3
    assert not Article.objects.annotate(n=Count("tags")).filter(n=0).exists()
    assert Article.objects.values("slug").distinct().count() == 120


def test_seeded_articles_are_found_by_search_and_shown(client, seeded):
    article = Article.objects.public().first()
    word = article.title.split()[-1]
    assert search_articles(word).filter(pk=article.pk).exists()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert article.title in page.content.decode()


def test_requests_continue_the_register_and_a_new_request_takes_the_next_number(seeded, agency):
    seed(0, 40)  # a second run adds to the same yearly registers
    assert InformationRequest.objects.count() == 120
    numbers = list(InformationRequest.objects.values_list("registration_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    for counter in RegistrationCounter.objects.filter(register="request"):
        sequences = InformationRequest.objects.filter(agency=counter.agency, year=counter.year)
        assert sorted(sequences.values_list("sequence", flat=True)) == list(
            range(1, counter.last_number + 1)
        )
    seeded_agency = InformationRequest.objects.order_by("-received_at").first().agency
    req, _code = register_request(
        agency=seeded_agency,
        data={"applicant_type": "perorangan", "name": "Rina", "nik": "3371010101010001",
              "address": "Jl. Merdeka 1", "phone": "0811111111", "email": "rina@example.id",
              "information_requested": "Data", "purpose": "Riset", "obtain_method": "softcopy",
              "delivery_method": "email"},
    )  # fmt: skip
    earlier = InformationRequest.objects.filter(agency=seeded_agency, year=req.year).exclude(
        pk=req.pk
    )
    assert req.sequence == earlier.count() + 1


def test_every_request_has_a_due_date_a_receipt_row_and_a_valid_decision(seeded):
    assert not InformationRequest.objects.filter(due_date__isnull=True).exists()
    assert RequestEvent.objects.filter(action="ppid.request.received").count() == 80
    for req in InformationRequest.objects.filter(status="decided"):
        assert req.decided_at and req.outcome
        if req.outcome in ("partial", "exempt"):
            assert req.exemption_ground and req.consequence_test
        if req.outcome == "not_documented":
            assert req.documented_by

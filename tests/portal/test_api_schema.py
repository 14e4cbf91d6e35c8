"""The API's OpenAPI schema at /api/v1/schema/: valid OpenAPI 3, every resource described, and no
field that could carry a person's data."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

#: Words that name personal data or the people behind the content (requesters, authors, editors).
PERSONAL = re.compile(
    r"e_?mail|phone|telp|nik|username|user|author|editor|writer|requester|applicant|objector|"
    r"birth|ktp|ip_?address|password|token|tracking|registration_number|full_name",
    re.IGNORECASE,
)
#: The exceptions: an agency's office contacts, as its site's footer shows them (no person's), and
#: the yearly count of requests by type of applicant (individuals, legal entities...).
NOT_PERSONAL = {
    ("Agency", "email"),
    ("Agency", "phone"),
    ("Agency", "address"),
    ("AnnualReport", "by_applicant_type"),
}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)
    # In the visitor's language, like every page (Indonesian by default).
    assert "tidak pernah memuat data pribadi" in schema["info"]["description"]


def test_the_schema_describes_every_resource_and_only_get(schema):
    paths = schema["paths"]
    resources = ["articles", "pages", "announcements", "events", "documents", "galleries",
                 "agencies", "ppid/dip", "ppid/reports"]  # fmt: skip
    for resource in resources:
        assert f"/api/v1/{resource}/" in paths, resource
    assert "/api/v1/ppid/reports/{year}/" in paths
    assert {method for path in paths.values() for method in path} == {"get"}
    parameters = {p["name"] for p in paths["/api/v1/articles/"]["get"]["parameters"]}
    assert parameters == {"agency", "category", "featured", "since", "until", "cursor", "limit"}


def _properties(node, component, found):
    """Every (component, property) pair anywhere under ``node``."""
    if isinstance(node, dict):
        for name in node.get("properties", {}):
            found.add((component, name))
        for value in node.values():
            _properties(value, component, found)
    elif isinstance(node, list):
        for value in node:
            _properties(value, component, found)
    return found


def test_no_field_names_personal_data(schema):
    found = set()
    for component, body in schema["components"]["schemas"].items():
        _properties(body, component, found)
    assert ("Article", "title") in found  # the walk sees the fields
    personal = {pair for pair in found if PERSONAL.search(pair[1])} - NOT_PERSONAL
    assert personal == set()


def test_the_api_root_lists_the_resources(client):
    root = client.get("/api/v1/").json()
    assert root["articles"] == "http://testserver/api/v1/articles/"
    assert set(root) >= {"articles", "pages", "agencies", "ppid/dip", "ppid/reports"}

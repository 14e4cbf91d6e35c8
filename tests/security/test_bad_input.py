"""Malformed ids and out-of-range filters in the staff admin: a 404, or the changelist's usual
"?e=1" redirect, never a 500 (security issue #11, item 4).

The sweeps walk the admin site's registry, so a custom admin view, a list filter or a date
hierarchy added later is covered without anyone listing it here.
"""

import re

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern

from newsroom import editing
from newsroom.models import Article

BAD_IDS = ["abc", "1.5", "99999999999999999999", "-1"]
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def admin_routes():
    """(URL prefix, route, model) of every admin URL pattern that takes a parameter: the custom
    views of each registered ModelAdmin, Django's own object views, and the site's."""
    routes = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for pattern in model_admin.get_urls():
            routes.append((prefix, pattern, model))
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLPattern):
            routes.append(("/admin/", pattern, None))
    return [
        (prefix, str(pattern.pattern), model)
        for prefix, pattern, model in routes
        if PARAMETER.search(str(pattern.pattern))
    ]


ROUTES = admin_routes()
# django-otp's TOTP device config/qrcode pages would look a device up with .get() (a 500 when it
# is missing) and show its secret: OTP_ADMIN_HIDE_SENSITIVE_DATA (humas.settings) makes them 403.
ROUTE_PARAMS = [
    pytest.param(prefix, route, model, id=prefix + route) for prefix, route, model in ROUTES
]


def fill(route: str, values: dict) -> str:
    """``route`` with each parameter replaced: ``values`` by name, else a value its converter
    accepts (the view is then reached and looks the object up)."""

    def value(match):
        if match["name"] in values:
            return values[match["name"]]
        return "1" if match["converter"] == "int" else "x"

    return PARAMETER.sub(value, route)


@pytest.fixture
def staff_client(superuser):
    # A crash is a 500 response here, so a sweep names the URL that crashed.
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


def assert_not_a_crash(response, url):
    assert response.status_code < 500, f"{url} answered {response.status_code}"


def test_the_sweep_sees_the_custom_admin_views():
    routes = {route for _, route, _ in ROUTES}
    assert "<path:object_id>/preview/" in routes
    assert "<path:object_id>/revisions/<int:number>/restore/" in routes
    assert "<path:object_id>/aksi/<slug:action>/" in routes
    assert "<path:object_id>/putuskan/" in routes


@pytest.mark.parametrize("bad_id", BAD_IDS)
@pytest.mark.parametrize("prefix,route,model", ROUTE_PARAMS)
def test_every_admin_url_answers_a_bad_id_without_a_crash(staff_client, prefix, route, model,
                                                          bad_id):  # fmt: skip
    values = dict.fromkeys(("object_id", "content_type_id"), bad_id)
    url = prefix + fill(route, values)
    assert_not_a_crash(staff_client.get(url), url)
    assert_not_a_crash(staff_client.post(url, {"comment": "x"}), url)


@pytest.mark.parametrize(
    "method,path",
    [("get", "abc/preview/"), ("get", "abc/compare/"), ("get", "1.5/preview/"),
     ("get", "99999999999999999999/preview/"), ("get", "-1/compare/"),
     ("post", "abc/workflow/approve/"), ("post", "1.5/workflow/approve/"),
     ("post", "abc/revisions/1/restore/"), ("post", "99999999999999999999/revisions/1/restore/")],
)  # fmt: skip
def test_article_views_answer_404_for_an_id_that_is_not_a_number(staff_client, method, path):
    response = getattr(staff_client, method)(f"/admin/newsroom/article/{path}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["informationrequest/abc/aksi/process/", "informationrequest/1.5/aksi/process/",
     "objection/abc/putuskan/", "objection/99999999999999999999/putuskan/"],
)  # fmt: skip
def test_ppid_admin_views_answer_404_for_a_bad_id(staff_client, path):
    assert staff_client.get(f"/admin/ppid/{path}").status_code == 404
    assert staff_client.post(f"/admin/ppid/{path}", {}).status_code == 404


# --- A real object, with out-of-range values in the URL's other parameters and the query ---------


@pytest.fixture
def article(agency, writer):
    article = editing.create(
        Article(agency=agency, title="Rapat", lead="Rapat.", body="<p>x</p>"), actor=writer
    )
    return article


@pytest.mark.parametrize("value", ["99999999999999999999", "0"])
def test_restoring_a_revision_number_out_of_range_is_refused_not_a_crash(staff_client, article,
                                                                         value):  # fmt: skip
    url = f"/admin/newsroom/article/{article.pk}/revisions/{value}/restore/"
    response = staff_client.post(url)
    assert response.status_code in (302, 404)


@pytest.mark.parametrize("bad", BAD_IDS + ["", "x" * 300])
def test_preview_and_compare_ignore_bad_revision_numbers(staff_client, article, bad):
    base = f"/admin/newsroom/article/{article.pk}/"
    assert staff_client.get(base + "preview/", {"revision": bad}).status_code in (200, 404)
    assert staff_client.get(base + "compare/", {"a": bad, "b": bad}).status_code == 200


# --- Changelists: list filters and date hierarchies with values out of range -------------------


CHANGELISTS = list(admin.site._registry.items())
HOSTILE_FILTER_VALUES = ["abc", "99999999999999999999", "99999999999"]


def changelist_url(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def query_parameters(model, model_admin, changelist):
    """What a changelist reads from its query string: its list filters' parameters, a lookup on
    each of the model's own fields (the admin allows those), the page, the sort, the search."""
    parameters = [p for spec in changelist.filter_specs for p in spec.expected_parameters()]
    for field in model._meta.concrete_fields:
        parameters.append(field.name)
        if field.get_internal_type() in ("DateField", "DateTimeField"):
            parameters += [f"{field.name}__year", f"{field.name}__gte"]
    return [*parameters, "p", "o", "q"]


@pytest.mark.parametrize(
    "model,model_admin", CHANGELISTS, ids=[m._meta.label for m, _ in CHANGELISTS]
)  # fmt: skip
def test_every_changelist_answers_hostile_query_values_without_a_crash(
    staff_client, superuser, model, model_admin
):
    request = RequestFactory().get(changelist_url(model))
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    url = changelist_url(model)
    crashed = [
        f"{parameter}={value}"
        for parameter in query_parameters(model, model_admin, changelist)
        for value in HOSTILE_FILTER_VALUES
        if staff_client.get(url, {parameter: value}).status_code >= 500
    ]
    assert crashed == [], url


DATE_HIERARCHIES = [(m, a) for m, a in CHANGELISTS if a.date_hierarchy]
HOSTILE_DATES = [
    {"year": "99999999999"}, {"year": "99999999999999999999"}, {"year": "10000"},
    {"year": "9999"}, {"year": "0"}, {"year": "1"}, {"year": "-1"}, {"year": "abc"},
    {"year": "2026", "month": "13"}, {"year": "2026", "month": "99999999999999999999"},
    {"year": "9999", "month": "12"}, {"year": "9999", "month": "12", "day": "31"},
    {"year": "1", "month": "1", "day": "1"}, {"year": "2026", "month": "2", "day": "30"},
    {"month": "99999999999999999999"}, {"day": "abc"},
]  # fmt: skip


def test_the_sweep_sees_the_date_hierarchies():
    assert {m._meta.label for m, _ in DATE_HIERARCHIES} >= {"newsroom.Article", "ppid.ClosureDay"}


@pytest.mark.parametrize("date", HOSTILE_DATES, ids=lambda d: "&".join(d.values()))
@pytest.mark.parametrize(
    "model,model_admin", DATE_HIERARCHIES, ids=[m._meta.label for m, _ in DATE_HIERARCHIES]
)  # fmt: skip
def test_a_date_hierarchy_out_of_range_is_ignored_or_redirected(staff_client, model, model_admin,
                                                                date):  # fmt: skip
    url = changelist_url(model)
    query = {f"{model_admin.date_hierarchy}__{part}": value for part, value in date.items()}
    response = staff_client.get(url, query)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert response["Location"] == f"{url}?e=1"
    assert staff_client.get(url, {**query, "e": "1"}).status_code < 500


def test_article_year_overflow_redirects_to_the_changelist(staff_client):
    response = staff_client.get("/admin/newsroom/article/", {"created_at__year": "99999999999"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/newsroom/article/?e=1"


@pytest.mark.parametrize(
    "model,model_admin", CHANGELISTS, ids=[m._meta.label for m, _ in CHANGELISTS]
)  # fmt: skip
def test_an_admin_action_on_a_tampered_id_selects_nothing_instead_of_crashing(
    staff_client, superuser, model, model_admin, article
):
    # The ids come back from the list's checkboxes; a tampered form may send anything.
    request = RequestFactory().get(changelist_url(model))
    request.user = superuser
    url = changelist_url(model)
    crashed = [
        f"{action}={bad}"
        for action in model_admin.get_actions(request)
        for bad in ["abc", "1.5", "99999999999999999999"]
        if staff_client.post(url, {"action": action, "index": "0", "_selected_action": bad})
        .status_code >= 500
    ]  # fmt: skip
    assert crashed == [], url

"""The staff lists of planned posts and the plan selectors cost the same at 5 and at 50 posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach import exports
from outreach.posts import PlannedPost

from .plan_fixtures import *  # noqa: F403 (fixtures)
from .plan_fixtures import wib


@pytest.fixture
def many_posts(agency, writer, pillars, objective, benih_article):
    def make(count):
        PlannedPost.objects.filter(agency=agency).delete()
        PlannedPost.objects.bulk_create(
            PlannedPost(agency=agency, author=writer, platform=["x", "facebook", "threads"][n % 3],
                        caption=f"Unggahan nomor {n}", planned_at=wib(1 + n % 28, 9),
                        pillar=pillars["Edukasi"], objective=objective, source=benih_article,
                        status="published", publish_at=wib(1, 8), title=f"Unggahan {n}")
            for n in range(count)
        )  # fmt: skip

    return make


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_the_post_list_costs_the_same_at_5_and_50(client, supervisor, many_posts):
    client.force_login(supervisor)
    url = reverse("admin:outreach_plannedpost_changelist")
    counts = []
    for size in (5, 50):
        many_posts(size)
        client.get(url)  # warm caches (content types, sessions)
        counts.append(queries(lambda: client.get(url)))
    assert counts[0] == counts[1]


def test_the_csv_export_costs_the_same_at_5_and_50(many_posts, agency):
    counts = []
    for size in (5, 50):
        many_posts(size)
        posts = (
            PlannedPost.objects.filter(agency=agency)
            .select_related("agency", "pillar", "objective", "key_message")
            .prefetch_related("source")
        )
        counts.append(queries(lambda posts=posts: exports.write_csv(posts)))
    assert counts[0] == counts[1]


def test_an_article_form_offers_to_plan_a_post_from_it(client, writer, draft_article, pillars):
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_article_change", args=[draft_article.pk]))
    text = page.content.decode()
    assert "0 unggahan direncanakan dari materi ini." in text
    assert "/admin/outreach/plannedpost/add/?source=" in text

"""Posts for several platforms at once from one item, each caption drafted for its platform."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from outreach import platforms
from outreach.posts import PlannedPost, plan_from_source

from .plan_fixtures import *  # noqa: F403 (fixtures)
from .plan_fixtures import wib


def test_one_draft_per_platform_each_fitting_its_limit(benih_article, writer, pillars, objective):
    posts = plan_from_source(benih_article, platforms_wanted=["x", "facebook", "threads"],
                             planned_at=wib(30, 9), pillar=pillars["Layanan Publik"],
                             objective=objective, actor=writer,
                             hashtags="#Dislutkan #Kalteng")  # fmt: skip
    assert [p.platform for p in posts] == ["x", "facebook", "threads"]
    for post in posts:
        assert post.status == "draft" and post.author == writer and post.source == benih_article
        assert post.revisions.count() == 1
        assert platforms.check_text(post.platform, post.full_text()) == {}
    assert posts[2].hashtags == "#Dislutkan"  # Threads takes one topic tag
    assert posts[0].caption != posts[1].caption  # each drafted for its own length


def test_nothing_is_made_when_one_platform_cannot_take_it(benih_article, writer, pillars):
    with pytest.raises(ValidationError) as refused:
        plan_from_source(benih_article, platforms_wanted=["facebook", "instagram"],
                         planned_at=wib(30, 9), pillar=pillars["Edukasi"],
                         actor=writer)  # fmt: skip
    assert "Instagram" in refused.value.messages[0] and "foto" in refused.value.messages[0]
    assert not PlannedPost.objects.exists()


def test_someone_of_another_agency_cannot_plan_from_it(benih_article, other_writer, pillars):
    with pytest.raises(ValidationError):
        plan_from_source(benih_article, platforms_wanted=["x"], planned_at=wib(30, 9),
                         pillar=pillars["Edukasi"], actor=other_writer)  # fmt: skip


def test_the_writer_plans_several_platforms_in_the_admin(client, writer, benih_article, pillars,
                                                         hashtag_set):  # fmt: skip
    client.force_login(writer)
    url = reverse("admin:outreach_plannedpost_plan_from")
    key = f"{ContentType.objects.get_for_model(benih_article).pk}:{benih_article.pk}"
    page = client.get(url, {"source": key}).content.decode()
    assert f'<option value="{key}" selected>' in page
    response = client.post(url, {"source_choice": key, "platforms_wanted": ["x", "linkedin"],
                                 "planned_at": "2026-11-30T09:00",
                                 "pillar": pillars["Edukasi"].pk,
                                 "hashtag_set": hashtag_set.pk}, follow=True)  # fmt: skip
    assert "2 rencana unggahan dibuat sebagai draf" in response.content.decode()
    assert set(PlannedPost.objects.values_list("platform", flat=True)) == {"x", "linkedin"}


def test_a_refusal_in_the_admin_is_a_message_and_keeps_the_choices(client, writer, benih_article,
                                                                   pillars):  # fmt: skip
    client.force_login(writer)
    url = reverse("admin:outreach_plannedpost_plan_from")
    key = f"{ContentType.objects.get_for_model(benih_article).pk}:{benih_article.pk}"
    response = client.post(url, {"source_choice": key, "platforms_wanted": ["instagram"],
                                 "planned_at": "2026-11-30T09:00",
                                 "pillar": pillars["Edukasi"].pk})  # fmt: skip
    assert response.status_code == 200
    assert "memerlukan foto" in response.content.decode()
    assert not PlannedPost.objects.exists()


def test_a_ppid_officer_cannot_plan_posts(client, ppid_officer):
    client.force_login(ppid_officer)
    assert client.get(reverse("admin:outreach_plannedpost_plan_from")).status_code == 403

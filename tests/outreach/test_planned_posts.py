"""Planned social posts: tracked links, the text as it goes online, review, posting, CSV."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom import workflow
from newsroom.workflow import WorkflowError
from outreach import exports
from outreach.posts import PlannedPost, compose, mark_posted
from outreach.utm import with_utm

from .plan_fixtures import *  # noqa: F403 (fixtures)
from .plan_fixtures import wib

S = PlannedPost.Status


def test_utm_tags_name_the_platform_social_and_the_campaign():
    url = with_utm("https://humas.kalteng.go.id/berita/benih/", platform="instagram",
                   campaign="edukasi")  # fmt: skip
    assert url == (
        "https://humas.kalteng.go.id/berita/benih/"
        "?utm_source=instagram&utm_medium=social&utm_campaign=edukasi"
    )


def test_utm_tags_replace_stale_ones_and_keep_other_parameters():
    url = with_utm("https://portal.go.id/agenda/?hal=2&utm_source=facebook#peta", platform="x",
                   campaign="")  # fmt: skip
    assert url == "https://portal.go.id/agenda/?hal=2&utm_source=x&utm_medium=social#peta"


def test_the_campaign_is_the_objective_else_the_pillar(make_post, objective, pillars):
    post = make_post(link="https://humas.kalteng.go.id/berita/benih/")
    assert "utm_campaign=layanan-publik" in post.tracked_link()
    post.objective = objective
    assert f"utm_campaign={objective.slug}" in post.tracked_link()


def test_a_post_from_an_article_links_to_it_and_uses_its_photo(make_post, benih_article):
    post = make_post(source=benih_article, platform="x")
    assert post.portal_link().endswith("/berita/dislutkan-salurkan-benih-ikan-katingan/")
    assert "utm_source=x" in post.full_text()
    assert post.media() is None  # the article has no photo, and neither has the post


def test_the_text_online_is_caption_link_then_hashtags():
    text = compose("Benih ikan untuk Katingan.\nBaca selengkapnya:", "#Dislutkan",
                   "https://portal.go.id/b/")  # fmt: skip
    assert text == (
        "Benih ikan untuk Katingan.\nBaca selengkapnya:\nhttps://portal.go.id/b/\n\n#Dislutkan"
    )


def test_tiktok_and_instagram_get_no_link_in_the_caption(make_post, benih_article):
    post = make_post(source=benih_article, platform="tiktok")
    assert "http" not in post.full_text()
    post.platform = "instagram"
    assert "http" not in post.full_text()


def test_an_instagram_post_needs_a_photo(make_post, benih_article):
    with pytest.raises(ValidationError) as refused:
        make_post(source=benih_article, platform="instagram")
    assert "memerlukan foto" in refused.value.message_dict["image"][0]


def test_a_post_over_x_limit_is_refused_with_the_count(make_post, agency, writer, pillars):
    post = PlannedPost(agency=agency, author=writer, platform="x", caption="Ikan " * 60,
                       planned_at=wib(30, 9), pillar=pillars["Edukasi"])  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        post.full_clean()
    assert "299 dari 280" in " ".join(refused.value.message_dict["caption"])


def test_the_link_counts_23_on_x_whatever_its_length(make_post, agency, writer, pillars):
    long_link = "https://humas.kalteng.go.id/berita/" + "sangat-panjang-" * 10
    post = PlannedPost(agency=agency, author=writer, platform="x", caption="a" * 256,
                       link=long_link, planned_at=wib(30, 9),
                       pillar=pillars["Edukasi"])  # fmt: skip
    post.full_clean()  # 256 + newline + 23 = 280
    post.caption = "a" * 257
    with pytest.raises(ValidationError):
        post.full_clean()


def test_a_pillar_of_another_agency_is_refused(agency, writer, other_pillar):
    post = PlannedPost(agency=agency, author=writer, platform="facebook", caption="Halo",
                       planned_at=wib(30, 9), pillar=other_pillar)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        post.full_clean()
    assert "pillar" in refused.value.message_dict


def test_another_agencys_article_cannot_be_the_source(agency, writer, pillars, other_agency,
                                                     other_writer, make_article):  # fmt: skip
    foreign = make_article(other_agency, other_writer)
    post = PlannedPost(agency=agency, author=writer, platform="facebook", caption="Halo",
                       planned_at=wib(30, 9), pillar=pillars["Edukasi"],
                       source=foreign)  # fmt: skip
    with pytest.raises(ValidationError):
        post.full_clean()


def test_hashtags_are_tidied(make_post):
    post = make_post(hashtags="dislutkan, #Kalteng #kalteng")
    assert post.hashtags == "#dislutkan #Kalteng"


# --- review and posting ---------------------------------------------------------------------


def test_a_writer_submits_and_a_supervisor_approves(make_post, writer, supervisor):
    post = make_post()
    workflow.submit(post, actor=writer)
    with pytest.raises(WorkflowError):
        workflow.approve(post, actor=writer)
    post = workflow.approve(post, actor=supervisor)
    assert post.status == S.PUBLISHED
    assert post.get_status_display() == "Disetujui"  # ready to post, not "published"
    assert post.events.filter(action="outreach.plannedpost.approved").exists()


def test_only_an_approved_post_is_marked_as_posted(make_post, writer, supervisor):
    post = make_post()
    with pytest.raises(WorkflowError, match="disetujui"):
        mark_posted(post, actor=writer, url="https://www.facebook.com/dislutkan/posts/1")
    workflow.submit(post, actor=writer)
    workflow.approve(post, actor=supervisor)
    post = mark_posted(post, actor=writer, url="https://www.facebook.com/dislutkan/posts/1",
                       posted_at=wib(28, 9, 5))  # fmt: skip
    assert post.is_posted and post.posted_by == writer
    assert post.get_status_display() == "Sudah diunggah"
    assert post.events.filter(action="outreach.plannedpost.posted").exists()


@pytest.mark.parametrize("url", ["", "facebook.com/x", "javascript:alert(1)"])
def test_marking_as_posted_needs_a_web_address(make_post, writer, supervisor, url):
    post = make_post()
    workflow.submit(post, actor=writer)
    workflow.approve(post, actor=supervisor)
    with pytest.raises(WorkflowError, match="https://"):
        mark_posted(post, actor=writer, url=url)


def test_someone_of_another_agency_cannot_mark_it(make_post, writer, supervisor, other_writer):
    post = make_post()
    workflow.submit(post, actor=writer)
    workflow.approve(post, actor=supervisor)
    with pytest.raises(WorkflowError):
        mark_posted(post, actor=other_writer, url="https://x.com/dislutkan/status/1")


# --- CSV for scheduling tools ----------------------------------------------------------------


def approved(post, writer, supervisor):
    workflow.submit(post, actor=writer)
    return workflow.approve(post, actor=supervisor)


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_export_lists_approved_posts_of_the_agency_only(
    client, make_post, writer, supervisor, other_agency, other_writer, other_supervisor
):
    approved(make_post(caption="Sudah disetujui", planned_at=wib(30, 9)), writer, supervisor)
    make_post(caption="Masih draf")
    client.force_login(supervisor)
    rows = read_csv(client.get(reverse("admin:outreach_plannedpost_export")))
    assert rows[0][0] == "Waktu rencana (WIB)"
    assert len(rows) == 2
    assert rows[1][0] == "2026-11-30 09:00"
    assert rows[1][3].startswith("Sudah disetujui")


def test_a_caption_that_looks_like_a_formula_stays_text(make_post, writer, supervisor):
    post = approved(make_post(caption='=HYPERLINK("http://jahat")'), writer, supervisor)
    text = exports.write_csv([post])
    assert "'=HYPERLINK" in text


def test_the_export_action_leaves_out_posts_not_approved(client, make_post, writer, supervisor):
    ok = approved(make_post(caption="Disetujui"), writer, supervisor)
    draft = make_post(caption="Draf")
    client.force_login(supervisor)
    data = {"action": "export_csv", "_selected_action": [ok.pk, draft.pk]}
    response = client.post(reverse("admin:outreach_plannedpost_changelist"), data)
    rows = read_csv(response)
    assert [row[3].split("\n")[0] for row in rows[1:]] == ["Disetujui"]

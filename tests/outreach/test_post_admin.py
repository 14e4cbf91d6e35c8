"""Planned posts through the staff admin: the form, its refusals, the helper, scoping, posting."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from newsroom import workflow
from outreach.posts import PlannedPost

from .plan_fixtures import *  # noqa: F403 (fixtures)

ADD = "admin:outreach_plannedpost_add"


def key(item):
    return f"{ContentType.objects.get_for_model(type(item)).pk}:{item.pk}"


def post_form(agency, pillar, **changes):
    data = {
        "agency": agency.pk, "platform": "x", "planned_at": "2026-11-30T09:00",
        "caption": "Benih ikan untuk Katingan.", "hashtags": "", "pillar": pillar.pk,
        "source_choice": "", "expected_version": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_writer_plans_a_post_from_an_article(client, writer, agency, pillars, benih_article,
                                               hashtag_set):  # fmt: skip
    client.force_login(writer)
    data = post_form(agency, pillars["Layanan Publik"], source_choice=key(benih_article),
                     hashtag_set=hashtag_set.pk, hashtags="#Katingan")  # fmt: skip
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    post = PlannedPost.objects.get()
    assert post.source == benih_article and post.author == writer and post.status == "draft"
    assert post.hashtags == "#Katingan #Dislutkan #KaltengBerkah #PerikananMaju"
    assert post.revisions.count() == 1


def test_a_caption_over_x_limit_is_refused_with_the_count_and_kept(client, writer, agency,
                                                                   pillars):  # fmt: skip
    client.force_login(writer)
    caption = "Dislutkan menyalurkan benih ikan. " * 9  # 305 characters
    response = client.post(reverse(ADD), post_form(agency, pillars["Edukasi"], caption=caption))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Keterangan untuk X (Twitter) 305 dari 280 karakter" in page
    assert "Dislutkan menyalurkan benih ikan. Dislutkan" in page  # the text is not lost
    assert not PlannedPost.objects.exists()


def test_an_empty_caption_with_a_source_is_drafted_on_the_server(client, writer, agency, pillars,
                                                                 benih_article):  # fmt: skip
    client.force_login(writer)
    data = post_form(agency, pillars["Edukasi"], caption="", source_choice=key(benih_article))
    response = client.post(reverse(ADD), data, follow=True)
    post = PlannedPost.objects.get()
    assert post.caption.startswith("Dislutkan Salurkan 250 Ribu Benih Ikan")
    assert "Keterangan dibuat otomatis dari sumber" in response.content.decode()


def test_the_caption_helper_answers_with_a_draft(client, writer, benih_article):
    client.force_login(writer)
    url = reverse("admin:outreach_plannedpost_draft_caption")
    response = client.get(url, {"source": key(benih_article), "platform": "facebook"})
    assert response.status_code == 200
    assert response.json()["caption"].startswith("Bantuan benih ikan nila dan patin")


def test_the_caption_helper_gives_a_clear_message_for_bad_input(client, writer, benih_article):
    client.force_login(writer)
    url = reverse("admin:outreach_plannedpost_draft_caption")
    assert client.get(url, {"source": "x:y", "platform": "x"}).status_code == 400
    response = client.get(url, {"source": key(benih_article), "platform": "myspace"})
    assert response.json()["error"] == "Pilih platform terlebih dahulu."


def test_the_helper_does_not_draft_from_another_agencys_article(
    client, writer, other_agency, other_writer, make_article
):
    foreign = make_article(other_agency, other_writer, title="Rahasia BPSDM")
    client.force_login(writer)
    url = reverse("admin:outreach_plannedpost_draft_caption")
    response = client.get(url, {"source": key(foreign), "platform": "facebook"})
    assert response.status_code == 400
    assert "Rahasia" not in response.content.decode()


def test_another_agencys_article_is_neither_offered_nor_accepted(
    client, writer, agency, pillars, other_agency, other_writer, make_article
):
    foreign = make_article(other_agency, other_writer, title="Berita BPSDM")
    client.force_login(writer)
    assert "Berita BPSDM" not in client.get(reverse(ADD)).content.decode()
    response = client.post(reverse(ADD), post_form(agency, pillars["Edukasi"],
                                                   source_choice=key(foreign)))  # fmt: skip
    assert response.status_code == 200
    assert not PlannedPost.objects.exists()


def test_another_agencys_post_is_not_found(client, other_writer, make_post):
    post = make_post()
    client.force_login(other_writer)
    url = reverse("admin:outreach_plannedpost_change", args=[post.pk])
    assert client.get(url).status_code == 404
    assert (
        post.caption
        not in client.get(reverse("admin:outreach_plannedpost_changelist")).content.decode()
    )


def test_approved_post_is_marked_as_posted_from_its_page(client, writer, supervisor, make_post):
    post = make_post()
    workflow.submit(post, actor=writer)
    workflow.approve(post, actor=supervisor)
    client.force_login(writer)
    page = client.get(reverse("admin:outreach_plannedpost_change", args=[post.pk]))
    assert "Tandai sudah diunggah" in page.content.decode()
    url = reverse("admin:outreach_plannedpost_posted", args=[post.pk])
    response = client.post(url, {"posted_url": "https://www.facebook.com/dislutkan/posts/9",
                                 "posted_at": "2026-11-28T09:05"}, follow=True)  # fmt: skip
    assert "Ditandai sudah diunggah." in response.content.decode()
    post.refresh_from_db()
    assert post.posted_url.endswith("/posts/9")


def test_a_bad_posting_time_is_a_message_not_an_error(client, writer, supervisor, make_post):
    post = make_post()
    workflow.submit(post, actor=writer)
    workflow.approve(post, actor=supervisor)
    client.force_login(writer)
    url = reverse("admin:outreach_plannedpost_posted", args=[post.pk])
    response = client.post(url, {"posted_url": "https://x.com/a/status/1", "posted_at": "kemarin"},
                           follow=True)  # fmt: skip
    assert "Isikan tanggal dan jam unggahan." in response.content.decode()


def test_in_review_the_post_reads_as_it_will_go_online(client, writer, supervisor, make_post,
                                                      benih_article):  # fmt: skip
    post = make_post(source=benih_article, platform="x", caption="Benih untuk Katingan.")
    workflow.submit(post, actor=writer)
    for person in (writer, supervisor):
        client.force_login(person)
        page = client.get(reverse("admin:outreach_plannedpost_change", args=[post.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert 'name="caption"' not in text
        assert "utm_source=x&amp;utm_medium=social" in text  # the whole text, link included
        assert "Berita: Dislutkan Salurkan 250 Ribu Benih Ikan" in text  # made from


@pytest.mark.parametrize("name", ["changelist", "add"])
def test_the_post_screens_open_for_a_writer(client, writer, pillars, name):
    client.force_login(writer)
    assert client.get(reverse(f"admin:outreach_plannedpost_{name}")).status_code == 200


def test_ppid_staff_without_a_newsroom_role_see_no_posts(client, ppid_officer, make_post):
    make_post()
    client.force_login(ppid_officer)
    assert client.get(reverse("admin:outreach_plannedpost_changelist")).status_code == 403

"""What staff and visitors read on the publishing screens (found walking them in a browser):
the change form, compare, review queue and the page preview."""

import re

import pytest
from django.urls import reverse

from newsroom import editing, workflow
from newsroom.models import Page

BOTH_KINDS = pytest.mark.parametrize("kind", ["article", "page"], indirect=True)


def _url(obj, view):
    return reverse(f"admin:newsroom_{obj._meta.model_name}_{view}", args=[obj.pk])


def _breadcrumbs(html):
    return re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)


@BOTH_KINDS
def test_a_fresh_draft_offers_no_empty_comparison(client, writer, draft):
    obj = draft()
    client.force_login(writer)
    html = client.get(_url(obj, "change")).content.decode()
    assert _url(obj, "preview") in html
    # Only one revision: "changes since the last approval" would compare #1 with itself.
    assert "Perubahan sejak persetujuan terakhir" not in html


@BOTH_KINDS
def test_comparing_the_only_revision_says_there_is_nothing_earlier(client, supervisor, draft):
    obj = draft()
    client.force_login(supervisor)
    html = client.get(_url(obj, "compare")).content.decode()
    assert "satu-satunya versi yang tersimpan" in html
    assert "tidak berubah" not in html and "dibandingkan dengan revisi #1" not in html


def test_review_queue_names_the_kind_and_what_is_submitted_in_separate_words(
    client, writer, supervisor, draft
):
    workflow.submit(draft(), actor=writer)
    client.force_login(supervisor)
    html = client.get(reverse("admin:newsroom_review_queue")).content.decode()
    head = re.search(r"<thead>.*?</thead>", html, re.S).group(0)
    assert head.count(">Jenis<") == 1 and "Diajukan sebagai" in head
    assert "Naskah baru" in html


def test_a_workflow_step_is_confirmed_in_plain_indonesian(client, writer, draft):
    obj = draft()
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_workflow", args=[obj.pk, "submit"]),
                           follow=True)  # fmt: skip
    assert "langkah “Ajukan untuk ditinjau” selesai" in response.content.decode()


def test_the_address_field_is_called_an_address(client, writer):
    client.force_login(writer)
    html = client.get(reverse("admin:newsroom_page_add")).content.decode()
    assert "Alamat (slug)" in html


def test_preview_names_an_unpublished_parent_and_the_public_page_does_not(
    client, writer, supervisor, agency
):
    profile = editing.create(Page(agency=agency, title="Profil Dinas"), actor=writer)
    vision = editing.create(Page(agency=agency, parent=profile, title="Visi"), actor=writer)
    client.force_login(supervisor)
    preview = client.get(reverse("admin:newsroom_page_preview", args=[vision.pk]))
    assert "Profil Dinas" in _breadcrumbs(preview.content.decode())
    # Public: a page is shown only under a published section, which its breadcrumbs then name.
    for page in (profile, vision):
        workflow.submit(page, actor=writer)
        workflow.approve(page, actor=supervisor)
    client.logout()
    public = client.get(vision.get_absolute_url())
    assert public.status_code == 200
    assert "Profil Dinas" in _breadcrumbs(public.content.decode())

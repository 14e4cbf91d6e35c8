"""The article admin and its workflow pages only ever show the staff member's own agencies."""

import pytest
from django.urls import reverse

from newsroom import workflow
from newsroom.models import Article

S = Article.Status


@pytest.fixture
def foreign(article_in, other_agency, other_writer):
    """An article of another agency, in review."""
    return article_in(S.IN_REVIEW, agency=other_agency, author=other_writer, title="Rahasia BPSDM")


def test_changelist_and_search_show_only_own_agency(client, draft, writer, foreign):
    own = draft(title="Berita Dislutkan")
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_article_changelist")).content.decode()
    assert own.title in page and foreign.title not in page
    search = client.get(reverse("admin:newsroom_article_changelist"), {"q": "Rahasia"})
    assert foreign.title not in search.content.decode()


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("admin:newsroom_article_change", [], "get"),
        ("admin:newsroom_article_preview", [], "get"),
        ("admin:newsroom_article_compare", [], "get"),
        ("admin:newsroom_article_workflow", ["approve"], "post"),
        ("admin:newsroom_article_restore", [1], "post"),
        ("admin:newsroom_article_history", [], "get"),
    ],
)
def test_another_agencys_article_answers_404(client, supervisor, foreign, name, args, method):
    client.force_login(supervisor)
    url = reverse(name, args=[foreign.pk, *args])
    response = getattr(client, method)(url, {"comment": "x"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == S.IN_REVIEW


def test_review_queue_lists_only_own_agencies_oldest_first(
    client, article_in, writer, supervisor, foreign, draft
):
    first = draft(title="Diajukan pertama")
    second = draft(title="Diajukan kedua")
    workflow.submit(first, actor=writer)
    workflow.submit(second, actor=writer)
    client.force_login(supervisor)
    page = client.get(reverse("admin:newsroom_review_queue")).content.decode()
    assert foreign.title not in page
    assert page.index("Diajukan pertama") < page.index("Diajukan kedua")


def test_review_queue_is_for_supervisors(client, writer):
    client.force_login(writer)
    assert client.get(reverse("admin:newsroom_review_queue")).status_code == 403


def test_ppid_staff_do_not_see_the_newsroom(client, ppid_officer, draft):
    article = draft()
    client.force_login(ppid_officer)
    assert client.get(reverse("admin:newsroom_article_changelist")).status_code == 403
    preview = reverse("admin:newsroom_article_preview", args=[article.pk])
    assert client.get(preview).status_code == 404


def test_agency_admin_sees_articles_read_only(client, agency_admin, draft):
    article = draft()
    client.force_login(agency_admin)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="title"' not in page.content
    client.post(url, {"title": "Diubah admin instansi", "expected_version": article.version})
    article.refresh_from_db()
    assert article.title != "Diubah admin instansi"


def test_add_form_offers_only_agencies_where_the_user_writes(client, writer, agency, other_agency):
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_article_add")).content.decode()
    assert f'value="{agency.pk}"' in page
    assert f'value="{other_agency.pk}"' not in page
    response = client.post(
        reverse("admin:newsroom_article_add"),
        {"agency": other_agency.pk, "title": "Menyusup", "lead": "x", "body": "<p>x</p>"},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not Article.objects.filter(title="Menyusup").exists()

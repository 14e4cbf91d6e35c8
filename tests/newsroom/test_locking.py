"""Optimistic locking: the second editor is refused, told who saved first, and keeps the text."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from newsroom import editing, workflow
from newsroom.models import Article

from .conftest import edit
from .test_workflow_admin import form_data

S = Article.Status


def _open_form(user, article):
    """A browser session of ``user`` with the article's change form open: (client, posted data)."""
    client = Client()
    client.force_login(user)
    page = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    version = re.search(r'name="expected_version" value="(\d+)"', page.content.decode())
    assert version, "the form carries the version it was opened at"
    article = editing.form_copy(Article.objects.get(pk=article.pk))
    return client, form_data(article, expected_version=version.group(1))


def test_second_editor_is_refused_and_keeps_their_text_in_the_form(draft, writer, supervisor):
    article = draft(body="<p>Versi awal.</p>")
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    writer_client, writer_data = _open_form(writer, article)
    supervisor_client, supervisor_data = _open_form(supervisor, article)

    saved = writer_client.post(url, {**writer_data, "body": "<p>Versi penulis.</p>"})
    assert saved.status_code == 302

    refused = supervisor_client.post(url, {**supervisor_data, "body": "<p>Versi penyunting.</p>"})
    assert refused.status_code == 200  # the form again, not a redirect and not a 500
    page = refused.content.decode()
    assert "Tidak disimpan" in page
    assert "Rina" in page  # who changed it
    assert "Versi penyunting." in page  # the refused text stays in the form
    article.refresh_from_db()
    assert article.body == "<p>Versi penulis.</p>"


def test_after_reloading_the_second_editor_can_save(draft, writer, supervisor):
    article = draft()
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    edit(article, writer, body="<p>Lebih dulu.</p>")
    client, data = _open_form(supervisor, article)
    assert client.post(url, {**data, "body": "<p>Sesudah dimuat ulang.</p>"}).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Sesudah dimuat ulang.</p>"


def test_stale_save_is_refused_by_the_domain_with_who_and_when(draft, writer, supervisor):
    article = draft()
    stale = Article.objects.get(pk=article.pk)
    edit(article, writer, title="Disimpan lebih dulu")
    stale.title = "Menimpa diam-diam"
    with pytest.raises(editing.EditConflict) as refused:
        editing.save(stale, actor=supervisor, expected_version=stale.version)
    assert "Rina" in refused.value.message
    article.refresh_from_db()
    assert article.title == "Disimpan lebih dulu"


def test_a_workflow_step_also_invalidates_an_open_form(draft, writer, supervisor):
    article = draft()
    client, data = _open_form(writer, article)
    workflow.submit(article, actor=writer)
    workflow.request_changes(article, actor=supervisor, comment="Perbaiki judul.")
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    refused = client.post(url, {**data, "title": "Dari formulir lama"})
    assert refused.status_code == 200
    assert "Budi" in refused.content.decode()


def test_two_corrections_of_a_live_article_do_not_overwrite_each_other(
    article_in, writer, supervisor
):
    article = article_in(S.PUBLISHED)
    writer_client, writer_data = _open_form(writer, article)
    supervisor_client, supervisor_data = _open_form(supervisor, article)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    assert writer_client.post(url, {**writer_data, "lead": "Koreksi penulis."}).status_code == 302
    refused = supervisor_client.post(url, {**supervisor_data, "lead": "Koreksi penyunting."})
    assert refused.status_code == 200
    assert workflow.pending_correction(article).data["lead"] == "Koreksi penulis."


def test_saving_a_form_opened_before_the_article_was_submitted_keeps_the_text(draft, writer):
    article = draft()
    client, data = _open_form(writer, article)
    workflow.submit(article, actor=writer)  # e.g. from another browser tab
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    refused = client.post(url, {**data, "lead": "Teks yang tidak boleh hilang."})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "sedang ditinjau" in page
    assert "Teks yang tidak boleh hilang." in page
    article.refresh_from_db()
    assert article.lead != "Teks yang tidak boleh hilang."

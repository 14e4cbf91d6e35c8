"""Autosave of odd typed text (issue 14, item 1): characters no database column can hold are
dropped, never a server error, and the rest of what was typed is kept."""

import json

import pytest
from django.urls import reverse

from newsroom.autosave import Autosave


def autosave_url(article):
    return reverse("admin:newsroom_article_autosave", args=[article.pk])


@pytest.mark.parametrize("odd", ["\u0000", "\ud800", "\udfff"])
def test_characters_no_database_can_keep_are_dropped_not_a_server_error(client, draft, writer, odd):
    # PostgreSQL's jsonb refuses a NUL and a lone surrogate half (a pasted broken emoji).
    article = draft()
    client.force_login(writer)
    payload = {"fields": {"lead": f"Nelayan{odd} panen 🐟", "tags": [f"1{odd}"]},
               "labels": {"tags": {f"1{odd}": f"Ikan{odd}"}}}  # fmt: skip
    response = client.post(autosave_url(article), json.dumps(payload), "application/json")
    assert response.status_code == 200
    kept = Autosave.objects.get(user=writer)
    assert kept.fields == {"lead": "Nelayan panen 🐟", "tags": ["1"]}
    assert kept.data["labels"] == {"tags": {"1": "Ikan"}}

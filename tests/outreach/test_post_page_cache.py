"""Planned social posts are publishable but never on the portal: approving one must not throw
away every cached public page (newsroom.publishing.Publishable.shown_on_site)."""

import pytest
from django.db import transaction

from newsroom import workflow
from newsroom.publishing import site_kinds
from outreach.posts import PlannedPost
from portal.cache import current_generation

from .plan_fixtures import *  # noqa: F403  (the planning fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def test_planned_posts_are_not_a_kind_of_the_public_site():
    assert PlannedPost not in site_kinds()


def test_approving_a_post_keeps_the_cached_pages(make_post, writer, supervisor):
    post = make_post()
    before = current_generation()[0]
    with transaction.atomic():
        workflow.submit(post, actor=writer)
    with transaction.atomic():
        workflow.approve(post, actor=supervisor)
    assert current_generation()[0] == before

"""A scheduled publication can be seen, brought forward, moved or called off (not only archived)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsroom import workflow
from newsroom.models import Article

S = Article.Status
SCHEDULE_STEPS = {"publish_now", "reschedule", "unschedule"}


@pytest.fixture
def scheduled(article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    return workflow.schedule(
        article, actor=supervisor, publish_at=timezone.now() + timedelta(days=2)
    )


def test_a_scheduled_article_offers_its_schedule_steps(scheduled, supervisor, writer):
    assert set(workflow.available_actions(scheduled, supervisor)) >= SCHEDULE_STEPS
    assert not SCHEDULE_STEPS & set(workflow.available_actions(scheduled, writer))


def test_a_live_article_does_not(article_in, supervisor):
    live = article_in(S.PUBLISHED)
    assert not SCHEDULE_STEPS & set(workflow.available_actions(live, supervisor))
    with pytest.raises(workflow.WorkflowError):
        workflow.perform("publish_now", live, actor=supervisor)


def test_publish_now_brings_it_out_at_once(scheduled, supervisor):
    workflow.perform("publish_now", scheduled, actor=supervisor)
    scheduled.refresh_from_db()
    assert scheduled.is_public
    assert scheduled.first_published_at == scheduled.publish_at <= timezone.now()
    assert scheduled.events.last().action == "newsroom.article.published_now"


def test_reschedule_moves_the_time_and_refuses_the_past(scheduled, supervisor):
    later = timezone.now() + timedelta(days=5)
    workflow.perform("reschedule", scheduled, actor=supervisor, publish_at=later)
    scheduled.refresh_from_db()
    assert scheduled.publish_at == later and not scheduled.is_public
    assert scheduled.first_published_at == later
    with pytest.raises(workflow.WorkflowError):
        workflow.perform("reschedule", scheduled, actor=supervisor,
                         publish_at=timezone.now() - timedelta(hours=1))  # fmt: skip


def test_unschedule_sends_it_back_to_review(scheduled, supervisor):
    workflow.perform("unschedule", scheduled, actor=supervisor)
    scheduled.refresh_from_db()
    assert scheduled.status == S.IN_REVIEW and scheduled.publish_at is None
    assert scheduled.first_published_at is None


def test_the_form_shows_the_schedule_and_its_steps(client, scheduled, supervisor):
    client.force_login(supervisor)
    html = client.get(reverse("admin:newsroom_article_change", args=[scheduled.pk])).content
    html = html.decode()
    assert "Terjadwal: tayang" in html
    assert 'value="publish_now"' in html and 'value="unschedule"' in html
    assert 'id="publish-at-reschedule"' in html
    response = client.post(
        reverse("admin:newsroom_article_workflow", args=[scheduled.pk, "reschedule"]),
        {"publish_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.is_scheduled


def test_the_timeline_names_the_scheduled_state_not_published_to_published(scheduled, supervisor):
    workflow.perform("reschedule", scheduled, actor=supervisor,
                     publish_at=timezone.now() + timedelta(days=3))  # fmt: skip
    workflow.perform("publish_now", scheduled, actor=supervisor)
    with translation.override("id"):
        steps = [(e.label, e.from_label, e.to_label) for e in scheduled.events.all()][-3:]
    assert steps == [
        ("Terjadwal", "Dalam peninjauan", "Terjadwal"),
        ("Jadwal diubah", "Terjadwal", "Terjadwal"),
        ("Diterbitkan sekarang (jadwal dimajukan)", "Terjadwal", "Terbit"),
    ]


@pytest.mark.parametrize("step", ["schedule", "reschedule"])
def test_a_time_years_ahead_is_refused_as_a_slip(article_in, supervisor, scheduled, step):
    obj = article_in(S.IN_REVIEW) if step == "schedule" else scheduled
    slip = timezone.now().replace(year=9999)
    with translation.override("id"), pytest.raises(workflow.WorkflowError, match="lima tahun"):
        workflow.perform(step, obj, actor=supervisor, publish_at=slip)
    obj.refresh_from_db()
    assert obj.publish_at != slip

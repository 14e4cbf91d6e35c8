"""The review workflow: who may do which step, in which state, and what each step records."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import Role
from newsroom import editing, workflow
from newsroom.models import Article, TimelineEvent
from newsroom.workflow import WorkflowError

from .conftest import edit

S = Article.Status

# Who may do each step on an article of their OWN agency. On another agency's article only the
# superuser may act. "edit" is saving the text (a draft, or a correction of a live article).
TABLE = """
action              writer  supervisor  ppid_officer  agency_admin  superuser  anonymous
edit                yes     yes         no            no            yes        no
submit              yes     yes         no            no            yes        no
approve             no      yes         no            no            yes        no
schedule            no      yes         no            no            yes        no
request_changes     no      yes         no            no            yes        no
archive             no      yes         no            no            yes        no
reopen              no      yes         no            no            yes        no
approve_correction  no      yes         no            no            yes        no
reject_correction   no      yes         no            no            yes        no
"""

# The state each action starts from, and where it leads.
START_AND_END = {
    "edit": (S.DRAFT, S.DRAFT),
    "submit": (S.DRAFT, S.IN_REVIEW),
    "approve": (S.IN_REVIEW, S.PUBLISHED),
    "schedule": (S.IN_REVIEW, S.PUBLISHED),
    "request_changes": (S.IN_REVIEW, S.CHANGES_REQUESTED),
    "archive": (S.PUBLISHED, S.ARCHIVED),
    "reopen": (S.ARCHIVED, S.DRAFT),
    "approve_correction": (S.PUBLISHED, S.PUBLISHED),
    "reject_correction": (S.PUBLISHED, S.PUBLISHED),
}


def _table_cases():
    header, *rows = [line.split() for line in TABLE.strip().splitlines()]
    roles = header[1:]
    for action, *answers in rows:
        for role, answer in zip(roles, answers, strict=True):
            for where in ("own", "other"):
                allowed = answer == "yes" and (where == "own" or role == "superuser")
                yield pytest.param(action, role, where, allowed, id=f"{action}-{role}-{where}")


def _do(action, article, actor):
    if action == "edit":
        copy = type(article).objects.get(pk=article.pk)
        copy.title = "Judul yang diubah"
        editing.save(copy, actor=actor, expected_version=copy.version)
    elif action == "schedule":
        later = timezone.now() + timezone.timedelta(days=1)
        workflow.schedule(article, actor=actor, publish_at=later)
    else:
        workflow.perform(action, article, actor=actor, comment="Catatan penyunting.")


@pytest.mark.parametrize("kind", ["article", "page"], indirect=True)
@pytest.mark.parametrize("action,role,where,allowed", list(_table_cases()))
def test_transition_table(
    action, role, where, allowed, request, article_in, other_agency, other_writer, writer
):
    actors = {
        "writer": "writer",
        "supervisor": "supervisor",
        "ppid_officer": "ppid_officer",
        "agency_admin": "agency_admin",
        "superuser": "superuser",
    }
    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(actors[role])
    start, end = START_AND_END[action]
    if where == "own":
        article = article_in(start)
        author = writer
    else:
        article = article_in(start, agency=other_agency, author=other_writer)
        author = other_writer
    if action in ("approve_correction", "reject_correction"):
        edit(article, author, title="Judul yang dikoreksi")
    events_before = article.events.all().count()

    if allowed:
        _do(action, article, actor)
        article.refresh_from_db()
        assert article.status == end
        assert article.events.all().count() == events_before + 1
    else:
        with pytest.raises(WorkflowError):
            _do(action, article, actor)
        article.refresh_from_db()
        assert article.status == start
        assert article.events.all().count() == events_before


@pytest.mark.parametrize(
    "action,state",
    [
        ("submit", S.IN_REVIEW),
        ("submit", S.PUBLISHED),
        ("approve", S.DRAFT),
        ("approve", S.CHANGES_REQUESTED),
        ("approve", S.PUBLISHED),
        ("request_changes", S.DRAFT),
        ("archive", S.IN_REVIEW),
        ("reopen", S.PUBLISHED),
        ("approve_correction", S.PUBLISHED),  # no correction waiting
    ],
)
def test_steps_are_refused_in_the_wrong_state(action, state, article_in, supervisor):
    article = article_in(state)
    with pytest.raises(WorkflowError) as refused:
        workflow.perform(action, article, actor=supervisor, comment="x")
    assert refused.value.message
    article.refresh_from_db()
    assert article.status == state


def test_transition_records_who_when_from_to_and_comment(article_in, supervisor):
    article = article_in(S.IN_REVIEW)
    workflow.request_changes(article, actor=supervisor, comment="Lengkapi data produksi.")
    event = article.events.all().last()
    assert event.action == "newsroom.article.changes_requested"
    assert event.actor == supervisor
    assert (event.from_status, event.to_status) == (S.IN_REVIEW, S.CHANGES_REQUESTED)
    assert event.comment == "Lengkapi data produksi."
    assert event.created_at <= timezone.now()


@pytest.mark.parametrize("action", ["request_changes", "archive", "reject_correction"])
def test_steps_that_need_a_comment_refuse_an_empty_one(action, article_in, supervisor, writer):
    start = S.IN_REVIEW if action == "request_changes" else S.PUBLISHED
    article = article_in(start)
    if action == "reject_correction":
        edit(article, writer, title="Koreksi")
    with pytest.raises(WorkflowError):
        workflow.perform(action, article, actor=supervisor, comment="   ")


def test_refusal_message_is_in_indonesian(article_in, writer):
    article = article_in(S.IN_REVIEW)
    with pytest.raises(WorkflowError) as refused:
        workflow.approve(article, actor=writer)
    assert "Anda tidak memiliki peran" in refused.value.message


def test_writer_cannot_edit_while_in_review(article_in, writer):
    article = article_in(S.IN_REVIEW)
    with pytest.raises(WorkflowError):
        edit(article, writer, title="Diam-diam diubah")
    article.refresh_from_db()
    assert article.title == "Panen raya udang vaname"


def test_writer_edits_and_resubmits_after_changes_requested(draft, writer, supervisor):
    article = draft()
    workflow.submit(article, actor=writer)
    workflow.request_changes(article, actor=supervisor, comment="Tambahkan sumber data.")
    edit(article, writer, body="<p>Menurut data DKP, panen naik 20%.</p>")
    workflow.submit(article, actor=writer)
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    assert "20%" in article.body


# --- four-eyes --------------------------------------------------------------------------------


def test_nobody_approves_their_own_article_by_default(draft, supervisor):
    article = draft(author=supervisor)
    workflow.submit(article, actor=supervisor)
    with pytest.raises(WorkflowError) as refused:
        workflow.approve(article, actor=supervisor)
    assert "empat mata" in refused.value.message
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_supervisor_who_rewrote_the_text_cannot_approve_it(draft, writer, supervisor):
    article = draft()
    edit(article, supervisor, body="<p>Ditulis ulang oleh penyunting.</p>")
    workflow.submit(article, actor=writer)
    with pytest.raises(WorkflowError):
        workflow.approve(article, actor=supervisor)


def test_another_supervisor_approves(draft, supervisor, second_supervisor):
    article = draft(author=supervisor)
    workflow.submit(article, actor=supervisor)
    workflow.approve(article, actor=second_supervisor)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert not TimelineEvent.objects.get(action="newsroom.article.approved").self_approved


def test_self_approval_when_the_agency_allows_it_is_recorded(draft, agency, supervisor):
    agency.allow_self_approval = True
    agency.save()
    article = draft(author=supervisor)
    workflow.submit(article, actor=supervisor)
    workflow.approve(article, actor=supervisor)
    article.refresh_from_db()
    assert article.is_public
    event = article.events.get(action="newsroom.article.approved")
    assert event.self_approved


def test_four_eyes_covers_corrections_too(article_in, supervisor):
    article = article_in(S.PUBLISHED)
    edit(article, supervisor, title="Dikoreksi sendiri")
    with pytest.raises(WorkflowError):
        workflow.approve_correction(article, actor=supervisor)


def test_membership_in_another_agency_gives_no_rights_here(article_in, make_user, other_agency):
    outsider = make_user("penyunting_luar", Role.SUPERVISOR, other_agency)
    article = article_in(S.IN_REVIEW)
    with pytest.raises(WorkflowError):
        workflow.approve(article, actor=outsider)


def test_available_actions_follow_role_and_state(article_in, writer, supervisor):
    article = article_in(S.IN_REVIEW)
    assert workflow.available_actions(article, writer) == []
    assert workflow.available_actions(article, supervisor) == [
        "approve",
        "schedule",
        "request_changes",
    ]

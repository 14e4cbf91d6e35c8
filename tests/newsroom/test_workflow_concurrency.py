"""Two supervisors pressing "Setujui & terbitkan" at the same moment (PostgreSQL row locks)."""

import threading
import time

import pytest
from django.db import connection, transaction

from newsroom import editing, workflow
from newsroom.models import Article


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_supervisors_approving_at_once_give_one_publication_and_one_refusal(
    on_postgres, agency, writer, supervisor, second_supervisor
):
    article = editing.create(
        Article(agency=agency, title="Rebutan setuju", lead="x", body="<p>x</p>"), actor=writer
    )
    workflow.submit(article, actor=writer)
    start = threading.Barrier(2)
    outcomes = []

    def approve_as(user):
        try:
            start.wait()
            with transaction.atomic():
                workflow.approve(article.pk, actor=user)
                # Hold the row lock a moment so the other approval really runs into it.
                time.sleep(0.3)
            outcomes.append("published")
        except workflow.WorkflowError as refused:
            outcomes.append(refused.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve_as, args=(u,)) for u in (supervisor, second_supervisor)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes, key=len)[0] == "published"
    assert outcomes.count("published") == 1
    assert len(outcomes) == 2
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    approvals = article.events.filter(action="newsroom.article.approved")
    assert approvals.count() == 1
    assert article.revisions.filter(kind="approved").count() == 1

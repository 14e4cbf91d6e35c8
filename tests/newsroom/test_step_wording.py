"""A step refused for the state an item is in names the state, not the kind: a page, an
announcement or an event is not an "artikel"."""

import pytest
from django.utils import translation

from newsroom import workflow


@pytest.mark.parametrize("kind", ["page"], indirect=True)
def test_a_refused_step_on_a_page_does_not_call_it_an_article(draft, supervisor, kind):
    page = draft(title="Profil Dinas", lead="")
    with translation.override("id"), pytest.raises(workflow.WorkflowError) as refused:
        workflow.perform("approve", page, actor=supervisor)
    assert refused.value.message == "Langkah ini tidak dapat dilakukan selama statusnya “Draf”."

"""The public satisfaction survey (SKM) and its index, as Permenpan RB 14/2017 computes it.

Each of the nine elements is rated 1-4; the weighted average of the elements' means (each
element weighs 1/9) is the NRR; the index (IKM) is NRR x 25 on a 25-100 scale, graded
A (88.31-100), B (76.61-88.30), C (65.00-76.60) or D (25.00-64.99).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import InformationRequest, SurveyResponse
from ..models.survey import ELEMENTS
from .base import PPIDError

FIELDS = [name for name, _label in ELEMENTS]
#: (lowest index of the grade, letter, what it means), best first.
GRADES = (
    (88.31, "A", gettext_lazy("Very good")),
    (76.61, "B", gettext_lazy("Good")),
    (65.00, "C", gettext_lazy("Less than good")),
    (25.00, "D", gettext_lazy("Not good")),
)


def survey_open(req: InformationRequest) -> bool:
    """May the requester answer the survey now: the request is closed and not yet rated."""
    return req.is_closed and not SurveyResponse.objects.filter(request=req).exists()


def answer_survey(req: InformationRequest, *, scores: dict, suggestion: str = "") -> SurveyResponse:
    if not req.is_closed:
        raise PPIDError(_("The survey opens once your request is closed."))
    if any(scores.get(name) not in (1, 2, 3, 4) for name in FIELDS):
        raise PPIDError(_("Rate every element from 1 to 4."))
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                request=req,
                agency_id=req.agency_id,
                suggestion=(suggestion or "").strip()[:2000],
                **{name: scores[name] for name in FIELDS},
            )
    except IntegrityError:
        raise PPIDError(_("You have already answered the survey for this request.")) from None


def satisfaction_index(responses) -> dict:
    """The index of a set of answers, in one query: count, each element's mean, NRR, IKM, grade."""
    figures = responses.aggregate(n=Count("pk"), **{name: Avg(name) for name in FIELDS})
    count = figures.pop("n")
    if not count:
        return {"count": 0, "elements": [], "nrr": None, "ikm": None, "grade": None, "meaning": ""}
    means = [(label, round(figures[name], 2)) for name, label in ELEMENTS]
    nrr = sum(figures[name] for name in FIELDS) / len(FIELDS)
    ikm = round(nrr * 25, 2)
    grade, meaning = next((g, m) for low, g, m in GRADES if ikm >= low)
    return {
        "count": count,
        "elements": means,
        "nrr": round(nrr, 3),
        "ikm": ikm,
        "grade": grade,
        "meaning": str(meaning),
    }

"""The public satisfaction survey (Survei Kepuasan Masyarakat, Permenpan RB 14/2017): after a
request is closed, its requester rates the nine elements of the service once."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The nine elements of Permenpan RB 14/2017, in its order: (field, label).
ELEMENTS = (
    ("requirements", _("Requirements")),
    ("procedure", _("Systems, mechanisms and procedures")),
    ("completion_time", _("Time to complete")),
    ("cost", _("Cost or fee")),
    ("product", _("What the service delivers")),
    ("competence", _("Competence of the staff")),
    ("conduct", _("Conduct of the staff")),
    ("complaints", _("Handling of complaints, suggestions and feedback")),
    ("facilities", _("Facilities and infrastructure")),
)
#: The answers' scale: 1 not good ... 4 very good.
SCALE = (
    (1, _("Not good")),
    (2, _("Less than good")),
    (3, _("Good")),
    (4, _("Very good")),
)


def _score(label):
    return models.PositiveSmallIntegerField(
        label, choices=SCALE, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SurveyResponse(models.Model):
    request = models.OneToOneField(
        "ppid.InformationRequest",
        on_delete=models.CASCADE,
        related_name="survey",
        verbose_name=_("request"),
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    requirements = _score(ELEMENTS[0][1])
    procedure = _score(ELEMENTS[1][1])
    completion_time = _score(ELEMENTS[2][1])
    cost = _score(ELEMENTS[3][1])
    product = _score(ELEMENTS[4][1])
    competence = _score(ELEMENTS[5][1])
    conduct = _score(ELEMENTS[6][1])
    complaints = _score(ELEMENTS[7][1])
    facilities = _score(ELEMENTS[8][1])
    suggestion = models.TextField(_("suggestion"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction survey answer")
        verbose_name_plural = _("satisfaction survey answers")
        ordering = ["-answered_at"]

    def __str__(self) -> str:
        return str(self.request)

"""Content planning per agency: objectives, pillars and key messages, and the plan that ties any
publishable item to them.

The Digital PR training teaches a team to write down, for a period, what its content must achieve
(an *objective* with a measurable target), the themes its output is balanced across (*pillars*,
each with a target share of the mix) and the government's messages to carry (*key messages*: the
narasi tunggal of Inpres 9/2015 or the governor's). A planned social post carries them on its own
row (outreach.posts); every other publishable kind (articles, pages, announcements...) carries
them through one :class:`ContentPlan` row, so newsroom's tables stay unaware of outreach.
"""

from __future__ import annotations

import re
from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q, Sum
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class PeriodQuerySet(models.QuerySet):
    def current(self, on: date):
        """Rows whose period includes ``on`` (an open end means "until further notice")."""
        return self.filter(Q(period_end__isnull=True) | Q(period_end__gte=on), period_start__lte=on)


class Pillar(models.Model):
    """A theme the agency's output is balanced across (Edukasi, Layanan Publik, ...)."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="content_pillars",
        verbose_name=_("agency"),
    )
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("Used in campaign tags of links. Made from the name when left empty."),
    )
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f6f8b",
        validators=[RegexValidator(HEX_COLOUR, _("Enter a colour as #RRGGBB, e.g. #1f6f8b."))],
        help_text=_("Shown in the content calendar, e.g. #1f6f8b."),
    )
    target_share = models.PositiveSmallIntegerField(
        _("target share (%)"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_("The part of all output this pillar should take, in percent."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("A pillar no longer used stays on older items.")
    )

    class Meta:
        verbose_name = _("content pillar")
        verbose_name_plural = _("content pillars")
        ordering = ["agency", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="outreach_pillar_unique_slug"),
            models.UniqueConstraint(fields=["agency", "name"], name="outreach_pillar_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _free_slug(Pillar, self.agency_id, self.name, self.pk, "pilar")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.agency_id and self.is_active and self.target_share is not None:
            others = Pillar.objects.filter(agency_id=self.agency_id, is_active=True).exclude(
                pk=self.pk
            )
            total = (others.aggregate(total=Sum("target_share"))["total"] or 0) + self.target_share
            if total > 100:
                raise ValidationError(
                    {
                        "target_share": _(
                            "The target shares of the agency's pillars would add up to "
                            "%(total)s%%; together they may be at most 100%%."
                        )
                        % {"total": total}
                    }
                )


class Metric(models.TextChoices):
    """What an objective's target counts."""

    REACH = "reach", _("Reach (accounts)")
    ENGAGEMENT_RATE = "engagement_rate", _("Engagement rate (%)")
    INFORMATION_REQUESTS = "information_requests", _("Information requests")
    EVENT_SIGNUPS = "event_signups", _("Event sign-ups")


class Objective(models.Model):
    """What the agency's content must achieve in a period, for whom, with a measurable target."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="content_objectives",
        verbose_name=_("agency"),
    )
    title = models.CharField(_("objective"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("Used in campaign tags of links. Made from the objective when left empty."),
    )
    description = models.TextField(
        _("what to achieve"), blank=True, help_text=_("The change the content should bring.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=200,
        help_text=_("For whom, e.g. nelayan kecil di pesisir Kalimantan Tengah."),
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    metric = models.CharField(_("measured by"), max_length=24, choices=Metric.choices)
    target_value = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        help_text=_("The number to reach in the period (for a rate, in percent)."),
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("content objective")
        verbose_name_plural = _("content objectives")
        ordering = ["agency", "-period_start", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "slug"], name="outreach_objective_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = _free_slug(Objective, self.agency_id, self.title, self.pk, "tujuan")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.target_value is not None and self.target_value <= 0:
            raise ValidationError({"target_value": _("The target must be more than zero.")})
        if (
            self.metric == Metric.ENGAGEMENT_RATE
            and self.target_value is not None
            and self.target_value > 100
        ):
            raise ValidationError({"target_value": _("A rate is at most 100%.")})


class KeyMessage(models.Model):
    """A message the government asks every agency to carry for a period (narasi tunggal)."""

    class Source(models.TextChoices):
        NATIONAL = "national", _("Central government (narasi tunggal, Inpres 9/2015)")
        GOVERNOR = "governor", _("Governor")
        AGENCY = "agency", _("Head of the agency")

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="key_messages",
        verbose_name=_("agency"),
    )
    title = models.CharField(_("key message"), max_length=200)
    text = models.TextField(_("narrative"), blank=True)
    source = models.CharField(
        _("from"), max_length=10, choices=Source.choices, default=Source.NATIONAL
    )
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("The letter or guideline it comes from, e.g. its number and date."),
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")
        ordering = ["agency", "-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class ContentPlan(models.Model):
    """The pillar (and optionally the objective and key message) of one publishable item of any
    kind other than a planned post, which carries them itself."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="content_plans",
        verbose_name=_("agency"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("content pillar"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("content objective"),
    )
    key_message = models.ForeignKey(
        KeyMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("key message"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("content plan")
        verbose_name_plural = _("content plans")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="outreach_contentplan_one_per_item"
            )
        ]
        indexes = [models.Index(fields=["agency", "pillar"], name="contentplan_agency_pillar_idx")]

    def __str__(self) -> str:
        return f"{self.pillar} · {self.content_type.name} #{self.object_id}"

    def clean(self):
        super().clean()
        check_same_agency(
            self.agency_id,
            pillar=self.pillar if self.pillar_id else None,
            objective=self.objective,
            key_message=self.key_message,
        )


def check_same_agency(agency_id, **choices) -> None:
    """Refuse a pillar, objective or key message of another agency than the item's."""
    errors = {}
    for field, row in choices.items():
        if row is not None and agency_id is not None and row.agency_id != agency_id:
            errors[field] = _("Choose one of this agency's own.")
    if errors:
        raise ValidationError(errors)


def _free_slug(model, agency_id, text: str, exclude_pk, fallback: str) -> str:
    base = slugify(text)[:70] or fallback
    taken = set(
        model.objects.filter(agency_id=agency_id, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- services and selectors ------------------------------------------------------------------


def plan_for(item) -> ContentPlan | None:
    """The plan of one publishable item (None when none was chosen yet)."""
    if item is None or item.pk is None:
        return None
    content_type = ContentType.objects.get_for_model(type(item))
    return (
        ContentPlan.objects.filter(content_type=content_type, object_id=item.pk)
        .select_related("pillar", "objective", "key_message")
        .first()
    )


def plans_for(items) -> dict[tuple[int, int], ContentPlan]:
    """The plans of many items of any kinds, keyed by (content type id, object id): one query
    per call, whatever the number of items (for lists and the calendar)."""
    wanted = Q(pk__in=[])
    keys = {}
    for item in items:
        content_type = ContentType.objects.get_for_model(type(item))
        keys.setdefault(content_type.pk, set()).add(item.pk)
    for content_type_id, ids in keys.items():
        wanted |= Q(content_type_id=content_type_id, object_id__in=ids)
    if not keys:
        return {}
    rows = ContentPlan.objects.filter(wanted).select_related("pillar", "objective", "key_message")
    return {(row.content_type_id, row.object_id): row for row in rows}


def set_plan(item, *, pillar, objective=None, key_message=None) -> ContentPlan | None:
    """Record which pillar, objective and key message ``item`` serves (no pillar: no plan).

    The plan is the desk's own bookkeeping, never shown to the public: it changes at once, also
    for published items, without going through review.
    """
    check_same_agency(item.agency_id, pillar=pillar, objective=objective, key_message=key_message)
    content_type = ContentType.objects.get_for_model(type(item))
    with transaction.atomic():
        if pillar is None:
            ContentPlan.objects.filter(content_type=content_type, object_id=item.pk).delete()
            return None
        plan, _created = ContentPlan.objects.update_or_create(
            content_type=content_type,
            object_id=item.pk,
            defaults={
                "agency_id": item.agency_id,
                "pillar": pillar,
                "objective": objective,
                "key_message": key_message,
            },
        )
    return plan

"""The public-information list (Daftar Informasi Publik, UU 14/2008 Pasal 9-11 and 17)."""

from datetime import date
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .requests import ExemptionGround

#: Periodic information is published at least every six months (UU 14/2008 Pasal 9(3)).
PERIODIC_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (31 Aug -> 28/29 Feb)."""
    return day - relativedelta(months=months)


def exemption_ended_q(today: date) -> Q:
    """Exempt entries whose exemption period is over: to be reviewed and, as a rule, opened."""
    return Q(category=DIPEntry.Category.EXEMPT, exempt_until__lt=today)


def periodic_stale_q(today: date) -> Q:
    """Periodic entries not updated for six months or more."""
    return Q(category=DIPEntry.Category.PERIODIC, updated_at__date__lte=months_before(
        today, PERIODIC_MONTHS
    ))  # fmt: skip


class DIPQuerySet(models.QuerySet):
    def public(self):
        """What the public list shows: published entries (exempt ones without their content)."""
        return self.filter(published=True).select_related("agency")

    def needing_review(self, today: date | None = None):
        """Entries the PPID must look at again: ended exemptions and stale periodic entries."""
        today = today or timezone.localdate()
        return self.filter(exemption_ended_q(today) | periodic_stale_q(today))


class DIPEntry(models.Model):
    class Category(models.TextChoices):
        PERIODIC = "berkala", _("Periodic (berkala)")
        IMMEDIATE = "serta_merta", _("Immediate (serta-merta)")
        ANY_TIME = "setiap_saat", _("Available at any time (setiap saat)")
        EXEMPT = "dikecualikan", _("Exempt (dikecualikan)")

    class Form(models.TextChoices):
        SOFTCOPY = "softcopy", _("Softcopy")
        HARDCOPY = "hardcopy", _("Hardcopy")
        BOTH = "both", _("Softcopy and hardcopy")

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="dip_entries",
        verbose_name=_("agency"),
    )  # fmt: skip
    #: The entry's number in the agency's list (Perki 1/2021 lists are numbered), given once.
    number = models.PositiveIntegerField(_("number"), null=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    summary = models.TextField(_("summary"), blank=True)
    holding_unit = models.CharField(_("holding unit"), max_length=200, blank=True)
    person_responsible = models.CharField(_("person responsible"), max_length=200, blank=True)
    made_when = models.CharField(_("when made"), max_length=100, blank=True)
    made_where = models.CharField(_("where made"), max_length=200, blank=True)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, blank=True)
    retention_period = models.CharField(_("retention period"), max_length=100, blank=True)
    file = models.FileField(_("file"), upload_to="dip/%Y/", blank=True)
    link = models.URLField(_("link"), blank=True)
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("article"),
    )  # fmt: skip
    # Files of the download centre (newsroom.library.Document); only public ones are listed.
    documents = models.ManyToManyField(
        "newsroom.Document", blank=True, related_name="dip_entries",
        verbose_name=_("documents"),
    )  # fmt: skip
    # Exempt entries (Pasal 17, Perki 1/2021 Pasal 17-18): the classification is public, the
    # content is not, and the exemption lapses at its expiry.
    exemption_ground = models.CharField(
        _("exemption ground"), max_length=4, choices=ExemptionGround.choices, blank=True
    )
    classification_reason = models.TextField(_("consequence test (summary)"), blank=True)
    consequence = models.ForeignKey(
        "ppid.ConsequenceTest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dip_entries",
        verbose_name=_("consequence test"),
        help_text=_("The signed consequence test behind the exemption."),
    )
    exempt_until = models.DateField(_("exempt until"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = DIPQuerySet.as_manager()

    class Meta:
        verbose_name = _("public information entry (DIP)")
        verbose_name_plural = _("public information list (DIP)")
        ordering = ["agency__name", "category", "title"]

    def __str__(self) -> str:
        return self.title

    #: What Perki 1/2021 asks of every listed entry (beside its title and category).
    REQUIRED_WHEN_PUBLISHED = (
        "summary", "holding_unit", "person_responsible", "made_when", "made_where", "form",
        "retention_period",
    )  # fmt: skip
    #: What an exempt entry must state instead: its ground, the test, until when.
    REQUIRED_WHEN_EXEMPT = ("exemption_ground", "exempt_until")

    def get_absolute_url(self) -> str:
        """Where the public finds this entry: its agency's list, searched by its title."""
        query = urlencode({"instansi": self.agency.slug, "q": self.title})
        return f"{reverse('ppid:dip_list')}?{query}"

    @property
    def is_exempt(self) -> bool:
        return self.category == self.Category.EXEMPT

    def review_reason(self, today: date | None = None) -> str:
        """Why the PPID should review this entry now ("" when nothing is due)."""
        today = today or timezone.localdate()
        if self.is_exempt and self.exempt_until and self.exempt_until < today:
            return gettext("Exemption ended on %(date)s: review and open it") % {
                "date": formats.date_format(self.exempt_until, "j F Y")
            }
        stale_from = months_before(today, PERIODIC_MONTHS)
        updated_on = timezone.localdate(self.updated_at) if self.updated_at else None
        if self.category == self.Category.PERIODIC and updated_on and updated_on <= stale_from:
            return gettext("Not updated since %(date)s (periodic: at least every 6 months)") % {
                "date": formats.date_format(updated_on, "j F Y")
            }
        return ""


class DIPEvent(models.Model):
    """One change of the list: who added, changed, published, withdrew or deleted which entry.

    Written by ppid.services.dip in the saving transaction. The row outlives a deleted entry (the
    agency and the title are kept) so the list's history stays complete.
    """

    entry = models.ForeignKey(
        DIPEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    entry_title = models.CharField(_("title"), max_length=300)
    #: Namespaced action code, e.g. "ppid.dip.published".
    action = models.CharField(_("action"), max_length=60)
    summary = models.CharField(_("summary"), max_length=300)
    comment = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("DIP timeline entry")
        verbose_name_plural = _("DIP timeline")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.summary

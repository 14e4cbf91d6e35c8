"""Who acts, and for which agency: users, agencies and role memberships."""

import re
from datetime import time

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http.request import validate_host
from django.utils.translation import gettext_lazy as _

from humas.links import slug_url


def validate_letter_format(value: str) -> None:
    """A letter number format must fill in with the four names it may use, and only those."""
    try:
        value.format(nomor=7, kode="DINAS", bulan="XI", tahun=2026)
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            _(
                "Use only {nomor}, {kode}, {bulan} and {tahun}, "
                "e.g. {nomor:03d}/PPID-{kode}/{bulan}/{tahun}."
            )
        ) from None


class User(AbstractUser):
    """A staff member or administrator. Citizens need no account."""

    #: Civil servants sign letters with their NIP (Nomor Induk Pegawai, 18 digits).
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[RegexValidator(r"^\d{18}$", _("A NIP is 18 digits."))],
        help_text=_("Printed under the signature of written notices (PPID)."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class TimeZone(models.TextChoices):
    """Indonesia's three time zones."""

    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


#: A host name: labels of letters, digits and inner hyphens, joined by dots (no scheme or port).
HOST_NAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")


class Agency(models.Model):
    """A government agency (instansi) that publishes news and runs a PPID."""

    class ClockStart(models.TextChoices):
        RECEIPT = "receipt", _("When the request is received")
        COMPLETE = "complete", _("When the request file is complete")

    class PrepublishChecks(models.TextChoices):
        WARN = "warn", _("Warn, and ask the supervisor to confirm")
        BLOCK = "block", _("Block approval until every check passes")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, help_text=_("e.g. Dislutkan"))
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="agencies/", blank=True)
    # Identity shown in the public header and footer (issue 15).
    service_hours = models.TextField(
        _("service hours"), blank=True, help_text=_("e.g. Senin-Kamis 08.00-16.00 WIB")
    )
    head_name = models.CharField(_("head of agency"), max_length=200, blank=True)
    head_title = models.CharField(
        _("head's position"), max_length=200, blank=True, help_text=_("e.g. Kepala Dinas")
    )
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)
    #: The agency's own host name (for example dislutkan.kalteng.go.id): a request on it sees only
    #: this agency's site, its home at "/".
    domain = models.CharField(
        _("own domain"),
        max_length=253,
        blank=True,
        null=True,
        unique=True,
        help_text=_("Host name without https://, e.g. dislutkan.kalteng.go.id. Empty: none."),
    )
    # Office hours: the clock for response times (comment desk) in the agency's own time zone.
    time_zone = models.CharField(
        _("time zone"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB
    )
    office_opens = models.TimeField(_("office opens"), default=time(8, 0))
    office_closes = models.TimeField(_("office closes"), default=time(16, 0))
    allow_self_approval = models.BooleanField(
        _("allow self-approval"),
        default=False,
        help_text=_(
            "For very small teams only: a supervisor may approve their own article. "
            "Every use is recorded in the article's timeline."
        ),
    )
    prepublish_checks = models.CharField(
        _("pre-publication checklist"),
        max_length=10,
        choices=PrepublishChecks.choices,
        default=PrepublishChecks.WARN,
        help_text=_(
            "Photo with alt text, caption and credit; lead length; title length; links; "
            "placeholder text. What happens when a check fails at approval."
        ),
    )
    ppid_clock_start = models.CharField(
        _("PPID deadline starts"),
        max_length=10,
        choices=ClockStart.choices,
        default=ClockStart.RECEIPT,
    )
    #: Personal data (UU 27/2022): how long a requester's identity scans are kept after the
    #: request is closed; ``manage.py ppid_purge_identity_scans`` removes older ones.
    ppid_identity_retention_months = models.PositiveSmallIntegerField(
        _("keep identity scans for (months)"),
        default=24,
        help_text=_(
            "After a request is closed, its requester's ID scans and powers of attorney are "
            "removed after this many months (the request itself and its notices stay)."
        ),
    )
    # The PPID's letters (written notices): where they are signed and how they are numbered.
    ppid_letter_place = models.CharField(
        _("place on PPID letters"),
        max_length=100,
        blank=True,
        help_text=_("The city written before the date, e.g. Palangka Raya."),
    )
    ppid_letter_format = models.CharField(
        _("PPID letter number format"),
        max_length=100,
        default="{nomor:03d}/PPID-{kode}/{bulan}/{tahun}",
        validators=[validate_letter_format],
        help_text=_(
            "{nomor} the letter's sequence in the year, {kode} the agency's code, {bulan} the "
            "month in Roman numerals, {tahun} the year. E.g. 007/PPID-DISLUTKAN/XI/2026."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        # The full name wherever an agency is picked or listed: short names are insiders' words.
        return self.name or self.short_name

    def save(self, *args, **kwargs):
        # One spelling per host; no host is NULL, not "" (unique allows many NULLs, one "").
        self.domain = (self.domain or "").strip().lower().rstrip(".") or None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("portal:agency_detail", self.slug)

    def clean(self):
        super().clean()
        domain = (self.domain or "").strip().lower().rstrip(".")
        if not domain:
            return
        if not HOST_NAME.fullmatch(domain):
            raise ValidationError(
                {"domain": _("Write the host name only, e.g. dislutkan.kalteng.go.id.")}
            )
        # Django answers 400 on a host its ALLOWED_HOSTS does not name (DJANGO_ALLOWED_HOSTS; a
        # leading dot, ".kalteng.go.id", accepts every subdomain): such a domain would show
        # visitors an error page, so it is refused here with what the operator must add.
        if not validate_host(domain, settings.ALLOWED_HOSTS):
            raise ValidationError(
                {
                    "domain": _(
                        "This server does not answer for %(domain)s yet: ask the operator to add "
                        "it (or its parent domain with a leading dot) to DJANGO_ALLOWED_HOSTS."
                    )
                    % {"domain": domain}
                }
            )

    @property
    def initials(self) -> str:
        """Letters shown in place of a logo."""
        words = [w for w in (self.short_name or self.name).replace(".", " ").split() if w]
        return "".join(w[0] for w in words[:3]).upper()


class Role(models.TextChoices):
    WRITER = "writer", _("Writer")
    SUPERVISOR = "supervisor", _("Supervisor")
    PPID_OFFICER = "ppid_officer", _("PPID officer")
    PPID_HEAD = "ppid_head", _("PPID head")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")


class Membership(models.Model):
    """One role of one user in one agency. A user may hold several."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="unique_membership_role"
            )
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"

"""Information requests (permohonan informasi), their timeline, files and fees."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import private_storage

nik_validator = RegexValidator(
    r"^\d{16}$", _("The NIK is the 16-digit number on the e-KTP."), code="nik"
)


class ApplicantType(models.TextChoices):
    PERSON = "perorangan", _("Individual")
    GROUP = "kelompok", _("Group of people")
    LEGAL_ENTITY = "badan_hukum", _("Legal entity")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    WALK_IN = "walk_in", _("In person (walk-in)")
    PHONE = "phone", _("Telephone")
    LETTER = "letter", _("Letter")


class ObtainMethod(models.TextChoices):
    SEE = "melihat", _("See")
    READ = "membaca", _("Read")
    LISTEN = "mendengarkan", _("Listen")
    NOTE = "mencatat", _("Take notes")
    SOFTCOPY = "softcopy", _("Copy: softcopy")
    HARDCOPY = "hardcopy", _("Copy: hardcopy")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "langsung", _("Collect in person")
    COURIER = "kurir", _("Courier")
    POST = "pos", _("Post")
    EMAIL = "email", _("E-mail")


class AccessibleFormat(models.TextChoices):
    """A form a requester with a disability may ask for (UU 8/2016 on persons with
    disabilities, Pasal 24: access to information in accessible forms)."""

    BRAILLE = "braille", _("Braille")
    AUDIO = "audio", _("Audio recording")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy-to-read language")
    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter (when seeing or hearing it)")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    PARTIAL = "partial", _("Partially granted")
    EXEMPT = "exempt", _("Refused: exempt information")
    NOT_HELD = "not_held", _("Not held by this agency")
    NOT_DOCUMENTED = "not_documented", _("Not yet documented")


#: Not a decision on the information: the requester did not complete the request within the
#: period given (ppid.services.completion.close_incomplete). Kept out of ``Outcome`` so that
#: "Decide" never offers it and the report's decisions stay the five of Pasal 22(7).
NOT_COMPLETED = "not_completed"
OUTCOME_CHOICES = [*Outcome.choices, (NOT_COMPLETED, _("Closed: not completed by the requester"))]


class ExemptionGround(models.TextChoices):
    """UU 14/2008 Pasal 17 (a-j): the only grounds on which information may be withheld."""

    A = "17a", _("Pasal 17(a): would obstruct law enforcement")
    B = "17b", _("Pasal 17(b): would harm intellectual property or fair competition")
    C = "17c", _("Pasal 17(c): would endanger national defence and security")
    D = "17d", _("Pasal 17(d): would reveal Indonesia's natural wealth")
    E = "17e", _("Pasal 17(e): would harm national economic resilience")
    F = "17f", _("Pasal 17(f): would harm foreign relations")
    G = "17g", _("Pasal 17(g): would reveal a private authentic deed or a will")
    H = "17h", _("Pasal 17(h): would reveal personal secrets")
    I = "17i", _("Pasal 17(i): confidential memoranda or letters between or within agencies")  # noqa: E741
    J = "17j", _("Pasal 17(j): information that a law says must not be disclosed")


class RequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=InformationRequest.CLOSED_STATUSES)


class InformationRequest(models.Model):
    """One request for public information (UU 14/2008 Pasal 22), with its deadline and decision."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        AWAITING_COMPLETION = "awaiting_completion", _("Waiting for the requester to complete it")
        IN_PROCESS = "in_process", _("In process")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn by the requester")

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="ppid_requests",
        verbose_name=_("agency"),
    )
    registration_number = models.CharField(
        _("registration number"), max_length=60, unique=True, editable=False
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    # sha256(salt + code): the tracking code itself is shown once and sent by e-mail, never stored.
    tracking_salt = models.CharField(max_length=32, editable=False)
    tracking_hash = models.CharField(max_length=64, editable=False)

    applicant_type = models.CharField(
        _("applicant type"), max_length=12, choices=ApplicantType.choices
    )
    name = models.CharField(_("name"), max_length=200)
    nik = models.CharField(_("NIK"), max_length=16, blank=True, validators=[nik_validator])
    legal_entity_decree = models.CharField(
        _("legal entity decree number"),
        max_length=120,
        blank=True,
        help_text=_("For a legal entity: the number of the Minister of Law decree (SK)."),
    )
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    information_requested = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose of the request"))
    obtain_method = models.CharField(
        _("how to obtain the information"), max_length=12, choices=ObtainMethod.choices
    )
    delivery_method = models.CharField(
        _("how to receive it"), max_length=10, choices=DeliveryMethod.choices
    )
    accessible_format = models.CharField(
        _("accessible format"),
        max_length=14,
        choices=AccessibleFormat.choices,
        blank=True,
        help_text=_("If you need the information in an accessible form, choose it here."),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )

    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    completed_at = models.DateTimeField(
        _("file complete at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the request file was complete; empty while waiting for completion."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, editable=False)
    extension_days = models.PositiveSmallIntegerField(
        _("extension (working days)"), default=0, editable=False
    )
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, editable=False
    )

    outcome = models.CharField(
        _("decision"), max_length=16, choices=OUTCOME_CHOICES, blank=True, editable=False
    )
    withheld_information = models.TextField(_("information withheld"), blank=True, editable=False)
    exemption_ground = models.CharField(
        _("exemption ground"),
        max_length=4,
        choices=ExemptionGround.choices,
        blank=True,
        editable=False,
    )
    consequence_test = models.TextField(_("consequence test"), blank=True, editable=False)
    holder_of_information = models.CharField(
        _("agency that holds it"), max_length=300, blank=True, editable=False
    )
    documented_by = models.DateField(
        _("will be documented by"), null=True, blank=True, editable=False
    )
    # UU 14/2008 Pasal 22(7) d, f, g: what will be provided, in which form, how it is sent, what
    # it costs and how to pay, and by when (for a request granted in full or in part).
    information_provided = models.TextField(
        _("information to be provided"), blank=True, editable=False
    )
    provided_format = models.CharField(
        _("form of the information"),
        max_length=12,
        choices=ObtainMethod.choices,
        blank=True,
        editable=False,
    )
    provided_via = models.CharField(
        _("sent by"), max_length=10, choices=DeliveryMethod.choices, blank=True, editable=False
    )
    fee_estimate = models.PositiveIntegerField(_("cost (Rp)"), default=0, editable=False)
    payment_instructions = models.TextField(_("how to pay"), blank=True, editable=False)
    provide_by = models.DateField(_("to be provided by"), null=True, blank=True, editable=False)
    decision_reasons = models.TextField(_("reasons and explanation"), blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    # Fulfilment: the day the information reached the requester (or was handed over), after a
    # decision that grants it; "time to fulfil" in the report runs from receipt to this day.
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True, editable=False)
    delivered_via = models.CharField(
        _("delivered by"), max_length=10, choices=DeliveryMethod.choices, blank=True, editable=False
    )
    delivery_note = models.TextField(_("delivery note"), blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The staff member who entered a walk-in, phone or letter request."),
    )

    objects = RequestQuerySet.as_manager()

    #: Decisions after which the information itself is still owed to the requester.
    DELIVERABLE_OUTCOMES = (Outcome.GRANTED, Outcome.PARTIAL, Outcome.NOT_DOCUMENTED)

    #: Statuses after which nothing more is owed to the requester on the request itself.
    CLOSED_STATUSES = (Status.DECIDED, Status.WITHDRAWN)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "sequence"], name="ppid_request_number_unique"
            )
        ]
        indexes = [models.Index(fields=["agency", "status", "due_date"])]

    def __str__(self) -> str:
        return self.registration_number

    def check_tracking_code(self, code: str) -> bool:
        return hmac.compare_digest(self.tracking_hash, hash_tracking_code(self.tracking_salt, code))

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.DECIDED

    @property
    def awaits_delivery(self) -> bool:
        """Decided in the requester's favour, and the information not yet handed over."""
        return (
            self.is_decided
            and self.outcome in self.DELIVERABLE_OUTCOMES
            and self.delivered_on is None
        )

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    @property
    def received_date(self):
        return timezone.localdate(self.received_at)


def hash_tracking_code(salt: str, code: str) -> str:
    normalized = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(f"{salt}:{normalized}".encode()).hexdigest()


def mask_nik(nik: str) -> str:
    """3371********0001: enough for staff to tell two requesters apart in a list."""
    if len(nik) != 16:
        return nik and "*" * len(nik)
    return nik[:4] + "*" * 8 + nik[-4:]


class RegistrationCounter(models.Model):
    """The last number handed out per agency, year and register; locked while a number is taken."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    register = models.CharField(max_length=12)  # "request", "objection" or "notice"
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "register"], name="ppid_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.agency_id}/{self.year}: {self.last_number}"


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class RequestEvent(models.Model):
    """One step in a request's timeline (or its objection's), with the notice it produced."""

    # Empty only for the steps of an objection made without a request (ground (b)).
    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    objection = models.ForeignKey(
        "ppid.Objection", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    #: Namespaced action code, e.g. "ppid.request.extended".
    action = models.CharField(_("action"), max_length=60)
    summary = models.CharField(_("summary"), max_length=300)
    notice_title = models.CharField(_("notice"), max_length=200, blank=True)
    notice_text = models.TextField(_("notice text"), blank=True)
    # A written notice is a letter: its own number in the agency's yearly series, the place it
    # is signed and who signed it (name and NIP), fixed when it is sent.
    letter_number = models.CharField(_("letter number"), max_length=100, blank=True)
    letter_place = models.CharField(_("place"), max_length=100, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_nip = models.CharField(_("NIP"), max_length=18, blank=True)
    # The notice's e-mail to the requester: an outbox row, retried until sent (ppid.services.mail).
    mail_status = models.CharField(
        _("e-mail"), max_length=8, choices=MailStatus.choices, blank=True, db_index=True
    )
    mail_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    mail_error = models.TextField(_("e-mail error"), blank=True)
    mail_next_attempt_at = models.DateTimeField(_("next e-mail attempt"), null=True, blank=True)
    #: What the e-mail adds to the notice once (the tracking code), kept only until it is sent.
    mail_extra = models.TextField(blank=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.summary


class RequestAttachment(models.Model):
    """A file from the requester (ID card, power of attorney) or one sent by the PPID.

    Stored under PRIVATE_MEDIA_ROOT with a generated name; served only by ppid.views.attachment.
    """

    class Kind(models.TextChoices):
        FROM_REQUESTER = "requester", _("From the requester")
        SENT = "sent", _("Sent by the PPID")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="ppid/%Y/%m/")
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Fee(models.Model):
    """A line in the fee ledger: printed copies are charged at cost; electronic copies are free."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="fees")
    description = models.CharField(_("description"), max_length=200)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    amount = models.PositiveIntegerField(_("amount (Rp)"))
    paid_at = models.DateField(_("paid on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.description}: Rp {self.amount}"

"""Public forms of the PPID service and the staff action forms.

Forms only check and clean what people typed; the rules live in ppid.services.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency

from . import botcheck
from .models import (
    AccessibleFormat,
    ApplicantType,
    Channel,
    DeliveryMethod,
    ExemptionGround,
    InformationRequest,
    Objection,
    ObjectionGround,
    ObtainMethod,
    Outcome,
)
from .models.survey import ELEMENTS as SURVEY_ELEMENTS
from .models.survey import SCALE
from .uploads import MAX_FILES, inspect_upload
from .validators import validate_identity

#: The largest amount a PPID form takes (the database column holds up to about 2.1 billion).
MAX_RUPIAH = 1_000_000_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for uploaded in cleaned:
            inspect_upload(uploaded)
        return cleaned


class _ShownFresh(forms.CharField):
    """A field whose re-shown value is decided by :mod:`ppid.botcheck`, not the posted one."""

    def bound_data(self, data, initial):
        return initial


class HoneypotField(_ShownFresh):
    """Always re-shown empty: a person whose browser filled it in can simply send again."""


class StampField(_ShownFresh):
    def bound_data(self, data, initial):
        # A valid stamp is kept (a form sent too quickly is old enough by the second try);
        # a missing, stale or foreign one is replaced by a fresh one.
        return data if botcheck.stamp_age(data) is not None else initial


class BotCheckMixin(forms.Form):
    """The honeypot and the signed fill-time stamp every public form carries (ppid.botcheck).

    The honeypot is hidden by CSS, not by type=hidden (bots skip hidden fields), inside an
    aria-hidden container (templates/ppid/_form.html) so screen readers never announce it.
    """

    website = HoneypotField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = StampField(required=False, initial=botcheck.new_stamp, widget=forms.HiddenInput)

    def bot_problem(self) -> str | None:
        """Why this post does not look like a person's (the message to show), or None."""
        return botcheck.problem(self.data)


class RequestForm(BotCheckMixin, forms.ModelForm):
    """The online request form (Perki 1/2021, formulir permohonan informasi)."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.order_by("name"), label=_("Agency you are asking")
    )
    uploads = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_(
            "Scan of your ID card, or a power of attorney if you ask on someone's behalf. "
            "PDF, JPEG or PNG, at most 5 MB each, at most 3 files."
        ),
    )

    class Meta:
        model = InformationRequest
        fields = [
            "agency", "applicant_type", "name", "nik", "legal_entity_decree", "address", "phone",
            "email", "information_requested", "purpose", "obtain_method", "delivery_method",
            "accessible_format",
        ]  # fmt: skip
        widgets = {
            "applicant_type": forms.RadioSelect,
            "obtain_method": forms.RadioSelect,
            "delivery_method": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 2}),
            "information_requested": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "nik": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 16}),
        }
        help_texts = {
            "nik": _("16 digits, as on the e-KTP. For a group: the representative's NIK."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_type"].choices = ApplicantType.choices
        for name in ("obtain_method", "delivery_method"):
            self.fields[name].choices = self.fields[name].choices[1:]  # no "---------"
        self.fields["accessible_format"].choices = [
            ("", _("Not needed")),
            *AccessibleFormat.choices,
        ]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_type")
        if kind:
            try:
                validate_identity(
                    kind, cleaned.get("nik", ""), cleaned.get("legal_entity_decree", "")
                )
            except ValidationError as error:
                field = "legal_entity_decree" if kind == ApplicantType.LEGAL_ENTITY else "nik"
                self.add_error(field, error)
        if cleaned.get("delivery_method") == "email" and not cleaned.get("email"):
            self.add_error(
                "email", _("Give an e-mail address to receive the information by e-mail.")
            )
        return cleaned

    def applicant_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("agency", "uploads")}


class StaffRequestForm(RequestForm):
    """Staff enter walk-in, phone and letter requests with the channel they came by."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields[botcheck.HONEYPOT], self.fields[botcheck.STAMP]
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class TrackForm(BotCheckMixin):
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "PPID/DISLUTKAN/2026/00042"}),
    )
    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        # Visible: a code copied from paper is easier to check as it is typed (issue 13).
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class ObjectionForm(TrackForm):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds of the objection (UU 14/2008 Pasal 35(1))"),
        choices=ObjectionGround.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    case_text = forms.CharField(
        label=_("Your case, in your own words"), widget=forms.Textarea(attrs={"rows": 5})
    )


class PeriodicObjectionForm(BotCheckMixin):
    """UU 14/2008 Pasal 35(1)(b): periodic information not published. No request is needed."""

    #: What ppid.services.file_periodic_objection takes.
    FIELDS = ("agency", "periodic_information", "case_text", "name", "email", "phone", "address")

    agency = forms.ModelChoiceField(queryset=Agency.objects.order_by("name"), label=_("Agency"))
    periodic_information = forms.CharField(
        label=_("The periodic information that is not published"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the financial report for the first half of 2026."),
    )
    case_text = forms.CharField(
        label=_("Your case, in your own words"), widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("The answer is sent here.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(
        label=_("Address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Give an e-mail address, a phone number or an address (at least one)."),
    )

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(name) or "").strip() for name in ("email", "phone", "address")):
            raise ValidationError(
                _("Give at least one way to reach you: an e-mail address, a phone or an address.")
            )
        return cleaned


class CompletionUploadForm(BotCheckMixin):
    """The requester's answer to "please complete your request"."""

    note = forms.CharField(
        label=_("Message to the PPID"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    uploads = MultipleFileField(
        label=_("Files (PDF, JPEG or PNG, at most 5 MB each, at most 3)"), required=False
    )


class SurveyForm(forms.Form):
    """The satisfaction survey (Permenpan RB 14/2017): the nine elements, rated 1-4."""

    suggestion = forms.CharField(
        label=_("Suggestions for the PPID (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scored = {
            name: forms.TypedChoiceField(
                label=label,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer.")},
            )
            for name, label in SURVEY_ELEMENTS
        }
        self.fields = {**scored, **self.fields}

    def scores(self) -> dict:
        return {name: self.cleaned_data[name] for name, _label in SURVEY_ELEMENTS}


class WithdrawForm(forms.Form):
    """The requester withdraws their request: a confirmation box guards against a wrong click."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the PPID will stop processing this request."),
        error_messages={"required": _("Tick the box to confirm that you want to withdraw.")},
    )


# --- staff action forms (admin) --------------------------------------------------------------


class CompletionRequestForm(forms.Form):
    missing = forms.CharField(label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 3}))


class CompletionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=7, initial=7)
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeChoiceForm(forms.Form):
    """The decision's first step: which outcome (its own fields follow on the next page)."""

    keputusan = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )


#: The fields each outcome's written notice needs (UU 14/2008 Pasal 22(7)).
_GRANT_FIELDS = (
    "information_provided", "provided_format", "provided_via", "fee_estimate",
    "payment_instructions", "provide_by",
)  # fmt: skip
_WITHHOLD_FIELDS = ("exemption_ground", "consequence_test")
OUTCOME_FIELDS = {
    Outcome.GRANTED: _GRANT_FIELDS,
    Outcome.PARTIAL: ("withheld_information", *_WITHHOLD_FIELDS, *_GRANT_FIELDS),
    Outcome.EXEMPT: _WITHHOLD_FIELDS,
    Outcome.NOT_HELD: ("holder_of_information",),
    Outcome.NOT_DOCUMENTED: ("documented_by",),
}


class DecideForm(forms.Form):
    """The decision for one outcome: only that outcome's fields (no script needed to hide the
    others). The outcome itself is chosen on the step before (``OutcomeChoiceForm``)."""

    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.HiddenInput)
    withheld_information = forms.CharField(
        label=_("What is withheld (blacked out) and why"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    exemption_ground = forms.ChoiceField(
        label=_("Exemption ground (Pasal 17)"),
        choices=[("", "---------"), *ExemptionGround.choices],
    )
    consequence_test = forms.CharField(
        label=_("Consequence test"), widget=forms.Textarea(attrs={"rows": 3})
    )
    holder_of_information = forms.CharField(
        label=_("The public body that holds it"),
        required=False,
        help_text=_("Leave empty if you do not know; the notice then says so."),
    )
    documented_by = forms.DateField(
        label=_("Documented by"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    information_provided = forms.CharField(
        label=_("Information to be provided"), widget=forms.Textarea(attrs={"rows": 2})
    )
    provided_format = forms.ChoiceField(
        label=_("Form of the information"), choices=ObtainMethod.choices
    )
    provided_via = forms.ChoiceField(label=_("Sent by"), choices=DeliveryMethod.choices)
    fee_estimate = forms.IntegerField(
        label=_("Cost (Rp)"),
        min_value=0,
        max_value=MAX_RUPIAH,
        initial=0,
        help_text=_("0 when free of charge (copies sent by e-mail usually are)."),
    )
    payment_instructions = forms.CharField(
        label=_("How to pay"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when there is a cost: account, amount, where to show the receipt."),
    )
    provide_by = forms.DateField(
        label=_("To be provided by"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    reasons = forms.CharField(
        label=_("Reasons and explanation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, outcome: str, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"outcome", *OUTCOME_FIELDS[outcome], "reasons"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["outcome"].initial = outcome

    def decision(self) -> dict:
        """The keyword arguments of ``services.decide``."""
        return dict(self.cleaned_data)


class AttachForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))
    description = forms.CharField(label=_("Description"), required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        inspect_upload(uploaded)
        return uploaded


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Delivered on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    channel = forms.ChoiceField(label=_("Delivered by"), choices=DeliveryMethod.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("e.g. sent to the requester's e-mail; collected by the requester in person"),
    )


class FeeForm(forms.Form):
    description = forms.CharField(label=_("Description"), initial=_("Printed copies"))
    pages = forms.IntegerField(label=_("Pages"), min_value=0, max_value=100_000)
    amount = forms.IntegerField(label=_("Amount (Rp)"), min_value=0, max_value=MAX_RUPIAH)
    paid_at = forms.DateField(
        label=_("Paid on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class DecideObjectionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Objection.Decision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 5}))

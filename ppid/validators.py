"""Checks on what requesters type: the NIK and the legal entity's decree number."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_nik(nik: str) -> None:
    """A plausible e-KTP number: 16 digits, province code, birth date (day +40 for women), serial.

    Layout (Permendagri on the NIK): PP KK CC DD MM YY SSSS.
    """
    if not re.fullmatch(r"\d{16}", nik or ""):
        raise ValidationError(_("The NIK is the 16-digit number on the e-KTP."), code="nik")
    province = int(nik[0:2])
    day = int(nik[6:8])
    month = int(nik[8:10])
    if day > 40:
        day -= 40
    if not (11 <= province <= 96 and 1 <= day <= 31 and 1 <= month <= 12 and nik[12:] != "0000"):
        raise ValidationError(
            _("This NIK is not valid; please check it against the e-KTP."), code="nik"
        )


def validate_identity(applicant_type: str, nik: str, decree: str) -> None:
    """Individuals and groups give the NIK (of the group's representative); legal entities give
    the number of the decree that made them a legal entity (UU 14/2008 Pasal 1(12))."""
    from .models import ApplicantType

    if applicant_type not in ApplicantType.values:
        raise ValidationError(_("Choose the applicant type."), code="applicant_type")
    if applicant_type == ApplicantType.LEGAL_ENTITY:
        if not (decree or "").strip():
            raise ValidationError(
                _("A legal entity gives the number of its legal entity decree."), code="decree"
            )
        return
    validate_nik(nik)

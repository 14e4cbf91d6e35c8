"""Written notices as PDF letters, made on the server (ReportLab: a maintained, pure-Python PDF
library with no system dependency, so every installation can print the same letter).

The letter carries what the printable page shows: the agency's letterhead, the notice's number,
date, addressee, text, place and signature with the NIP. The requester's receipt is the first
notice of every request, so it has its PDF too.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from .models import RequestEvent


def _styles():
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=11,
                          leading=15)  # fmt: skip
    return {
        "agency": ParagraphStyle(
            "agency", parent=body, fontName="Helvetica-Bold", fontSize=13, alignment=1, leading=17
        ),  # fmt: skip
        "centre": ParagraphStyle("centre", parent=body, alignment=1, fontSize=10),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=12,
            alignment=1,
            spaceBefore=12,
            spaceAfter=10,
        ),  # fmt: skip
        "body": body,
        "signature": ParagraphStyle("signature", parent=body, leftIndent=9 * cm),
    }


def _text(value) -> str:
    """Plain text for ReportLab's mini-markup: escaped, line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def notice_pdf(event: RequestEvent) -> bytes:
    """The notice as an A4 PDF letter."""
    source = event.request or event.objection
    agency = source.agency
    with translation.override("id"):
        styles = _styles()
        number = event.letter_number or source.registration_number
        date = formats.date_format(timezone.localdate(event.created_at), "j F Y")
        story = [
            Paragraph(_text(agency.name.upper()), styles["agency"]),
            Paragraph(
                _text(_("Information and Documentation Management Officer (PPID)")),
                styles["centre"],
            ),  # fmt: skip
        ]
        contact = " · ".join(part for part in [agency.address, agency.phone, agency.email] if part)
        if contact:
            story.append(Paragraph(_text(contact), styles["centre"]))
        story += [
            Spacer(1, 4),
            HRFlowable(width="100%", thickness=1.2, color=colors.black),
            Paragraph(_text(event.notice_title), styles["title"]),
            Table(
                [
                    [_("Number"), ":", number],
                    [_("Registration number"), ":", source.registration_number],
                    [_("Date"), ":", date],
                    [
                        _("To"),
                        ":",
                        source.name,
                    ],
                ],
                colWidths=[4.2 * cm, 0.4 * cm, None],
                hAlign="LEFT",
                style=[
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 11),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ],
            ),  # fmt: skip
            Spacer(1, 10),
        ]
        for paragraph in event.notice_text.split("\n\n"):
            story.append(Paragraph(_text(paragraph), styles["body"]))
            story.append(Spacer(1, 6))
        place = f"{event.letter_place}, " if event.letter_place else ""
        signer = event.signer_name or (str(event.actor) if event.actor else "")
        role = _("PPID head") if event.action == "ppid.objection.decided" else _("PPID")
        story += [
            Spacer(1, 14),
            Paragraph(_text(f"{place}{date}"), styles["signature"]),
            Paragraph(_text(role), styles["signature"]),
            Spacer(1, 36),
            Paragraph(_text(signer), styles["signature"]),
        ]
        if event.signer_nip:
            story.append(Paragraph(_text(f"NIP. {event.signer_nip}"), styles["signature"]))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm,
        bottomMargin=2 * cm, title=event.notice_title, author=agency.name,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()

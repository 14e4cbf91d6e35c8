"""The written notices (pemberitahuan tertulis) each action produces, composed in Indonesian.

The text is stored on the timeline row when the action happens, so the notice the requester got
stays on record even if the request is changed later; ppid:notice shows it as a printable page.
"""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else "-"


def _compose(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line is not None).strip()


def with_indonesian(func):
    def wrapper(*args, **kwargs):
        with translation.override("id"):
            return func(*args, **kwargs)

    return wrapper


@with_indonesian
def receipt(req) -> tuple[str, str]:
    title = _("Receipt of your information request")
    text = _compose(
        [
            _("Your request for information has been received and registered."),
            "",
            _("Registration number: %(number)s") % {"number": req.registration_number},
            _("Received on: %(date)s") % {"date": _date(req.received_date)},
            _("Channel: %(channel)s") % {"channel": req.get_channel_display()},
            _("Information requested: %(info)s") % {"info": req.information_requested},
            _("How to obtain it: %(how)s; how to receive it: %(delivery)s")
            % {
                "how": req.get_obtain_method_display(),
                "delivery": req.get_delivery_method_display(),
            },
            "",
            _("Accessible format asked for: %(format)s")
            % {"format": req.get_accessible_format_display()}
            if req.accessible_format
            else None,
            _("The PPID will send you a written notice no later than %(date)s (10 working days).")
            % {"date": _date(req.due_date)},
        ]
    )
    return title, text


@with_indonesian
def completion_requested(req, missing: str) -> tuple[str, str]:
    title = _("Notice: your request is incomplete")
    text = _compose(
        [
            _("Your request %(number)s cannot be processed yet because it is incomplete.")
            % {"number": req.registration_number},
            "",
            _("Please complete the following:"),
            missing,
            "",
            _("Send what is missing to the PPID quoting your registration number."),
            _(
                "Please complete it no later than %(date)s (%(days)s working days); after that "
                "date the PPID may close your request as not completed."
            )
            % {"date": _date(_completion_deadline(req)), "days": _completion_days()},
        ]
    )
    return title, text


def _completion_days() -> int:
    from ..deadlines import completion_days

    return completion_days()


def _completion_deadline(req):
    # Asked today: the notice is composed when the PPID asks (ppid.services.completion).
    from .completion import completion_deadline

    return completion_deadline(timezone.localdate(), agency=req.agency_id)


@with_indonesian
def closed_incomplete(req, due) -> tuple[str, str]:
    title = _("Notice: your request is closed as not completed")
    text = _compose(
        [
            _(
                "The PPID asked you to complete your request %(number)s, received on "
                "%(received)s, no later than %(date)s."
            )
            % {
                "number": req.registration_number,
                "received": _date(req.received_date),
                "date": _date(due),
            },
            _(
                "The missing parts have not been received by that date, so the request is closed "
                "as not completed by the requester."
            ),
            "",
            req.decision_reasons or None,
            "" if req.decision_reasons else None,
            _("You may submit a new, complete request at any time."),
            _(
                "If you disagree, you may file an objection with the PPID head within 30 working "
                "days (UU 14/2008 Pasal 35(1)(e) and Pasal 36)."
            ),
        ]
    )
    return title, text


@with_indonesian
def withdrawn(req) -> tuple[str, str]:
    title = _("Confirmation: your request is withdrawn")
    text = _compose(
        [
            _("Your request %(number)s, received on %(received)s, was withdrawn on %(date)s.")
            % {
                "number": req.registration_number,
                "received": _date(req.received_date),
                "date": _date(timezone.localdate(req.withdrawn_at)),
            },
            "",
            _("The PPID will not process it further. You may submit a new request at any time."),
        ]
    )
    return title, text


@with_indonesian
def completion_received(req) -> tuple[str, str]:
    title = _("Notice: your request is complete")
    text = _compose(
        [
            _("Your request %(number)s is now complete and is being processed.")
            % {"number": req.registration_number},
            _("Written notice due by: %(date)s") % {"date": _date(req.due_date)},
        ]
    )
    return title, text


@with_indonesian
def extension(req) -> tuple[str, str]:
    title = _("Notice of extension of time")
    text = _compose(
        [
            _(
                "The time to answer your request %(number)s is extended by %(days)s working days "
                "(UU 14/2008 Pasal 22(8))."
            )
            % {"number": req.registration_number, "days": req.extension_days},
            "",
            _("Reasons: %(reason)s") % {"reason": req.extension_reason},
            "",
            _("New due date: %(date)s") % {"date": _date(req.due_date)},
        ]
    )
    return title, text


@with_indonesian
def decision(req) -> tuple[str, str]:
    """The written notice of UU 14/2008 Pasal 22(7): every element the outcome calls for."""
    from ..models import Outcome

    grants = req.outcome in (Outcome.GRANTED, Outcome.PARTIAL)
    withholds = req.outcome in (Outcome.PARTIAL, Outcome.EXEMPT)
    title = _("Written notice on your information request")
    lines = [
        _("Regarding your request %(number)s received on %(date)s:")
        % {"number": req.registration_number, "date": _date(req.received_date)},
        _("Information requested: %(info)s") % {"info": req.information_requested},
        "",
        _("Decision: %(outcome)s") % {"outcome": req.get_outcome_display()},
        "",
    ]
    # (a) whether the information is under the agency's control, (b) who holds it if not.
    if req.outcome == Outcome.NOT_HELD:
        lines.append(_("The information requested is not under our control."))
        lines.append(
            _("It is held by: %(holder)s") % {"holder": req.holder_of_information}
            if req.holder_of_information
            else _("We do not know which public body holds it.")
        )
    elif req.outcome == Outcome.NOT_DOCUMENTED:
        lines.append(_("The information requested has not been documented yet."))
        lines.append(
            _("It is expected to be documented by %(date)s; we will then provide it.")
            % {"date": _date(req.documented_by)}
        )
    else:
        lines.append(_("The information requested is under our control."))
    # (c) granted or refused, with the reasons under Pasal 17; (e) what is blacked out and why.
    if withholds:
        lines.append(
            _("Exempt under UU 14/2008 %(ground)s.")
            % {"ground": req.get_exemption_ground_display()}
        )
        lines.append(_("Consequence test: %(test)s") % {"test": req.consequence_test})
    if req.outcome == Outcome.PARTIAL:
        lines.append(
            _("Withheld (blacked out in the copies): %(what)s") % {"what": req.withheld_information}
        )
    if grants:
        # (d) the material to be provided; (f) its form and how it is sent; (g) cost and payment.
        lines += [
            _("Information to be provided: %(what)s") % {"what": req.information_provided},
            _("Form: %(form)s; sent by: %(via)s")
            % {"form": req.get_provided_format_display(), "via": req.get_provided_via_display()},
            _("Cost: %(cost)s") % {"cost": _rupiah(req.fee_estimate)}
            + (
                "; " + _("how to pay: %(how)s") % {"how": req.payment_instructions}
                if req.fee_estimate
                else ""
            ),
            _("The information will be provided no later than %(date)s.")
            % {"date": _date(req.provide_by)},
        ]
    lines += [
        "",
        req.decision_reasons,
        "",
        _(
            "If you disagree, you may file an objection with the PPID head within 30 working days "
            "(UU 14/2008 Pasal 35-36)."
        ),
    ]
    return title, _compose(lines)


def _rupiah(amount: int) -> str:
    if not amount:
        return _("free of charge")
    return "Rp " + f"{amount:,}".replace(",", ".")


@with_indonesian
def file_sent(req, attachment) -> tuple[str, str]:
    title = _("Information sent to you")
    text = _compose(
        [
            _("For your request %(number)s the PPID has sent you the file: %(name)s")
            % {"number": req.registration_number, "name": attachment.original_name},
            attachment.description,
            _("You can download it from the status page with your tracking code."),
        ]
    )
    return title, text


@with_indonesian
def fee(req, fee_row) -> tuple[str, str]:
    title = _("Notice of costs for printed copies")
    text = _compose(
        [
            _("For your request %(number)s printed copies are charged at cost:")
            % {"number": req.registration_number},
            _("%(description)s, %(pages)s pages: Rp %(amount)s")
            % {
                "description": fee_row.description,
                "pages": fee_row.pages,
                "amount": formats.number_format(fee_row.amount, force_grouping=True),
            },
            _("Electronic copies are free of charge."),
        ]
    )
    return title, text


@with_indonesian
def objection_receipt(objection) -> tuple[str, str]:
    title = _("Receipt of your objection")
    text = _compose(
        [
            _("Your objection has been registered under number %(number)s.")
            % {"number": objection.registration_number},
            _("Concerning request: %(number)s") % {"number": objection.request.registration_number}
            if objection.request_id
            else _("Concerning periodic information not published: %(what)s")
            % {"what": objection.periodic_information},
            _("Grounds: %(grounds)s") % {"grounds": "; ".join(objection.get_grounds_display())},
            "",
            _("The PPID head will answer in writing no later than %(date)s (30 working days).")
            % {"date": _date(objection.due_date)},
        ]
    )
    return title, text


def _commission_deadline(objection):
    from ..deadlines import commission_deadline

    return commission_deadline(
        answer_received=timezone.localdate(objection.decided_at) if objection.decided_at else None,
        answer_due=None if objection.decided_at else objection.due_date,
        agency=objection.agency_id,
    )


@with_indonesian
def objection_answer(objection) -> tuple[str, str]:
    title = _("Answer to your objection")
    text = _compose(
        [
            _("Answer of the PPID head to objection %(number)s:")
            % {"number": objection.registration_number},
            _("Decision: %(decision)s") % {"decision": objection.get_decision_display()},
            "",
            objection.reasons,
            "",
            _(
                "If you are not satisfied, you may take the dispute to the Information Commission "
                "within 14 working days after receiving this answer (UU 14/2008 Pasal 37), that "
                "is no later than %(date)s if you receive it today."
            )
            % {"date": _date(_commission_deadline(objection))},
        ]
    )
    return title, text

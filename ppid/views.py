"""Public pages of the PPID service. They translate HTTP into ppid.services calls, nothing more.

Who may see a request: the requester, after proving registration number and tracking code in
this browser session, and the agency's PPID staff. Anyone else gets 404, so a guessed number
does not reveal that the request exists.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import permissions
from accounts.models import Agency
from newsroom.library import Document
from portal import sites

from . import deadlines, pdf, ratelimit, services
from .forms import (
    CompletionUploadForm,
    ObjectionForm,
    PeriodicObjectionForm,
    RequestForm,
    SurveyForm,
    TrackForm,
    WithdrawForm,
)
from .models import DIPEntry, InformationRequest, RequestAttachment, RequestEvent
from .services import PPIDError, privacy
from .services import survey as survey_service
from .services.files import FileNotStored

_VERIFIED = "ppid_verified_requests"
_NEW = "ppid_new_request"


def rate_limit_message():
    return _(
        "Too many submissions have come from your connection. Please try again later, or "
        "contact the PPID office directly."
    )


def not_found_message():
    return _(
        "No request matches this registration number and tracking code. Check both and try again."
    )


def _remember(request, req: InformationRequest) -> None:
    verified = set(request.session.get(_VERIFIED, []))
    verified.add(req.pk)
    request.session[_VERIFIED] = sorted(verified)


def may_view_request(request, req: InformationRequest) -> bool:
    return req.pk in request.session.get(_VERIFIED, []) or _staff_sees(request, req)


def _staff_sees(request, req: InformationRequest) -> bool:
    return permissions.can_handle_ppid(request.user, req.agency_id)


def _log_staff_view(request, req: InformationRequest, what: str) -> None:
    """A staff member (not the requester proving their code) sees the requester's data."""
    if req.pk not in request.session.get(_VERIFIED, []) and _staff_sees(request, req):
        privacy.log_view(request.user, what, request=req)


def _viewable_request(request, pk) -> InformationRequest:
    req = get_object_or_404(InformationRequest.objects.select_related("agency"), pk=pk)
    if not may_view_request(request, req):
        raise Http404
    return req


def _status_of(error: PPIDError) -> int:
    # A full or unwritable storage is not the person's mistake. Not a 5xx either: a proxy may put
    # its own error page in place of the form with what they typed.
    return 200 if isinstance(error, FileNotStored) else 400


def _refuse(request, form, template, message, status, context=None):
    """Re-show the form with what the person typed and a clear reason."""
    form.add_error(None, message)
    return render(request, template, {"form": form, **(context or {})}, status=status)


def landing(request):
    return render(
        request,
        "ppid/landing.html",
        {
            "agencies": sites.for_site(Agency.objects, request, "pk").order_by("name"),
            "answer_days": deadlines.ANSWER_DAYS,
            "extension_days": deadlines.MAX_EXTENSION_DAYS,
            "objection_days": deadlines.OBJECTION_FILING_DAYS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request):
    template = "ppid/request_form.html"
    if request.method != "POST":
        initial = {}
        if slug := request.GET.get("instansi"):
            initial["agency"] = Agency.objects.filter(slug=slug).first()
        form = _for_site(RequestForm(initial=initial), request)
        return render(request, template, {"form": form})
    form = _for_site(RequestForm(request.POST, request.FILES), request)
    if problem := form.bot_problem():
        return _refuse(request, form, template, problem, 400)
    with ratelimit.reserve(request, "request") as slot:
        if not slot:
            return _refuse(request, form, template, rate_limit_message(), 429)
        if not form.is_valid():
            return render(request, template, {"form": form}, status=400)
        try:
            req, code = services.register_request(
                agency=form.cleaned_data["agency"],
                data=form.applicant_data(),
                uploads=form.cleaned_data.get("uploads") or [],
            )
        except PPIDError as error:
            return _refuse(request, form, template, error.message, _status_of(error))
        slot.keep()
    _remember(request, req)
    request.session[_NEW] = {"pk": req.pk, "code": code}
    return redirect("ppid:request_done")


@never_cache
def request_done(request):
    # The tracking code is shown once: it is not stored anywhere we could show it from again.
    new = request.session.pop(_NEW, None)
    if not new:
        return redirect("ppid:status")
    req = _viewable_request(request, new["pk"])
    receipt = req.events.exclude(notice_text="").order_by("id").first()
    context = {"req": req, "code": new["code"], "receipt": receipt}
    return render(request, "ppid/request_done.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    template = "ppid/status_form.html"
    if request.method != "POST":
        return render(request, template, {"form": TrackForm()})
    form = TrackForm(request.POST)
    if problem := form.bot_problem():
        return _refuse(request, form, template, problem, 400)
    with ratelimit.reserve(request, "status") as lookup:
        if not lookup:
            return _refuse(request, form, template, rate_limit_message(), 429)
        if not form.is_valid():
            return render(request, template, {"form": form}, status=400)
        req = services.find_request(
            form.cleaned_data["registration_number"], form.cleaned_data["tracking_code"]
        )
        if req is None:
            lookup.keep()  # only failed look-ups count
            return _refuse(request, form, template, not_found_message(), 404)
    _remember(request, req)
    return redirect("ppid:status_detail", pk=req.pk)


def _status_page(
    request, req, completion_form=None, status=200, withdraw_form=None, survey_form=None
):
    _log_staff_view(
        request, req, _("Status page of request %(number)s") % {"number": req.registration_number}
    )
    return render(
        request,
        "ppid/status_detail.html",
        {
            "req": req,
            "events": req.events.select_related("objection"),
            "files": req.attachments.all(),
            "fees": req.fees.all(),
            "objections": req.objections.all(),
            "objection_allowed": services.objection_allowed(req),
            "completion_form": completion_form or CompletionUploadForm(),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "withdraw_open": withdraw_form is not None,
            "survey_form": survey_form or SurveyForm(),
            "survey_open": survey_service.survey_open(req),
            "is_staff_view": permissions.can_handle_ppid(request.user, req.agency_id),
        },
        status=status,
    )


@never_cache
def status_detail(request, pk):
    return _status_page(request, _viewable_request(request, pk))


@never_cache
@require_http_methods(["POST"])
def submit_completion(request, pk):
    """The requester sends the missing parts their request was asked to complete."""
    req = _viewable_request(request, pk)
    form = CompletionUploadForm(request.POST, request.FILES)
    if problem := form.bot_problem():
        form.add_error(None, problem)
        return _status_page(request, req, form, 400)
    with ratelimit.reserve(request, "request") as slot:
        if not slot:
            form.add_error(None, rate_limit_message())
            return _status_page(request, req, form, 429)
        if not form.is_valid():
            return _status_page(request, req, form, 400)
        try:
            services.submit_completion(
                req, uploads=form.cleaned_data["uploads"], note=form.cleaned_data["note"]
            )
        except PPIDError as error:
            form.add_error(None, error.message)
            return _status_page(request, req, form, _status_of(error))
        slot.keep()
    messages.success(request, _("Thank you: the PPID has received what you sent."))
    return redirect("ppid:status_detail", pk=req.pk)


@never_cache
@require_http_methods(["POST"])
def survey(request, pk):
    """The requester rates the service once the request is closed (SKM)."""
    req = _viewable_request(request, pk)
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return _status_page(request, req, survey_form=form, status=400)
    try:
        services.answer_survey(
            req, scores=form.scores(), suggestion=form.cleaned_data["suggestion"]
        )
    except PPIDError as error:
        messages.error(request, error.message)
        return _status_page(request, req, status=_status_of(error))
    messages.success(request, _("Thank you for rating our service."))
    return redirect("ppid:status_detail", pk=req.pk)


@never_cache
@require_http_methods(["POST"])
def withdraw(request, pk):
    """The requester withdraws an open request; a wrong click is caught by the confirmation box."""
    req = _viewable_request(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _status_page(request, req, withdraw_form=form, status=400)
    try:
        services.withdraw(req, reason=form.cleaned_data["reason"])
    except PPIDError as error:
        # A closed request shows no withdrawal form: the refusal goes above the page.
        messages.error(request, error.message)
        return _status_page(request, req, status=_status_of(error))
    messages.success(request, _("Your request has been withdrawn. A confirmation is below."))
    return redirect("ppid:status_detail", pk=req.pk)


def _viewable_notice(request, pk) -> RequestEvent:
    event = get_object_or_404(
        RequestEvent.objects.select_related("request__agency", "objection__agency", "actor"),
        pk=pk,
    )
    if event.request is not None:
        allowed = may_view_request(request, event.request)
    else:  # an objection on ground (b) has no request: its notices are mailed, staff see them
        allowed = event.objection is not None and permissions.can_handle_ppid(
            request.user, event.objection.agency_id
        )
    if not event.notice_text or not allowed:
        raise Http404
    return event


@never_cache
def notice(request, pk):
    event = _viewable_notice(request, pk)
    return render(request, "ppid/notice.html", {"event": event, "req": event.request})


@never_cache
def notice_pdf(request, pk):
    """The notice as a PDF letter (the receipt too: it is a request's first notice)."""
    event = _viewable_notice(request, pk)
    number = (event.request or event.objection).registration_number
    response = HttpResponse(pdf.notice_pdf(event), content_type="application/pdf")
    filename = slugify(f"{number} {event.notice_title}") or "pemberitahuan"
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@never_cache
def attachment(request, pk):
    item = get_object_or_404(RequestAttachment.objects.select_related("request"), pk=pk)
    if not may_view_request(request, item.request):
        raise Http404
    _log_staff_view(
        request,
        item.request,
        _("File %(name)s of request %(number)s")
        % {"name": item.original_name, "number": item.request.registration_number},
    )
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def objection_form(request):
    template = "ppid/objection_form.html"
    if request.method != "POST":
        initial = {"registration_number": request.GET.get("nomor", "")}
        # Each ground's last day, for a request this browser has proved (from its status page).
        context = {"form": ObjectionForm(initial=initial), "req": _proved(request, initial)}
        return render(request, template, context)
    form = ObjectionForm(request.POST)
    if problem := form.bot_problem():
        return _refuse(request, form, template, problem, 400)
    # The number and code are checked as in a status look-up, under the same limit.
    with (
        ratelimit.reserve(request, "status") as lookup,
        ratelimit.reserve(request, "objection") as filing,
    ):
        if not (lookup and filing):
            return _refuse(request, form, template, rate_limit_message(), 429)
        if not form.is_valid():
            return render(request, template, {"form": form}, status=400)
        req = services.find_request(
            form.cleaned_data["registration_number"], form.cleaned_data["tracking_code"]
        )
        if req is None:
            lookup.keep()
            return _refuse(request, form, template, not_found_message(), 404)
        try:
            objection = services.file_objection(
                req, grounds=form.cleaned_data["grounds"], case_text=form.cleaned_data["case_text"]
            )
        except PPIDError as error:
            return _refuse(request, form, template, error.message, 400, {"req": req})
        filing.keep()
    _remember(request, req)
    messages.success(
        request,
        _("Your objection is registered as %(number)s. The PPID head answers by %(date)s.")
        % {
            "number": objection.registration_number,
            "date": formats.date_format(objection.due_date, "j F Y"),
        },
    )
    return redirect("ppid:status_detail", pk=req.pk)


def _proved(request, initial) -> InformationRequest | None:
    number = (initial.get("registration_number") or "").strip().upper()
    verified = request.session.get(_VERIFIED, [])
    if not number or not verified:
        return None
    return InformationRequest.objects.filter(pk__in=verified, registration_number=number).first()


@never_cache
@require_http_methods(["GET", "POST"])
def periodic_objection_form(request):
    """Ground (b) of Pasal 35(1), periodic information not published: no request needed."""
    template = "ppid/objection_periodic_form.html"
    if request.method != "POST":
        initial = {"agency": Agency.objects.filter(slug=request.GET.get("instansi", "")).first()}
        form = _for_site(PeriodicObjectionForm(initial=initial), request)
        return render(request, template, {"form": form})
    form = _for_site(PeriodicObjectionForm(request.POST), request)
    if problem := form.bot_problem():
        return _refuse(request, form, template, problem, 400)
    with ratelimit.reserve(request, "objection") as filing:
        if not filing:
            return _refuse(request, form, template, rate_limit_message(), 429)
        if not form.is_valid():
            return render(request, template, {"form": form}, status=400)
        try:
            objection = services.file_periodic_objection(
                **{name: form.cleaned_data[name] for name in PeriodicObjectionForm.FIELDS}
            )
        except PPIDError as error:
            return _refuse(request, form, template, error.message, 400)
        filing.keep()
    messages.success(
        request,
        _(
            "Your objection is registered as %(number)s. The PPID head answers by %(date)s, "
            "to the e-mail or address you gave."
        )
        % {
            "number": objection.registration_number,
            "date": formats.date_format(objection.due_date, "j F Y"),
        },
    )
    return redirect("ppid:landing")


def _for_site(form, request):
    """On an agency's own domain the form asks that agency: the only choice, already chosen."""
    if (agency := sites.site_agency(request)) is not None:
        form.fields["agency"].queryset = Agency.objects.filter(pk=agency.pk)
        form.initial["agency"] = agency
    return form


def dip_list(request):
    entries = sites.for_site(DIPEntry.objects.public(), request)
    agencies = sites.for_site(Agency.objects, request, "pk").order_by("name")
    agency = agencies.filter(slug=request.GET.get("instansi", "")).first()
    category = request.GET.get("kategori", "")
    query = request.GET.get("q", "").strip()
    if agency:
        entries = entries.filter(agency=agency)
    if category in DIPEntry.Category.values:
        entries = entries.filter(category=category)
    if query:
        # Exempt entries are found by title only: their summary is not public.
        entries = entries.filter(
            Q(title__icontains=query)
            | (Q(summary__icontains=query) & ~Q(category=DIPEntry.Category.EXEMPT))
        )
    # The download centre's files of each entry: public ones only, in one query for the page.
    public = Document.objects.public().order_by("title")
    documents = Prefetch("documents", queryset=public, to_attr="public_documents")
    entries = entries.select_related("article", "consequence").prefetch_related(documents)
    page = Paginator(entries, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "ppid/dip_list.html",
        {
            "page": page,
            "agencies": agencies,
            "categories": DIPEntry.Category.choices,
            "selected_agency": agency,
            "selected_category": category,
            "dip_query": query,
        },
    )

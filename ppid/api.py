"""The PPID in the portal's JSON API (portal.api, listed in settings.HUMAS_API_MODULES): the
public-information list (DIP) as its public page shows it, and the yearly service figures as
/ppid/laporan/<year>/ shows them. Counts and public entries only: nothing about a requester.

Neither is kept in the page cache: DIP entries and requests change without the publishing hooks
that invalidate it (portal.cache_hooks).
"""

from __future__ import annotations

import django_filters
from django.db.models import Min, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.models import Agency
from newsroom.library import Document
from portal.api.base import KnownParameters, MomentFilter, agency_filter
from portal.api.base import PublicViewSet as _PublicViewSet
from portal.api.fields import AgencyRefSerializer, PublicURLField
from portal.sites import site_agency

from .models import (
    ApplicantType,
    Channel,
    ConsequenceTest,
    DIPEntry,
    Dispute,
    ExemptionGround,
    InformationRequest,
    ObjectionGround,
    Outcome,
)
from .reports import annual_report

# -- the public-information list (DIP) ------------------------------------------------------------

#: What an exempt entry shows instead of its content (UU 14/2008 Pasal 17: the classification is
#: public, the content is not); the other entries show the content and no classification.
EXEMPT_ONLY = (
    "exemption_ground",
    "exemption_ground_label",
    "classification_reason",
    "consequence_test",
    "exempt_until",
)
CONTENT = (
    "summary", "holding_unit", "person_responsible", "made_when", "made_where", "form",
    "retention_period", "file", "link", "article", "documents",
)  # fmt: skip


class DIPArticleSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()


class DIPDocumentSerializer(serializers.ModelSerializer):
    """A public document of the download centre the entry attaches."""

    url = PublicURLField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["title", "url", "download_url", "file_type", "file_size"]

    def get_download_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.get_download_url())


class ConsequenceTestSerializer(serializers.ModelSerializer):
    """The consequence test behind an exemption, as the DIP page shows it (without the names of
    its signatories)."""

    class Meta:
        model = ConsequenceTest
        fields = ["withheld_part", "harm", "public_interest", "legal_basis", "tested_on"]


class DIPEntrySerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer()
    category_label = serializers.CharField(source="get_category_display")
    form = serializers.CharField(allow_null=True)
    file = serializers.FileField(read_only=True, allow_null=True)
    link = serializers.URLField(allow_null=True)
    article = serializers.SerializerMethodField()
    documents = DIPDocumentSerializer(source="public_documents", many=True, allow_null=True)
    exemption_ground = serializers.CharField(allow_null=True)
    exemption_ground_label = serializers.CharField(
        source="get_exemption_ground_display", allow_null=True
    )
    classification_reason = serializers.CharField(allow_null=True)
    exempt_until = serializers.DateField(allow_null=True)
    consequence_test = ConsequenceTestSerializer(source="consequence", allow_null=True)
    summary = serializers.CharField(allow_null=True)
    holding_unit = serializers.CharField(allow_null=True)
    person_responsible = serializers.CharField(
        allow_null=True, help_text=_("The official or unit responsible, as the DIP names them.")
    )
    made_when = serializers.CharField(allow_null=True)
    made_where = serializers.CharField(allow_null=True)
    retention_period = serializers.CharField(allow_null=True)

    class Meta:
        model = DIPEntry
        fields = [
            "id", "number", "title", "agency", "category", "category_label", *CONTENT, *EXEMPT_ONLY,
            "updated_at",
        ]  # fmt: skip

    def get_article(self, entry) -> DIPArticleSerializer(allow_null=True):
        article = entry.article
        if article is None or not article.is_public:
            return None
        url = self.context["request"].build_absolute_uri(article.get_absolute_url())
        return {"title": article.title, "url": url}

    def to_representation(self, entry):
        data = super().to_representation(entry)
        hidden = CONTENT if entry.is_exempt else EXEMPT_ONLY
        for name in hidden:
            data[name] = None
        for name in ("form", "link", "exemption_ground"):
            data[name] = data[name] or None  # "" as "not given", as the page's "-"
        return data


class DIPFilter(django_filters.FilterSet):
    agency = agency_filter()
    category = django_filters.ChoiceFilter(
        choices=DIPEntry.Category.choices, label=_("Only this category's entries.")
    )
    since = MomentFilter(field_name="updated_at", label=_("Changed at or after this moment."))
    until = MomentFilter(
        field_name="updated_at", until=True, label=_("Changed at or before this moment.")
    )


class DIPEntryViewSet(_PublicViewSet):
    """The public-information list (Daftar Informasi Publik): its published entries; an exempt
    entry shows its classification, never its content."""

    api_description = _(
        "The public-information list (Daftar Informasi Publik, DIP): its published entries. An "
        "exempt entry shows its classification, never its content."
    )

    queryset = DIPEntry.objects.select_related("agency", "article", "consequence").prefetch_related(
        # Public documents only, as on the DIP page (ppid.views.dip_list).
        Prefetch(
            "documents",
            queryset=Document.objects.public().order_by("title"),
            to_attr="public_documents",
        )
    )
    serializer_class = DIPEntrySerializer
    filterset_class = DIPFilter
    ordering = ("id",)
    page_cacheable = False

    def visible(self, queryset):
        return queryset.public()


# -- the yearly figures ---------------------------------------------------------------------------


class CountSerializer(serializers.Serializer):
    key = serializers.CharField(
        allow_null=True,
        help_text=_(
            "The row's stable code (a month's number, a channel's code...), if it has one."
        ),
    )
    label = serializers.CharField()
    count = serializers.IntegerField()


class ShareSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    percent = serializers.FloatField()


class RequestsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    answered = serializers.IntegerField()
    pending = serializers.IntegerField()
    closed_incomplete = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    open_overdue = serializers.IntegerField()


class TimeToAnswerSerializer(serializers.Serializer):
    median_days = serializers.FloatField(allow_null=True)
    mean_days = serializers.FloatField(allow_null=True)
    within_10_working_days = ShareSerializer()
    within_extension = ShareSerializer()
    late = ShareSerializer()


class ObjectionsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_ground = CountSerializer(many=True)
    by_decision = CountSerializer(many=True)


class DisputesSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_stage = CountSerializer(many=True)
    by_outcome = CountSerializer(many=True)


class AnnualReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    semester = serializers.IntegerField(allow_null=True)
    agency = AgencyRefSerializer(allow_null=True)
    requests = RequestsSerializer()
    by_month = CountSerializer(many=True)
    by_channel = CountSerializer(many=True)
    by_applicant_type = CountSerializer(many=True)
    by_agency = CountSerializer(many=True)
    by_outcome = CountSerializer(many=True)
    by_exemption_ground = CountSerializer(many=True)
    time_to_answer = TimeToAnswerSerializer()
    objections = ObjectionsSerializer()
    disputes = DisputesSerializer()


class ReportYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    url = serializers.URLField()


def _counts(pairs, keys=()) -> list[dict]:
    """(label, count) rows with the stable code of each, when ``keys`` names every row in order
    (ppid.reports lists a choice's rows in the order of its choices)."""
    keys = [str(key) for key in keys] if len(keys) == len(pairs) else [None] * len(pairs)
    return [
        {"key": key, "label": str(label), "count": count}
        for key, (label, count) in zip(keys, pairs, strict=True)
    ]


#: The stable codes of the report's rows, by section.
ROW_KEYS = {
    "by_month": range(1, 13),
    "by_channel": Channel.values,
    "by_applicant_type": ApplicantType.values,
    "by_outcome": Outcome.values,
    "by_exemption_ground": ExemptionGround.values,
    "objections_by_ground": ObjectionGround.values,
    "disputes_by_stage": Dispute.Stage.values,
}


def _share(pair) -> dict:
    count, percent = pair
    return {"count": count, "percent": percent}


def report_data(report: dict) -> dict:
    """ppid.reports.annual_report's figures in the API's shape (the same numbers as the page)."""
    return {
        "year": report["year"],
        "requests": {
            key: report[key]
            for key in ("total", "answered", "pending", "closed_incomplete", "open_overdue")
        }
        | {"withdrawn": report.get("withdrawn", 0)},
        **{
            key: _counts(report[key], ROW_KEYS.get(key, ()))
            for key in (
                "by_month",
                "by_channel",
                "by_applicant_type",
                "by_agency",
                "by_outcome",
                "by_exemption_ground",
            )  # fmt: skip
        },
        "time_to_answer": {
            "median_days": report["median_days"],
            "mean_days": report["mean_days"],
            "within_10_working_days": _share(report["within_10"]),
            "within_extension": _share(report["within_extension"]),
            "late": _share(report["late"]),
        },
        "objections": {
            "total": report["objections_total"],
            "by_ground": _counts(report["objections_by_ground"], ROW_KEYS["objections_by_ground"]),
            "by_decision": _counts(report["objections_by_decision"]),
        },
        "disputes": {
            "total": report["disputes_total"],
            "by_stage": _counts(report["disputes_by_stage"], ROW_KEYS["disputes_by_stage"]),
            "by_outcome": _counts(report["disputes_by_outcome"]),
        },
    }


FIRST_YEAR = 2000  # as the report page (ppid.reports): no earlier year is served


class AnnualReportViewSet(KnownParameters, viewsets.ViewSet):
    """The yearly public-information service figures (Perki 1/2021 Pasal 36), as the report page
    shows them: counts only."""

    api_description = _(
        "The yearly figures of the public-information service (Perki 1/2021 Pasal 36), the same "
        "numbers as the report page: counts only, nothing about any requester."
    )

    lookup_field = "year"
    lookup_value_regex = r"[0-9]{4}"
    # Not the page cache: requests change without the publishing hooks that invalidate it.
    page_cacheable = False

    @extend_schema(responses=ReportYearSerializer(many=True))
    def list(self, request):
        this_year = timezone.localdate().year
        first = InformationRequest.objects.aggregate(first=Min("year"))["first"] or this_year
        years = range(this_year, max(first, FIRST_YEAR) - 1, -1)
        return Response(
            [
                {"year": year, "url": reverse("api:ppid-report-detail", [year], request=request)}
                for year in years
            ]
        )

    @extend_schema(
        responses=AnnualReportSerializer,
        parameters=[
            OpenApiParameter(
                "year", int, OpenApiParameter.PATH, description=_("The year, e.g. 2025.")
            ),
            OpenApiParameter(
                "agency",
                str,
                description=_(
                    "One agency's figures (its slug); on an agency's own domain always that agency."
                ),
            ),
            OpenApiParameter(
                "semester", int, enum=[1, 2], description=_("One half of the year: 1 or 2.")
            ),
        ],
    )
    def retrieve(self, request, year=None):
        year = int(year)
        if not FIRST_YEAR <= year <= timezone.localdate().year:
            raise exceptions.NotFound
        agency, semester = self._scope(request)
        data = report_data(annual_report(year, agency=agency, semester=semester))
        agency_data = AgencyRefSerializer(agency).data if agency else None
        return Response({**data, "agency": agency_data, "semester": semester})

    def known_parameters(self) -> set[str]:
        return {"agency", "semester"} if self.action == "retrieve" else set()

    @staticmethod
    def _scope(request) -> tuple[Agency | None, int | None]:
        """As the report page (ppid.reports.report_view): one agency's figures on its own domain
        or with ``agency=<slug>``, the whole portal's otherwise; a year or one semester."""
        errors = {}
        agency = site_agency(request)
        slug = request.query_params.get("agency")
        if agency is None and slug is not None:
            agency = Agency.objects.filter(slug=slug).first()
            if agency is None:
                errors["agency"] = [_("No agency has this slug.")]
        semester = request.query_params.get("semester")
        if semester is not None and semester not in ("1", "2"):
            errors["semester"] = [_("Enter 1 (January to June) or 2 (July to December).")]
        if errors:
            raise exceptions.ValidationError(errors)
        return agency, int(semester) if semester else None


def register(router) -> None:
    router.register("ppid/dip", DIPEntryViewSet, basename="dip")
    router.register("ppid/reports", AnnualReportViewSet, basename="ppid-report")

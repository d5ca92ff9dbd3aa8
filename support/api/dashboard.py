"""`support/dashboard/` (GET `year`, `agency`, `region`): the development dashboard's numbers
(DESIGN §8 "Dashboard"), as the workspace page shows them (support.dashboard).

Staff only: anonymous clients get 401, a signed-in person who reads no development record 403.
An unknown agency or region slug, or a year out of range, is a 400; an agency whose figures the
user may not see (staff outside a leading sector see their own agencies') a 403. The matrix and
the overlaps carry their first rows and their full count; the workspace lists them all.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.models import Agency
from catalog.api.base import answers, find_agency
from catalog.models import Region
from support.api.record import ReadsRecords
from support.dashboard import (
    GAPS,
    HEADLINE,
    PARTNERSHIP,
    Filters,
    Summary,
    dashboard_for,
)

# The question ------------------------------------------------------------------------------------


class DashboardQuery(drf.Serializer):
    year = drf.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("The year of the work counted; this year (Asia/Jakarta) when left out."),
    )
    agency = drf.SlugField(
        required=False,
        help_text=_(
            "Only this agency's work (its slug). Without it: every agency for administrators and "
            "members of a leading sector, the user's own agencies for other staff."
        ),
    )
    region = drf.SlugField(
        required=False, help_text=_("Only businesses of this region (activities: held there).")
    )

    def validate_agency(self, slug: str) -> Agency:
        agency = find_agency(slug)
        if agency is None:
            raise ValidationError(_("Unknown agency."))
        return agency

    def validate_region(self, slug: str) -> Region:
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            raise ValidationError(_("Unknown region."))
        return region


# The answer --------------------------------------------------------------------------------------


def _counts(keys: dict[str, Any], *, nullable: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        key: drf.IntegerField(help_text=str(label), allow_null=key in nullable)
        for key, label in keys.items()
    }


FiguresSerializer = type(
    "DashboardFiguresSerializer",
    (drf.Serializer,),
    {
        **_counts(HEADLINE),
        "median_days_to_answer": drf.FloatField(
            allow_null=True,
            help_text=_("Median days from sending a referral to its answer; null when none."),
        ),
    },
)
GapsSerializer = type(
    "DashboardGapsSerializer",
    (drf.Serializer,),
    _counts(GAPS),
)
PartnershipSerializer = type(
    "DashboardPartnershipSerializer", (drf.Serializer,), _counts(PARTNERSHIP)
)


class PartnerFiguresSerializer(drf.Serializer):
    partner = drf.SlugField(help_text=_("The partner's slug."))
    name = drf.CharField()
    businesses_served = drf.IntegerField(
        help_text=_(
            "Businesses given a service by the partner, or taking part in an activity it "
            "co-organised, in the year."
        )
    )
    milestones_credited = drf.IntegerField(
        help_text=_("Verified milestones achieved in the year that credit the partner.")
    )


class StageCountSerializer(drf.Serializer):
    stage = drf.CharField(help_text=_("The stage's code."))
    name = drf.CharField()
    businesses = drf.IntegerField(help_text=_("Businesses that reached the stage in the year."))


class AgencyNameSerializer(drf.Serializer):
    slug = drf.SlugField()
    short_name = drf.CharField()
    name = drf.CharField()


class MatrixRowSerializer(drf.Serializer):
    business = drf.SlugField(help_text=_("The business's slug."))
    name = drf.CharField()
    agencies = drf.IntegerField(help_text=_("How many agencies helped it in the year."))
    records = drf.IntegerField(help_text=_("Services and activities taken part in."))
    cells = drf.DictField(
        child=drf.IntegerField(), help_text=_("Services and activities taken part in, by agency.")
    )


class MatrixSerializer(drf.Serializer):
    count = drf.IntegerField(help_text=_("Businesses supported: every row there is."))
    agencies = AgencyNameSerializer(many=True, help_text=_("The agencies of the rows' cells."))
    rows = MatrixRowSerializer(many=True, help_text=_("The first rows, most agencies first."))


class OverlapSerializer(drf.Serializer):
    business = drf.SlugField()
    name = drf.CharField()
    stage = drf.CharField()
    kind = drf.CharField(help_text=_("A service's or an activity's kind."))
    agencies = drf.ListField(child=drf.SlugField())


class OverlapsSerializer(drf.Serializer):
    count = drf.IntegerField()
    results = OverlapSerializer(many=True, help_text=_("The first overlaps, most agencies first."))


class DashboardSerializer(drf.Serializer):
    year = drf.IntegerField()
    agency = drf.SlugField(allow_null=True)
    region = drf.SlugField(allow_null=True)
    agencies_in_view = drf.ListField(
        child=drf.SlugField(),
        allow_null=True,
        help_text=_("The agencies whose work counts; null for every agency."),
    )
    figures = FiguresSerializer()
    funnel = StageCountSerializer(many=True)
    matrix = MatrixSerializer()
    overlaps = OverlapsSerializer()
    gaps = GapsSerializer(help_text=_("As of today."))
    partnership = PartnershipSerializer(help_text=_("Agreements in view, as of today."))
    partners = PartnerFiguresSerializer(
        many=True,
        help_text=_(
            "Partners in view (every partner, or those party to an agreement in view), by name."
        ),
    )


def answer(filters: Filters, agency_ids: frozenset[int] | None, summary: Summary,
           agencies: dict[int, Agency]) -> dict[str, Any]:  # fmt: skip
    return {
        "year": filters.year,
        "agency": filters.agency.slug if filters.agency else None,
        "region": filters.region.slug if filters.region else None,
        "agencies_in_view": None
        if agency_ids is None
        else sorted(agencies[pk].slug for pk in agency_ids),
        "figures": {
            **{figure.key: figure.value for figure in summary.figures},
            "median_days_to_answer": summary.median_days_to_answer,
        },
        "funnel": [
            {"stage": row.stage.code, "name": row.stage.display_name, "businesses": row.businesses}
            for row in summary.funnel
        ],
        "matrix": {
            "count": summary.businesses,
            "agencies": summary.matrix_agencies,
            "rows": [
                {
                    "business": row.slug,
                    "name": row.name,
                    "agencies": row.agencies,
                    "records": row.records,
                    "cells": {agencies[pk].slug: n for pk, n in sorted(row.cells.items())},
                }
                for row in summary.matrix
            ],
        },
        "overlaps": {
            "count": summary.overlap_count,
            "results": [
                {
                    "business": overlap.slug,
                    "name": overlap.name,
                    "stage": overlap.stage.code,
                    "kind": overlap.kind,
                    "agencies": [agency.slug for agency in overlap.agencies],
                }
                for overlap in summary.overlaps
            ],
        },
        "gaps": {gap.key: gap.value for gap in summary.gaps},
        "partnership": {figure.key: figure.value for figure in summary.partnership},
        "partners": [
            {
                "partner": row.partner.slug,
                "name": row.partner.name,
                "businesses_served": row.businesses_served,
                "milestones_credited": row.milestones_credited,
            }
            for row in summary.partners
        ],
    }


class SupportDashboardView(APIView):
    permission_classes = [IsAuthenticated, ReadsRecords]

    @extend_schema(
        operation_id="support_dashboard",
        parameters=[DashboardQuery],
        responses=answers({200: DashboardSerializer}, 400, 401, 403, 429),
        description=_(
            "The development dashboard for a year: what the agencies in view did (figures), the "
            "businesses reaching each stage (funnel), which agencies helped which business "
            "(matrix: its first rows and their count), the same stage and kind given to one "
            "business by two or more agencies (overlaps: the first ones and their count), "
            "the gaps as of today (obligations past due and below target among them), the "
            "agreements expiring within 90 days, and per partner the businesses it served and "
            "the milestones credited to it in the year. Agreements in view: every one for "
            "administrators and members of a leading sector, else those an agency in view "
            "leads or is party to."
        ),
    )
    def get(self, request: Request) -> Response:
        query = DashboardQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        filters = Filters(
            year=values.get("year") or timezone.localdate().year,
            agency=values.get("agency"),
            region=values.get("region"),
        )
        board = dashboard_for(request.user, filters)  # 403: another agency's figures
        summary = board.summary()
        data = answer(filters, board.agency_ids, summary, board.agencies)
        return Response(DashboardSerializer(data).data)

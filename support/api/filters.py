"""List filters of the development record's work resources. Values are slugs and codes; an
unknown one, or a malformed month or year, is a 400 (as for products, docs/architecture.md §5).

The activity filters are the public calendar's own (`support.filters`: `tahap`, `dinas`,
`wilayah`, `bulan`), so that a link to `/kegiatan/?tahap=pelatihan` and the API ask the same
thing; `year` is the dashboard's.
"""

from typing import Any

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog.filters import StrictBooleanFilter
from catalog.models import Business
from support import filters as activity_filters
from support.models import Partner, Referral, Service, Stage
from support.models.referrals import ReferralQuerySet
from support.models.services import ServiceQuerySet


class YearFilter(filters.NumberFilter):
    """A calendar year, as a whole number."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", activity_filters.FIRST_YEAR)
        kwargs.setdefault("max_value", activity_filters.LAST_YEAR)
        kwargs.setdefault("label", _("year"))
        super().__init__(*args, **kwargs)


def _slug(queryset: QuerySet[Any], label: Any, *, method: str | None = None, **kwargs: Any) -> Any:
    return filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="slug", method=method, label=label, **kwargs
    )


def _stage(label: Any, **kwargs: Any) -> Any:
    return filters.ModelChoiceFilter(
        queryset=Stage.objects.all(), to_field_name="code", label=label, **kwargs
    )


class ActivityFilter(activity_filters.ActivityFilter):
    """The calendar's filters (`support.filters`), and the dashboard's `year`."""

    year = YearFilter(field_name="starts_at", lookup_expr="year", label=_("year it starts in"))
    agreement = filters.NumberFilter(field_name="agreement", label=_("agreement (id)"))


class ServiceFilter(filters.FilterSet):
    """`?business=...&agency=...&partner=...&agreement=3&stage=perizinan&year=2026`; voided
    services only with
    `include_voided=true`."""

    business = _slug(Business.objects.all(), _("business"), field_name="business")
    agency = _slug(Agency.objects.all(), _("providing agency"), field_name="agency")
    partner = _slug(Partner.objects.all(), _("providing partner"), field_name="partner")
    agreement = filters.NumberFilter(field_name="agreement", label=_("agreement (id)"))
    stage = _stage(_("stage (code)"), field_name="stage")
    year = YearFilter(field_name="provided_on", lookup_expr="year")
    include_voided = StrictBooleanFilter(
        method="filter_include_voided", label=_("include voided services")
    )

    def filter_include_voided(
        self, queryset: QuerySet[Service], name: str, value: bool | None
    ) -> QuerySet[Service]:
        return queryset  # `filter_queryset` reads it: leaving it out must narrow too

    def filter_queryset(self, queryset: ServiceQuerySet) -> ServiceQuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_voided"):
            queryset = queryset.standing()
        return queryset


class Box(filters.ChoiceFilter):
    """Incoming or outgoing, relative to the agencies the user is a member of."""

    INCOMING, OUTGOING = "incoming", "outgoing"


class ReferralFilter(filters.FilterSet):
    """`?box=incoming&status=sent&overdue=true`."""

    box = Box(
        choices=[(Box.INCOMING, _("incoming")), (Box.OUTGOING, _("outgoing"))],
        method="filter_box",
        label=_("incoming (to your agencies) or outgoing (from them)"),
    )
    status = filters.ChoiceFilter(choices=Referral.Status.choices, label=_("status"))
    overdue = StrictBooleanFilter(method="filter_overdue", label=_("unanswered past due"))

    def filter_box(self, queryset: ReferralQuerySet, name: str, value: str) -> ReferralQuerySet:
        user = self.request.user if self.request else None
        if value == Box.INCOMING:
            return queryset.incoming_to(user)
        return queryset.outgoing_from(user)

    def filter_overdue(
        self, queryset: ReferralQuerySet, name: str, value: bool | None
    ) -> ReferralQuerySet:
        if value is None:
            return queryset
        if value:
            return queryset.overdue()
        return queryset.exclude(pk__in=Referral.objects.overdue().values("pk"))

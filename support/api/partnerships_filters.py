"""List filters of `agreements/` (issue 14 item 3's: phase, partner, lead agency, stage) and of
`partners/`. Values are slugs, codes and choices; an unknown one is a 400, as for every list."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from support.models import Agreement, Partner, Stage
from support.models.agreements import AgreementQuerySet, Phase


class AgreementFilter(filters.FilterSet):
    """`?phase=expiring&partner=oke-oce&lead_agency=dinas-koperasi-ukm&stage=pendampingan`."""

    phase = filters.MultipleChoiceFilter(
        choices=Phase.choices, method="filter_phase", label=_("phase (today)")
    )
    partner = filters.ModelChoiceFilter(
        queryset=Partner.objects.all(),
        to_field_name="slug",
        method="filter_partner",
        label=_("partner party to it"),
    )
    lead_agency = filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), to_field_name="slug", label=_("lead agency")
    )
    stage = filters.ModelChoiceFilter(
        queryset=Stage.objects.all(), to_field_name="code", method="filter_stage", label=_("stage")
    )
    kind = filters.ChoiceFilter(choices=Agreement.Kind.choices, label=_("kind"))
    status = filters.ChoiceFilter(choices=Agreement.Status.choices, label=_("status"))

    def filter_phase(
        self, queryset: AgreementQuerySet, name: str, value: list[str]
    ) -> AgreementQuerySet:
        return queryset.in_phase(*value) if value else queryset

    def filter_partner(
        self, queryset: AgreementQuerySet, name: str, value: Partner | None
    ) -> AgreementQuerySet:
        return queryset.with_partner(value) if value is not None else queryset

    def filter_stage(
        self, queryset: AgreementQuerySet, name: str, value: Stage | None
    ) -> AgreementQuerySet:
        return queryset.covering(value) if value is not None else queryset


class PartnerFilter(filters.FilterSet):
    """`?kind=community`."""

    kind = filters.ChoiceFilter(choices=Partner.Kind.choices, label=_("kind"))

"""Product filters, shared by the public pages and the API (docs/architecture.md §5).

The pages speak Indonesian in their addresses (`kategori`, `wilayah`, `dinas`, `sertifikat`,
`unggulan`, `harga_min`, `harga_maks`), the API English (`category`, `region`, `agency`,
`certificate`, `flagship`, `price_min`, `price_max`); both filter sets declare their names and
call the same methods, so the rules cannot drift apart.
"""

from decimal import Decimal

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog.models import (
    Business,
    Category,
    Certificate,
    Collaboration,
    Designation,
    Product,
    Region,
)
from umkm_portal.api import StrictBooleanField as StrictBooleanField
from umkm_portal.api import StrictBooleanFilter as StrictBooleanFilter

MAX_PRICE = 10**12


class ProductFilterMethods:
    def filter_region(
        self, queryset: QuerySet[Product], name: str, value: Region
    ) -> QuerySet[Product]:
        return queryset.filter(region=value)

    def filter_agency(
        self, queryset: QuerySet[Product], name: str, value: Agency
    ) -> QuerySet[Product]:
        """Owned or co-curated (accepted collaboration) by the agency."""
        co_curated = Collaboration.objects.accepted().filter(agency=value).values("product_id")
        return queryset.filter(Q(owner_agency=value) | Q(pk__in=co_curated))

    def filter_certificate(
        self, queryset: QuerySet[Product], name: str, kind: str
    ) -> QuerySet[Product]:
        """Only valid (unexpired) certificates count."""
        certified = Certificate.objects.valid().filter(kind=kind).values("product_id")
        return queryset.filter(pk__in=certified)

    def filter_flagship(
        self, queryset: QuerySet[Product], name: str, value: bool | None
    ) -> QuerySet[Product]:
        current = Designation.objects.current().values("product_id")
        if value is True:
            return queryset.filter(pk__in=current)
        if value is False:
            return queryset.exclude(pk__in=current)
        return queryset

    def filter_price_min(
        self, queryset: QuerySet[Product], name: str, value: Decimal
    ) -> QuerySet[Product]:
        """Price ranges that reach up to at least `value` (overlap with [min, max])."""
        return queryset.filter(price_max__gte=value)

    def filter_price_max(
        self, queryset: QuerySet[Product], name: str, value: Decimal
    ) -> QuerySet[Product]:
        return queryset.filter(price_min__lte=value)


def _slug_choice(queryset, method, label):
    return filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="slug", method=method, label=label
    )


def _price(method, label):
    return filters.NumberFilter(method=method, min_value=0, max_value=MAX_PRICE, label=label)


class ProductFilter(ProductFilterMethods, filters.FilterSet):
    """The API's filters: `?category=...&region=...&agency=...&flagship=true`."""

    category = _slug_choice(Category.objects.all(), None, _("category"))
    region = _slug_choice(Region.objects.all(), "filter_region", _("region"))
    agency = _slug_choice(Agency.objects.all(), "filter_agency", _("agency"))
    business = filters.ModelChoiceFilter(
        queryset=Business.objects.active(), to_field_name="slug", label=_("business")
    )
    certificate = filters.ChoiceFilter(
        choices=Certificate.Kind.choices, method="filter_certificate", label=_("certificate")
    )
    flagship = StrictBooleanFilter(method="filter_flagship", label=_("flagship"))
    price_min = _price("filter_price_min", _("lowest price"))
    price_max = _price("filter_price_max", _("highest price"))
    # Narrows a queryset already limited to what the user may see (`visible_to`), so an
    # anonymous `status=draft` finds nothing.
    status = filters.ChoiceFilter(choices=Product.Status.choices, label=_("status"))


class PublicProductFilter(ProductFilterMethods, filters.FilterSet):
    """The product page's filters: `/produk/?kategori=...&wilayah=...&unggulan=1`."""

    kategori = filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug", field_name="category"
    )
    wilayah = _slug_choice(Region.objects.all(), "filter_region", _("region"))
    dinas = _slug_choice(Agency.objects.all(), "filter_agency", _("agency"))
    sertifikat = filters.ChoiceFilter(
        choices=Certificate.Kind.choices, method="filter_certificate", label=_("certificate")
    )
    unggulan = filters.BooleanFilter(
        method="filter_flagship",
        label=_("flagship products only"),
        widget=filters.widgets.BooleanWidget(),
    )
    harga_min = _price("filter_price_min", _("lowest price"))
    harga_maks = _price("filter_price_max", _("highest price"))

    def qs_without(self, name: str) -> QuerySet[Product]:
        """The products matching every valid filter but `name`: what a facet counts. Reuses
        this filter set's validated values, so slugs are looked up once per request."""
        self.is_valid()
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name != name:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    #: filter name → the facet it belongs to (a facet counts with every filter but its own)
    FACETS = {
        "kategori": "category",
        "wilayah": "region",
        "dinas": "agency",
        "sertifikat": "certificate",
    }

"""/ruang-kerja/produk/ and /ruang-kerja/umkm/: the products and businesses I may edit.

Each list starts from the queryset narrowed to the user (`editable_by`), so nothing of another
agency can appear. The filters are forms: a value that is not allowed (an unknown status, an
agency that is not mine) is reported next to its field and ignored, never a 500.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog import rules
from catalog.models import Business, Collaboration, Product
from catalog.pagination import CappedPaginator
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.fields import SearchField, valid_filters

PER_PAGE = 25
M = TypeVar("M", bound=Model)


class ProductFilters(forms.Form):
    q = SearchField(label=_("Name contains"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every status")), *Product.Status.choices],
    )
    dinas = forms.ChoiceField(label=_("Agency"), required=False)

    def __init__(self, data: Mapping[str, Any] | None, *, agencies: Iterable[Agency]) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["dinas"]).choices = [
            ("", _("All my agencies")),
            *((agency.slug, agency.short_name) for agency in agencies),
        ]


class BusinessFilters(forms.Form):
    q = SearchField(label=_("Name contains"))
    aktif = forms.ChoiceField(
        label=_("Active"),
        required=False,
        choices=[
            ("", _("Active and inactive")),
            ("1", _("Active only")),
            ("0", _("Inactive only")),
        ],
    )


def paginate(request: SignedInHttpRequest, queryset: QuerySet[M]) -> Page[M]:
    return CappedPaginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@never_cache
@require_safe
@login_required
def product_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    administrator = rules.is_administrator(user)
    agencies = list(rules.acting_agencies(user))
    edits = administrator or bool(agencies)
    form = ProductFilters(request.GET, agencies=agencies)
    values = valid_filters(form)

    products = Product.objects.editable_by(user) if edits else Product.objects.none()
    if "q" in values:
        products = products.filter(name__icontains=values["q"])
    if "status" in values:
        products = products.filter(status=values["status"])
    if "dinas" in values:
        products = products.curated_by(Agency.objects.filter(slug=values["dinas"]))
    co_curated = Collaboration.objects.accepted().filter(product=OuterRef("pk"))
    products = (
        products.select_related("business", "owner_agency")
        .annotate(co_curated=Exists(co_curated))
        .order_by("-updated_at", "pk")
    )
    context = {
        "form": form,
        "page": paginate(request, products),
        "edits": edits,
        "administrator": administrator,
        "my_agency_ids": {agency.pk for agency in agencies} if not administrator else set(),
        "filtered": bool(values or form.errors),
        "workspace_root": reverse("workspace"),
    }
    return render(request, "workspace/product_list.html", context)


@never_cache
@require_safe
@login_required
def business_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    edits = rules.can_create_business(user)
    form = BusinessFilters(request.GET)
    values = valid_filters(form)

    businesses = Business.objects.editable_by(user) if edits else Business.objects.none()
    if "q" in values:
        businesses = businesses.filter(name__icontains=values["q"])
    if "aktif" in values:
        businesses = businesses.filter(is_active=values["aktif"] == "1")
    businesses = businesses.select_related("region", "registering_agency").order_by("name", "pk")
    context = {
        "form": form,
        "page": paginate(request, businesses),
        "edits": edits,
        "filtered": bool(values or form.errors),
        "workspace_root": reverse("workspace"),
    }
    return render(request, "workspace/business_list.html", context)

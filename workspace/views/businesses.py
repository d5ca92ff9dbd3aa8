"""Workspace pages of businesses (UMKM): register one, see and edit it, deactivate it.

Registering warns about businesses with similar names before a duplicate is made, and a NIB
that is registered already leads to the business that has it instead of a second one."""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog import rules, services
from catalog.models import Business, Product
from catalog.services.businesses import DuplicateNIB
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.forms import BusinessCreateForm, BusinessForm

from .helpers import (
    GET_OR_POST,
    add_errors,
    posted,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

PRODUCT_LIMIT = 100


def business_url(business: Business) -> str:
    return reverse("workspace-business", args=[business.slug])


def where_to_see(user: "User", businesses: Iterable[Business]) -> list[tuple[Business, str | None]]:
    """[(business, url or None)]: the workspace page of each business the user may see."""
    visible = set(
        Business.objects.visible_to(user)
        .filter(pk__in=[business.pk for business in businesses])
        .values_list("pk", flat=True)
    )
    return [
        (business, business_url(business) if business.pk in visible else None)
        for business in businesses
    ]


def save_or_explain(
    form: BaseForm, save: Callable[[], Business]
) -> tuple[Business | None, Business | None]:
    """Run `save`; on a refusal of the data, put it on the form. Returns (business, duplicate):
    the saved business, or the business that holds the NIB already."""
    try:
        return save(), None
    except DuplicateNIB as error:
        add_errors(form, error)
        return None, error.existing
    except ValidationError as error:
        add_errors(form, error)
        return None, None


@workspace_page
@GET_OR_POST
def business_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.can_create_business(user))
    form = BusinessCreateForm(posted(request), user=user)
    similar, duplicate = [], None
    if form.is_valid():
        data = dict(form.cleaned_data)
        confirmed = data.pop("different_business")
        agency = data.pop("registering_agency")
        if not confirmed:
            similar = list(services.similar_businesses(data["name"]).select_related("region"))
        if not similar:
            business, duplicate = save_or_explain(
                form,
                lambda: services.create_business(by=user, registering_agency=agency, **data),
            )
            if business:
                messages.success(request, _("The business “%(name)s” is registered.") % data)
                return redirect(business_url(business))
    context = {
        "form": form,
        "similar": where_to_see(user, similar),
        "duplicate": where_to_see(user, [duplicate])[0] if duplicate else None,
    }
    return render(request, "workspace/catalogue/business_form.html", context)


@workspace_page
@GET_OR_POST
def business_page(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    businesses = Business.objects.visible_to(user).select_related("region", "registering_agency")
    business = get_object_or_404(businesses, slug=slug)
    can_edit = rules.can_edit_business(user, business)
    form, duplicate = None, None
    if request.method == "POST":
        refuse_unless(can_edit)
        form = BusinessForm(request.POST, instance=business)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            if not changes:
                messages.info(request, _("Nothing changed."))
                return redirect(business_url(business))
            saved, duplicate = save_or_explain(
                form, lambda: services.update_business(business=business, by=user, **changes)
            )
            if saved:
                messages.success(request, _("Your changes are saved."))
                return redirect(business_url(saved))
    elif can_edit:
        form = BusinessForm(instance=business)
    products = (
        Product.objects.visible_to(user)
        .filter(business=business)
        .select_related("category", "owner_agency")
        .order_by("name", "pk")
    )
    context = {
        "business": business,
        "can_edit": can_edit,
        # Offered only to whoever may create a product (a reviewer may not: it led to a 403).
        "can_add_product": business.is_active
        and bool(rules.editing_agency_ids(user) or rules.is_administrator(user)),
        "form": form,
        "duplicate": where_to_see(user, [duplicate])[0] if duplicate else None,
        "products": products[:PRODUCT_LIMIT],
        "product_limit": PRODUCT_LIMIT,
    }
    return render(request, "workspace/catalogue/business.html", context)


@workspace_action
def business_deactivate(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    business = get_object_or_404(Business.objects.visible_to(request.user), slug=slug)
    return run_action(
        request,
        lambda: services.deactivate_business(business=business, by=request.user),
        success=_("The business and its products are no longer public; nothing is deleted."),
        back=business_url(business),
    )

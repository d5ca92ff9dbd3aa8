"""The workspace pages of one product: create, its page (status, pictures, certificates, links,
collaborations), edit, publish/unpublish/archive/hand over, and its change history.

Every page finds the product through `Product.objects.visible_to(user)` (404 for what a user may
not see), asks the predicate of catalog.rules before a form is read, and writes through a service
of catalog.services."""

from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalog import rules, services
from catalog.models import Business, Product
from catalog.uploads import SHARP_WIDTH, StorageUnavailable
from umkm_portal.services import NotAllowedNow
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.forms import (
    CertificateForm,
    HandOverForm,
    ImageForm,
    InviteForm,
    LinkForm,
    ProductContentForm,
    ProductCreateForm,
)

from .helpers import (
    GET_OR_POST,
    add_errors,
    first_message,
    history_entries,
    posted,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)


def visible_product(request: SignedInHttpRequest, slug: str) -> Product:
    products = Product.objects.visible_to(request.user).select_related(
        "business__region", "category", "owner_agency"
    )
    return get_object_or_404(products, slug=slug)


def product_url(product: Product, anchor: str = "") -> str:
    return reverse("workspace-product", args=[product.slug]) + (f"#{anchor}" if anchor else "")


def render_page(request: SignedInHttpRequest, product: Product, **forms: BaseForm) -> HttpResponse:
    """The product's workspace page; `forms` are bound forms to show again with their errors."""
    user = request.user
    can_edit = rules.can_edit_product(user, product)
    can_manage = rules.can_manage_product(user, product)
    context = {
        "product": product,
        "can_edit": can_edit,
        "can_manage": can_manage,
        # Only a link that leads somewhere: a reviewer or an administrator cannot nominate.
        "can_nominate": can_edit and product.is_public and rules.can_nominate(user, product),
        "images": product.images.all(),
        "sharp_width": SHARP_WIDTH,
        "certificates": product.certificates.select_related("verified_by"),
        "links": product.links.all(),
        "collaborations": product.collaborations.select_related(
            "agency", "invited_by", "answered_by", "ended_by"
        ),
    }
    if can_edit:
        verifier = services.verifying_agency(user, product)
        context["image_form"] = forms.get("image_form") or ImageForm()
        context["certificate_form"] = forms.get("certificate_form") or CertificateForm(
            verifier=verifier
        )
        context["link_form"] = forms.get("link_form") or LinkForm()
    if can_manage:
        context["hand_over_form"] = forms.get("hand_over_form") or HandOverForm(
            user=user, product=product
        )
        context["invite_form"] = forms.get("invite_form") or InviteForm(product=product)
    return render(request, "workspace/catalogue/product.html", context)


@workspace_page
@GET_OR_POST
def product_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.acting_agencies(user).exists())
    initial: dict[str, int] = {}
    if business := Business.objects.active().filter(slug=request.GET.get("umkm")).first():
        initial["business"] = business.pk
    form = ProductCreateForm(posted(request), user=user, initial=initial)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            product = services.create_product(
                by=user,
                owner_agency=data.pop("owner_agency"),
                business=data.pop("business"),
                **data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The product “%(name)s” is saved.") % {"name": product})
            return redirect(product_url(product))
    return render(request, "workspace/catalogue/product_form.html", {"form": form})


@workspace_page
@require_safe
def product_page(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    return render_page(request, visible_product(request, slug))


@workspace_page
@GET_OR_POST
def product_edit(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    refuse_unless(rules.can_edit_product(request.user, product))
    form = ProductContentForm(posted(request), instance=product)
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if not changes:
            messages.info(request, _("Nothing changed."))
            return redirect(product_url(product))
        try:
            services.update_product(product=product, by=request.user, **changes)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(product_url(product))
    return render(
        request, "workspace/catalogue/product_form.html", {"form": form, "product": product}
    )


@workspace_action
def product_publish(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    return run_action(
        request,
        lambda: services.publish(product=product, by=request.user),
        success=_("Published: everyone can see the product now."),
        back=product_url(product),
    )


@workspace_action
def product_unpublish(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    return run_action(
        request,
        lambda: services.unpublish(product=product, by=request.user),
        success=_("Unpublished: the product is a draft again."),
        back=product_url(product),
    )


@workspace_action
def product_archive(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    return run_action(
        request,
        lambda: services.archive(product=product, by=request.user),
        success=_("Archived: the product is no longer public; it stays in the history."),
        back=product_url(product),
    )


@workspace_action
def product_hand_over(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    refuse_unless(rules.can_manage_product(request.user, product))
    form = HandOverForm(request.POST, user=request.user, product=product)
    if form.is_valid():
        agency = form.cleaned_data["agency"]
        try:
            services.hand_over(product=product, by=request.user, agency=agency)
        except NotAllowedNow as error:
            messages.error(request, first_message(error))
            return redirect(product_url(product))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Handed over to %(agency)s.") % {"agency": agency})
            return redirect(product_url(product))
    return render_page(request, product, hand_over_form=form)


# Pictures ---------------------------------------------------------------------------------------


@workspace_action
def image_add(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    """One or several pictures, all or none (catalog.services.add_images); a warning for each
    picture narrower than SHARP_WIDTH (accepted, but blurred on a phone)."""
    product = visible_product(request, slug)
    refuse_unless(rules.can_edit_product(request.user, product))
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.add_images(
                product=product,
                by=request.user,
                uploads=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            add_errors(form, error)
        except StorageUnavailable as error:  # the server's passing fault: 503, on the form
            form.add_error("image", error.message)
            response = render_page(request, product, image_form=form)
            response.status_code = 503
            response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
            return response
        else:
            if len(added) == 1:
                messages.success(request, _("The picture is added."))
            else:  # never one: the plural forms of Indonesian and English need no ngettext
                messages.success(
                    request, _("%(count)s pictures are added.") % {"count": len(added)}
                )
            for image in added:
                if image.width and image.width < SHARP_WIDTH:
                    messages.warning(
                        request,
                        _(
                            "“%(text)s” is %(width)s px wide: it will look blurred on phones. "
                            "A picture at least %(sharp)s px wide looks sharp."
                        )
                        % {"text": image.alt_text, "width": image.width, "sharp": SHARP_WIDTH},
                    )
            return redirect(product_url(product, "pictures"))
    return render_page(request, product, image_form=form)


@workspace_action
def image_move(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One step earlier (`direction=up`), later (`down`), or first (`main`: the main picture,
    shown on cards and first in the gallery): the whole order goes to the service."""
    product = visible_product(request, slug)
    image = get_object_or_404(product.images, pk=pk)
    order = list(product.images.values_list("pk", flat=True))
    here = order.index(image.pk)
    direction = request.POST.get("direction")
    if direction == "main":
        order.insert(0, order.pop(here))
        success = _("“%(text)s” is the main picture now.") % {"text": image.alt_text}
    else:
        there = here - 1 if direction == "up" else here + 1
        if 0 <= there < len(order):
            order[here], order[there] = order[there], order[here]
        success = _("The order of the pictures is saved.")
    return run_action(
        request,
        lambda: services.reorder_images(product=product, by=request.user, order=order),
        success=success,
        back=product_url(product, "pictures"),
    )


@workspace_action
def image_remove(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    product = visible_product(request, slug)
    image = get_object_or_404(product.images, pk=pk)
    return run_action(
        request,
        lambda: services.remove_image(image=image, by=request.user),
        success=_("The picture is removed."),
        back=product_url(product, "pictures"),
    )


# Certificates and links ------------------------------------------------------------------------


@workspace_action
def certificate_add(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    refuse_unless(rules.can_edit_product(request.user, product))
    verifier = services.verifying_agency(request.user, product)
    form = CertificateForm(request.POST, request.FILES, verifier=verifier)
    if form.is_valid():
        try:
            services.add_certificate(product=product, by=request.user, **form.service_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The certificate is added."))
            return redirect(product_url(product, "certificates"))
    return render_page(request, product, certificate_form=form)


@workspace_page
@GET_OR_POST
def certificate_edit(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    product = visible_product(request, slug)
    certificate = get_object_or_404(product.certificates, pk=pk)
    refuse_unless(rules.can_edit_product(request.user, product))
    verifier = services.verifying_agency(request.user, product)
    form = CertificateForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        instance=certificate,
        verifier=verifier,
    )
    if form.is_valid():
        try:
            services.update_certificate(
                certificate=certificate, by=request.user, **form.service_data()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The certificate is saved."))
            return redirect(product_url(product, "certificates"))
    context = {"form": form, "product": product, "certificate": certificate}
    return render(request, "workspace/catalogue/certificate_form.html", context)


@workspace_page
@require_safe
def certificate_scan(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponseBase:
    """The scan of a certificate, for staff who see the product in the workspace (the file is
    private: never under the public /media/); always a download, never shown as a page."""
    product = visible_product(request, slug)
    certificate = get_object_or_404(product.certificates.exclude(scan=""), pk=pk)
    suffix = PurePath(certificate.scan.name or "").suffix
    try:
        scan = certificate.scan.open("rb")
    except OSError as error:  # the row outlived its file
        raise Http404 from error
    name = slugify(f"{certificate.get_kind_display()} {certificate.number}") or "scan"
    response = FileResponse(scan, as_attachment=True, filename=f"{name}{suffix}")
    response["Cache-Control"] = "private, no-store"
    return response


@workspace_action
def certificate_remove(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    product = visible_product(request, slug)
    certificate = get_object_or_404(product.certificates, pk=pk)
    return run_action(
        request,
        lambda: services.remove_certificate(certificate=certificate, by=request.user),
        success=_("The certificate is removed."),
        back=product_url(product, "certificates"),
    )


@workspace_action
def link_add(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    product = visible_product(request, slug)
    refuse_unless(rules.can_edit_product(request.user, product))
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.add_link(product=product, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The link is added."))
            return redirect(product_url(product, "links"))
    return render_page(request, product, link_form=form)


@workspace_action
def link_remove(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    product = visible_product(request, slug)
    link = get_object_or_404(product.links, pk=pk)
    return run_action(
        request,
        lambda: services.remove_link(link=link, by=request.user),
        success=_("The link is removed."),
        back=product_url(product, "links"),
    )


# History ----------------------------------------------------------------------------------------

HISTORY_PAGE_SIZE = 20


@workspace_page
@require_safe
def product_history(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    """Who changed what and when, newest first: each record compared with the one before it."""
    product = visible_product(request, slug)
    records = product.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )
    page = Paginator(records, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    offset = (page.number - 1) * HISTORY_PAGE_SIZE
    # One record more than the page shows: the last one on the page is compared with it.
    window = list(records[offset : offset + HISTORY_PAGE_SIZE + 1])
    context = {
        "product": product,
        "page": page,
        "entries": history_entries(window, Product)[:HISTORY_PAGE_SIZE],
    }
    return render(request, "workspace/catalogue/product_history.html", context)

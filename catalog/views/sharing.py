"""Sharing and keeping products: the favourites page (the list itself lives in the visitor's
browser, static/js/favourites.js, so the page is the same for everyone and cacheable) and a
print sheet of a product's QR code."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from catalog.models import Product
from umkm_portal.caching import public_page


@require_safe
@public_page
def favourites(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/favourites.html")


@require_safe
@public_page
def product_qr_print(request: HttpRequest, slug: str) -> HttpResponse:
    """One sheet with the product's QR code, its name, its business and its address, to print
    and put on a stall or a package (the code itself: `public.product_qr`)."""
    product = get_object_or_404(
        Product.objects.published().select_related("business__region"), slug=slug
    )
    return render(request, "catalog/product_qr_print.html", {"product": product})

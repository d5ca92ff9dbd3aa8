"""Public pages. The full catalogue arrives with the public-pages issue; this is its door."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from catalog.models import Category, Designation, Product, Region


@require_safe
def home(request):
    published = Product.objects.published()
    context = {
        "product_count": published.count(),
        "flagship_count": Designation.objects.current().count(),
        "categories": Category.objects.all(),
        "regions": Region.objects.all(),
        "newest_products": published.select_related("business__region", "category")[:8],
    }
    return render(request, "catalog/home.html", context)

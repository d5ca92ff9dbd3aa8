"""Public pages: what citizens, buyers and tourists see. All are GET-only, read no session of a
visitor who has none, and are cacheable until the next midnight (see caching.py)."""

import io
from typing import cast

import segno
from django.core.paginator import Page
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog import facets
from catalog.filters import PublicProductFilter
from catalog.models import (
    Business,
    Category,
    Certificate,
    Collaboration,
    Designation,
    Product,
    ProductImage,
    Region,
)
from catalog.pagination import CappedPaginator
from catalog.search import (
    SUGGEST_BELOW,
    capped_count,
    capped_counts,
    clean_query,
    count_is_floor,
    search_products,
    suggestion,
)
from catalog.templatetags.portal import capped
from catalog.trail import curation_trail
from catalog.views.seo import product_json_ld
from umkm_portal.caching import mark_private, public_page, viewer
from umkm_portal.public_cache import aggregates

PAGE_SIZES = (12, 24, 48)
SORTS = {
    "terbaru": ("-created_at", "pk"),
    "nama": ("name", "pk"),
    "harga": ("price_min", "pk"),
    "harga_turun": ("-price_max", "pk"),
}


def product_cards(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Products as cards: their business, region, category, first images and flagship mark,
    in a fixed number of queries whatever the page size."""
    current = Designation.objects.current().filter(product=OuterRef("pk"))
    return (
        queryset.select_related("business__region", "category")
        .annotate(flagship=Exists(current))
        .prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("order", "pk")))
    )


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = 24) -> Page:
    """A page of `queryset`; an anonymous visitor's count comes from the cache of aggregates."""
    paginator = CappedPaginator(
        queryset,
        per_page,
        matches=lambda: aggregates.get(request, "count", lambda: capped_count(queryset)),
    )
    return paginator.get_page(request.GET.get("page"))


def counted(request, name, objects, products_of) -> list:
    """`objects`, each with `n`: its products counted up to the cap, all in one query of bounded
    counts (never a count over the whole catalogue), kept in the cache of aggregates for
    anonymous visitors."""
    objects = list(objects)
    counts = aggregates.get(
        request, name, lambda: capped_counts({obj.pk: products_of(obj) for obj in objects})
    )
    for obj in objects:
        obj.n = counts[obj.pk]
    return objects


@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    published = Product.objects.published()
    flagships = published.flagships()
    categories = counted(
        request, "home:categories", Category.objects.all(), lambda c: published.filter(category=c)
    )
    regions = counted(
        request,
        "home:regions",
        Region.objects.all(),
        lambda r: published.filter(region=r),
    )
    context = {
        "product_count": aggregates.get(request, "home:products", lambda: capped_count(published)),
        "business_count": capped_count(Business.objects.active()),
        "agency_count": Agency.objects.count(),
        "flagships": product_cards(flagships).order_by("name")[:6],
        "flagship_count": flagships.count(),
        "categories": categories,
        "regions": regions,
        "newest_products": product_cards(published).order_by("-created_at", "pk")[:8],
    }
    return render(request, "catalog/home.html", context)


@require_safe
@public_page
def product_list(request: HttpRequest) -> HttpResponse:
    q = clean_query(request.GET.get("q"))
    searched, fuzzy = search_products(Product.objects.published(), q)
    filterset = PublicProductFilter(request.GET, queryset=searched)
    products = filterset.qs
    sort = request.GET.get("urut") or ("relevan" if q else "terbaru")
    if sort in SORTS:
        products = products.order_by(*SORTS[sort])
    elif not q:
        sort = "terbaru"
        products = products.order_by(*SORTS[sort])
    selected = {name: request.GET.get(name, "") for name in PublicProductFilter.FACETS}
    facet_names = {name: f"{name}={value}" for name, value in selected.items()}
    aggregates.preload(request, ["count", "unggulan", *facet_names.values()])
    per_page = _int(request.GET.get("per_page"), 24)
    page = paginate(request, product_cards(products), per_page if per_page in PAGE_SIZES else 24)
    matches = cast(CappedPaginator, page.paginator).matches

    without = filterset.qs_without

    def facet(count, name, selected, *args):
        """A facet's values and counts, from the cache of aggregates for anonymous visitors."""
        queryset = without(name)
        return aggregates.get(request, facet_names[name], lambda: count(queryset, selected, *args))

    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    few = fuzzy or matches < SUGGEST_BELOW
    context = {
        "q": q,
        "fuzzy": fuzzy,
        # "Did you mean": only when the search finds (next to) nothing.
        "suggested": (
            suggestion(request, Product.objects.published(), q, page.object_list)
            if q and few
            else ""
        ),
        "sort": sort,
        # Links leave the default order out of the address (catalog/templatetags/portal.py).
        "query_defaults": {"urut": "relevan" if q else "terbaru"},
        "filterset": filterset,
        "errors": filterset.errors,
        "page": page,
        "total": matches,
        "shown_total": capped(matches) + ("+" if count_is_floor(q, matches) else ""),
        "facets": {
            "kategori": facet(facets.category_facet, "kategori", selected["kategori"]),
            "wilayah": facet(facets.region_facet, "wilayah", selected["wilayah"]),
            "dinas": facet(facets.agency_facet, "dinas", selected["dinas"]),
            "sertifikat": facet(facets.certificate_facet, "sertifikat", selected["sertifikat"]),
        },
        "flagship_count": aggregates.get(
            request, "unggulan", lambda: facets.flagship_count(without("unggulan"))
        ),
        "flagship_only": cleaned.get("unggulan") is True,
        "active_filters": sum(
            1 for name in filterset.filters if cleaned.get(name) not in (None, "")
        ),
        "harga_min": request.GET.get("harga_min", ""),
        "harga_maks": request.GET.get("harga_maks", ""),
    }
    # Read from the header, as the page cache keys it, not from django-htmx's request.htmx.
    partial = request.headers.get("HX-Request") == "true"
    template = "catalog/_catalogue.html" if partial else "catalog/product_list.html"
    response = render(request, template, context)
    response["Vary"] = "HX-Request"
    return response


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_safe
@public_page
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    products = Product.objects.visible_to(viewer(request)).select_related(
        "business__region", "category", "owner_agency"
    )
    try:
        product = products.prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("order", "pk")),
            Prefetch("certificates", queryset=Certificate.objects.select_related("verified_by")),
            "links",
            Prefetch(
                "collaborations",
                queryset=Collaboration.objects.accepted().select_related("agency"),
                to_attr="accepted_collaborations",
            ),
        ).get(slug=slug)
    except Product.DoesNotExist:
        return product_gone(request, slug)
    designation = Designation.objects.current().filter(product=product).first()
    related = product_cards(
        Product.objects.published().filter(category=product.category).exclude(pk=product.pk)
    ).order_by("-created_at", "pk")[:4]
    context = {
        "product": product,
        "designation": designation,
        "trail": curation_trail(product, product.accepted_collaborations),
        "related": related,
        "json_ld": product_json_ld(request, product, designation),
    }
    response = render(request, "catalog/product_detail.html", context)
    mark_private(response, not product.is_public)
    # The ETag (ConditionalGetMiddleware) covers everything shown; Last-Modified the product and
    # its business, for clients that only re-validate by date.
    response["Last-Modified"] = http_date(
        max(product.updated_at, product.business.updated_at).timestamp()
    )
    return response


def product_gone(request: HttpRequest, slug: str) -> HttpResponse:
    """A product that was public and is archived now (its QR code may still be printed on old
    packaging): 410 Gone, saying so, with its business when that is still public and a few
    published products of its category. Anything else this visitor may not see — a draft, a
    product archived before it was ever published, no product at all — is a plain 404: there
    is nothing to say about what was never public (docs/decisions.md)."""
    product = (
        Product.objects.filter(
            slug=slug, status=Product.Status.ARCHIVED, published_at__isnull=False
        )
        .select_related("business", "category")
        .first()
    )
    if product is None:
        raise Http404
    business = product.business if product.business.is_active else None
    similar = product_cards(
        Product.objects.published().filter(category=product.category).exclude(pk=product.pk)
    ).order_by("-created_at", "pk")[:4]
    context = {"product": product, "business": business, "similar": similar}
    return render(request, "catalog/product_gone.html", context, status=410)


@require_safe
@public_page
def product_qr(request: HttpRequest, slug: str) -> HttpResponse:
    """A QR code of the product's page, as SVG, for printing on stalls and packaging."""
    product = get_object_or_404(Product.objects.published(), slug=slug)
    url = request.build_absolute_uri(product.get_absolute_url())
    svg = io.BytesIO()
    # A standalone SVG document (with xmlns), not segno's inline variant: browsers cannot show
    # an <svg> without its namespace as an image.
    segno.make(url, error="m").save(svg, kind="svg", xmldecl=False, scale=6, border=2)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@require_safe
@public_page
def flagship_list(request: HttpRequest) -> HttpResponse:
    designations = (
        Designation.objects.current()
        .filter(product__in=Product.objects.published())
        .select_related("product__business__region", "product__category")
        .prefetch_related(
            Prefetch("product__images", queryset=ProductImage.objects.order_by("order", "pk"))
        )
        .order_by("-year", "product__name")
    )
    periods: dict[int, list[Designation]] = {}
    for designation in designations:
        periods.setdefault(designation.year, []).append(designation)
    # Earlier periods, as the README promises ("flagships by period"): ended, never revoked;
    # a product taken out of the catalogue since is named without a link.
    earlier = (
        Designation.objects.in_status(Designation.Status.EXPIRED)
        .select_related("product__business")
        .order_by("-year", "product__name", "pk")[:EARLIER_SHOWN]
    )
    past: dict[int, list[Designation]] = {}
    for designation in earlier:
        past.setdefault(designation.year, []).append(designation)
    context = {
        "periods": sorted(periods.items(), reverse=True),
        "past_periods": sorted(past.items(), reverse=True),
        "listed": set(
            Product.objects.published()
            .filter(pk__in=[d.product_id for d in earlier])
            .values_list("pk", flat=True)
        ),
    }
    return render(request, "catalog/flagship_list.html", context)


#: Designations of earlier periods listed on /unggulan/, newest period first.
EARLIER_SHOWN = 200


@require_safe
@public_page
def business_list(request: HttpRequest) -> HttpResponse:
    q = clean_query(request.GET.get("q"))
    businesses = Business.objects.active().select_related("region")
    region = request.GET.get("wilayah", "")
    if region:
        businesses = businesses.filter(region__slug=region)
    if q:
        businesses = businesses.filter(name__icontains=q)
    # Counted for the page's businesses only (a correlated count), not grouped over them all.
    published = (
        Product.objects.filter(business=OuterRef("pk"), status=Product.Status.PUBLISHED)
        .order_by()
        .values("business")
        .annotate(n=Count("pk"))
        .values("n")
    )
    businesses = businesses.annotate(product_count=Coalesce(Subquery(published), 0)).order_by(
        "name", "pk"
    )
    context = {
        "q": q,
        "region": region,
        "regions": Region.objects.all(),
        "page": paginate(request, businesses),
    }
    return render(request, "catalog/business_list.html", context)


@require_safe
@public_page
def business_detail(request: HttpRequest, slug: str) -> HttpResponse:
    business = get_object_or_404(
        Business.objects.visible_to(viewer(request)).select_related("region", "registering_agency"),
        slug=slug,
    )
    products = product_cards(Product.objects.published().filter(business=business))
    context = {"business": business, "page": paginate(request, products.order_by("name", "pk"))}
    response = render(request, "catalog/business_detail.html", context)
    mark_private(response, not business.is_active)
    return response


@require_safe
@public_page
def agency_list(request: HttpRequest) -> HttpResponse:
    published = Product.objects.published()
    agencies = counted(
        request,
        "agencies:co-curated",
        Agency.objects.order_by("-is_leading_sector", "name"),
        lambda a: Collaboration.objects.accepted().filter(agency=a, product__in=published),
    )
    for agency in agencies:
        agency.co_curated = agency.n
    counted(request, "agencies:owned", agencies, lambda a: published.filter(owner_agency=a))
    for agency in agencies:
        agency.owned = agency.n
    return render(request, "catalog/agency_list.html", {"agencies": agencies})


@require_safe
@public_page
def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.all(), slug=slug)
    products = product_cards(
        Product.objects.published().curated_by(Agency.objects.filter(pk=agency.pk))
    ).order_by("name", "pk")
    return render(
        request,
        "catalog/agency_detail.html",
        {"agency": agency, "page": paginate(request, products)},
    )

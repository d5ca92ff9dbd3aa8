"""`products/`: read by everyone, written by their curating agencies (docs/architecture.md §4,
§5), with their pictures and the agencies invited to co-curate them.

The viewset only translates: every change is made by a service of `catalog.services`, and every
right is decided by `catalog.rules`, in the order of `base`. A PATCH that changes several things
runs in one transaction: if any part is refused, nothing of it stays.
"""

from collections.abc import Sequence
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import rules, services
from catalog.exceptions import UploadTooLarge
from catalog.filters import ProductFilter
from catalog.models import Collaboration, Product
from catalog.pagination import CappedPaginator
from catalog.search import (
    SEARCH_CANDIDATES,
    SUGGEST_BELOW,
    clean_query,
    count_is_floor,
    search_products,
    suggestion,
)
from catalog.uploads import StorageUnavailable
from umkm_portal.api import KnownParametersFilter
from umkm_portal.services import require
from umkm_portal.signed_in import SignedInRequest

from . import serializers
from .base import (
    AllowListOrderingFilter,
    PublicCacheMixin,
    TextSearchFilter,
    added,
    answers,
    creation,
    find_agency,
    page_of,
    payload,
    sub_collection,
    validated,
)
from .collaborations import CollaborationSerializer, InvitationSerializer, with_related
from .pagination import CappedPageNumberPagination

PRODUCT_ERRORS = (400, 401, 403, 404, 409)


class ProductPagination(CappedPageNumberPagination):
    """The product list's page; with `search`, also `suggestion` ("did you mean") when it finds
    (next to) nothing — the same words, from the same function, as the product page offers —
    and `count_is_floor`, true when `count` is a lower bound (the page's "2.000+")."""

    def paginate_queryset(
        self, queryset: QuerySet | Sequence, request: Request, view: APIView | None = None
    ) -> list | None:
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        text = clean_query(cast(Request, self.request).query_params.get("search"))
        if not text or getattr(self.view, "action", None) != "list":
            return response  # the envelope every list has, {count, next, previous, results}
        page = cast(Page, self.page)
        matches = cast(CappedPaginator, page.paginator).matches
        few = getattr(self.view, "fuzzy", False) or matches < SUGGEST_BELOW
        response.data["suggestion"] = (
            suggestion(self.request, Product.objects.published(), text, page.object_list)
            if few
            else ""
        )
        paginator = cast(CappedPaginator, page.paginator)
        response.data["count_is_floor"] = paginator.is_capped or count_is_floor(text, matches)
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["suggestion"] = {
            "type": "string",
            "example": "lada muntok",
            "description": str(
                _(
                    "Did you mean: the search text with each word the catalogue does not know "
                    "replaced by the most alike word of its product names, when `search` finds "
                    "fewer than %(few)s products; empty otherwise. Only with `search`."
                )
                % {"few": SUGGEST_BELOW}
            ),
        }
        schema["properties"]["count_is_floor"] = {
            "type": "boolean",
            "description": str(
                _(
                    "Only with `search`: true when `count` is a lower bound, not the number of "
                    "every match. A search ranks at most %(candidates)s candidates, and no "
                    "count goes past %(cap)s; the pages show such a count as “2.000+”."
                )
                % {"candidates": SEARCH_CANDIDATES, "cap": settings.CATALOG_COUNT_CAP}
            ),
        }
        return schema


class ProductViewSet(
    PublicCacheMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Published products; drafts and archived ones too for their curating agencies and
    administrators. Newest first, or most relevant first when searching, unless `ordering`
    says otherwise."""

    lookup_field = "slug"
    serializer_class = serializers.ProductSerializer
    filterset_class = ProductFilter
    filter_backends = [
        KnownParametersFilter,
        DjangoFilterBackend,
        TextSearchFilter,
        AllowListOrderingFilter,
    ]
    ordering_fields = ["name", "price_min", "created_at"]
    pagination_class = ProductPagination
    #: Whether the search fell back to typo tolerance (PostgreSQL): then "did you mean" too.
    fuzzy = False

    def get_queryset(self) -> QuerySet[Product]:
        products = Product.objects.visible_to(self.request.user).order_by("-created_at", "pk")
        if self.action in ("list", "retrieve"):
            return serializers.ProductSerializer.with_related(products)
        return products.select_related("business")  # a write answers with the product re-read

    def search(self, queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
        products, self.fuzzy = search_products(queryset, text)
        return products

    def shown(self, product: Product, status_code: int = status.HTTP_200_OK) -> Response:
        """The product as the read API shows it, read afresh after the change."""
        products = serializers.ProductSerializer.with_related(Product.objects.filter(pk=product.pk))
        data = serializers.ProductSerializer(products.get(), context=self.get_serializer_context())
        return Response(data.data, status=status_code)

    @extend_schema(
        request=serializers.ProductCreateSerializer,
        responses=answers({201: serializers.ProductSerializer}, 400, 401, 403),
        description=_(
            "A new product, curated by `owner_agency` (one where you are editor or manager; "
            "leave it out if you edit for one agency only), as a draft or published."
        ),
    )
    def create(self, request: SignedInRequest) -> Response:
        new = serializers.ProductCreateSerializer
        agency, fields = creation(request, new, "owner_agency", may_act=rules.can_create_product)
        # The answer is read before the commit: if the database goes away between the two, the
        # row goes too, so the client's retry (same Idempotency-Key) cannot make a second one.
        with transaction.atomic():
            product = services.create_product(by=request.user, owner_agency=agency, **fields)
            return self.shown(product, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.ProductChangeSerializer,
        responses=answers({200: serializers.ProductSerializer}, *PRODUCT_ERRORS),
        description=_(
            "Change the content (the curating agency and accepted co-curators); `status` "
            "publishes, unpublishes or archives, `owner_agency` hands the product over to "
            "another of your agencies (the curating agency only)."
        ),
    )
    def partial_update(self, request: SignedInRequest, slug: str | None = None) -> Response:
        product = self.get_object()
        user = request.user
        require(rules.can_edit_product(user, product))
        data = payload(request)
        if "status" in data or "owner_agency" in data:
            require(rules.can_manage_product(user, product))
        new_owner = find_agency(data.get("owner_agency"))
        if new_owner is not None:
            require(rules.can_hand_over_product(user, product, new_owner))
        changes = serializers.ProductChangeSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        valid = changes.is_valid()
        with transaction.atomic():
            wanted = data.get("status")
            if isinstance(wanted, str) and wanted in Product.Status.values:  # 409 before 400
                product = services.change_status(product=product, by=user, status=wanted)
            if not valid:
                raise ValidationError(changes.errors)
            fields = dict(changes.validated_data)
            fields.pop("status", None)
            if (agency := fields.pop("owner_agency", None)) is not None:
                product = services.hand_over(product=product, by=user, agency=agency)
            if fields:
                product = services.update_product(product=product, by=user, **fields)
        return self.shown(product)

    @extend_schema(
        responses=answers({204: None}, 401, 403, 404, 409),
        description=_("Archive the product: off the public pages, kept with its history."),
    )
    def destroy(self, request: SignedInRequest, slug: str | None = None) -> Response:
        services.archive(product=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Pictures ------------------------------------------------------------------------------------

    @extend_schema(
        request={"multipart/form-data": serializers.ImageUploadSerializer},
        responses=answers({201: serializers.ProductImageSerializer}, 400, 401, 403, 404, 413),
        description=_(
            "Add a picture: JPEG, PNG or WebP, at most 8 MB and 40 megapixels. It is "
            "re-encoded (EXIF and its GPS position removed) and stored under a name of our own."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="images",
        parser_classes=[MultiPartParser, FormParser],
    )
    def images(self, request: SignedInRequest, slug: str | None = None) -> Response:
        product = self.get_object()
        require(rules.can_edit_product(request.user, product))
        upload = validated(serializers.ImageUploadSerializer, request)
        try:
            image = services.add_image(
                product=product,
                by=request.user,
                upload=upload["image"],
                alt_text=upload["alt_text"],
            )
        except DjangoValidationError as error:
            # `add_image` files every refusal of the picture under `image`, the size included;
            # a file over the limit is a 413 all the same.
            if isinstance(error.__cause__, UploadTooLarge):
                raise error.__cause__ from None
            raise
        except StorageUnavailable as error:  # the server's passing fault, not the client's
            return Response(
                {"detail": error.message},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": str(settings.OUTAGE_RETRY_AFTER)},
            )
        data = serializers.ProductImageSerializer(image, context=self.get_serializer_context())
        return Response(data.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        parameters=[OpenApiParameter("image_id", int, OpenApiParameter.PATH)],
        responses=answers({204: None}, 401, 403, 404),
        description=_("Remove a picture of the product, and its file."),
    )
    @action(detail=True, methods=["delete"], url_path=r"images/(?P<image_id>[^/.]+)")
    def image(
        self, request: SignedInRequest, slug: str | None = None, image_id: str | None = None
    ) -> Response:
        image = get_object_or_404(self.get_object().images.all(), pk=image_id)
        services.remove_image(image=image, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Co-curating agencies ------------------------------------------------------------------------

    @sub_collection(
        "collaborations",
        item=CollaborationSerializer,
        listing=_(
            "The product's collaborations that you may see, in every status: its curation "
            "trail. The curating agency sees them all; an invited agency its own."
        ),
        list_errors=(401, 404),
        new=InvitationSerializer,
        adding=_(
            "Invite an agency to co-curate the product (the curating agency only); its "
            "managers are told by e-mail."
        ),
    )
    def collaborations(self, request: SignedInRequest, slug: str | None = None) -> Response:
        """Every collaboration of the product the user may see (`Collaboration.objects
        .visible_to`: the curating agency sees them all, pending, accepted, declined and
        ended), or a new invitation."""
        product = self.get_object()
        if request.method == "POST":
            require(rules.can_manage_product(request.user, product))
            invitation = validated(InvitationSerializer, request)
            collaboration = services.invite(product=product, by=request.user, **invitation)
            return added(collaboration, CollaborationSerializer)
        trail = Collaboration.objects.visible_to(request.user).filter(product=product)
        return page_of(
            self, with_related(trail).order_by("-invited_at", "pk"), CollaborationSerializer
        )

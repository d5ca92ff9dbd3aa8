"""Writing through the API (DESIGN §4, §5): products, their images, businesses.

The views only translate: every change is made by a service of `catalog.services`, and every
right is decided by `catalog.rules`. What the views add is the ORDER in which a client learns
what is wrong, the same for every client: 401 (who are you, the permission classes) → 404 (may
you see it: `get_object()` from `visible_to(user)`) → 403 (may you do this: the rule is asked
before the payload is even read) → 409 (is it allowed now) → 400 (is the payload valid). A
PATCH that changes several things runs in one transaction: if any part is refused, nothing of it
stays.
"""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from agencies.models import Agency
from catalog import rules, services
from catalog.exceptions import UploadTooLarge
from catalog.models import Business, Product
from catalog.services.businesses import DuplicateNIB
from catalog.uploads import StorageUnavailable
from umkm_portal.services import require

from . import serializers

# Documented answers -----------------------------------------------------------------------------


class ErrorSerializer(drf.Serializer):
    """Every error but a 400: one message."""

    detail = drf.CharField()


FIELD_ERRORS = {
    "type": "object",
    "description": _("Messages by field; `non_field_errors` for those of no single field."),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERRORS = {
    400: (FIELD_ERRORS, _("Invalid input, with a list of messages for each field at fault.")),
    401: (ErrorSerializer, _("No credentials: send `Authorization: Token <token>`.")),
    403: (ErrorSerializer, _("You may see this, but you may not do this.")),
    404: (ErrorSerializer, _("Unknown, or not visible to you.")),
    409: (ErrorSerializer, _("Not allowed in the object's current state.")),
    413: (ErrorSerializer, _("The file is larger than 8 MB.")),
    429: (ErrorSerializer, _("Too many requests: try again after `Retry-After` seconds.")),
}


def answers(ok: dict, *codes: int) -> dict:
    """`responses=` for `extend_schema`: the success answer `ok` ({status: serializer or None})
    and the errors `codes`."""
    documented = dict(ok)
    for code in codes:
        schema, description = ERRORS[code]
        documented[code] = OpenApiResponse(schema, description=description)
    return documented


def payload(request) -> Mapping:
    """The request's body as a mapping (empty when it is something else, which the serializer
    then reports as a 400)."""
    return request.data if isinstance(request.data, Mapping) else {}


def find_agency(slug):
    """The agency with this slug, or None — also for values that cannot be a slug (a NUL byte
    would make PostgreSQL refuse the query)."""
    if not isinstance(slug, str) or not slug or "\x00" in slug or len(slug) > 80:
        return None
    return Agency.objects.filter(slug=slug).first()


def acting_agency(request, field: str, *, may_act) -> Agency:
    """The agency a user creates something for: the one named in `field`, or the only agency
    where they edit. `may_act(user, agency)` is the rule; a user who edits for no agency at all
    (and is no administrator) is refused before anything in the payload is looked at."""
    user = request.user
    require(rules.is_administrator(user) or bool(rules.editing_agency_ids(user)))
    slug = payload(request).get(field)
    if slug in (None, ""):
        agencies = list(rules.editing_agencies(user)[:2])
        if len(agencies) != 1:
            raise ValidationError({field: [_("Choose the agency you act for.")]})
        agency = agencies[0]
    else:
        agency = find_agency(slug)
        if agency is None:
            raise ValidationError({field: [_("Unknown agency.")]})
    require(may_act(user, agency))
    return agency


def validated(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request}, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# Products ---------------------------------------------------------------------------------------

STATUS_CHANGES = {
    Product.Status.PUBLISHED: services.publish,
    Product.Status.DRAFT: services.unpublish,
    Product.Status.ARCHIVED: services.archive,
}
PRODUCT_ERRORS = (400, 401, 403, 404, 409)


class ProductWriteMixin:
    """POST, PATCH and DELETE on `products/`, and a product's images."""

    def shown(self, product: Product, status_code=status.HTTP_200_OK) -> Response:
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
    def create(self, request, *args, **kwargs):
        agency = acting_agency(request, "owner_agency", may_act=rules.can_create_product)
        fields = validated(serializers.ProductCreateSerializer, request)
        fields.pop("owner_agency", None)
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
    def partial_update(self, request, *args, **kwargs):
        product = self.get_object()
        user = request.user
        require(rules.can_edit_product(user, product))
        data = payload(request)
        if "status" in data or "owner_agency" in data:
            require(rules.can_manage_product(user, product))
        slug = data.get("owner_agency")
        new_owner = find_agency(slug)
        if new_owner is not None:
            require(rules.can_hand_over_product(user, product, new_owner))
        changes = serializers.ProductChangeSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        valid = changes.is_valid()
        with transaction.atomic():
            wanted = data.get("status")
            if isinstance(wanted, str) and wanted in STATUS_CHANGES:  # 409 before 400
                product = STATUS_CHANGES[wanted](product=product, by=user)
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
    def destroy(self, request, *args, **kwargs):
        services.archive(product=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

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
    def images(self, request, slug=None):
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
    def image(self, request, slug=None, image_id=None):
        image = get_object_or_404(self.get_object().images.all(), pk=image_id)
        services.remove_image(image=image, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Businesses -------------------------------------------------------------------------------------


def duplicate_nib(error: DuplicateNIB) -> ValidationError:
    """400 naming `nib`, with the slug of the business that holds it, so that a client can offer
    that one instead of a duplicate."""
    return ValidationError({"nib": error.messages, "existing": error.existing.slug})


NIB_TAKEN = OpenApiResponse(
    {**FIELD_ERRORS, "properties": {"existing": {"type": "string"}}},
    description=_(
        "Invalid input, with a list of messages for each field at fault; for a NIB that is "
        "registered already, `existing` is the slug of the business that holds it."
    ),
)


class BusinessWriteMixin:
    """POST, PATCH and DELETE on `businesses/`."""

    def shown(self, business: Business, status_code=status.HTTP_200_OK) -> Response:
        business = Business.objects.select_related("region", "registering_agency").get(
            pk=business.pk
        )
        data = serializers.BusinessSerializer(business, context=self.get_serializer_context())
        return Response(data.data, status=status_code)

    @extend_schema(
        request=serializers.BusinessCreateSerializer,
        responses={**answers({201: serializers.BusinessSerializer}, 401, 403), 400: NIB_TAKEN},
        description=_(
            "Register a business. Its registering agency is `registering_agency` (one where "
            "you are editor or manager; leave it out if you edit for one agency only)."
        ),
    )
    def create(self, request, *args, **kwargs):
        agency = acting_agency(request, "registering_agency", may_act=rules.can_create_business)
        fields = validated(serializers.BusinessCreateSerializer, request)
        fields.pop("registering_agency", None)
        with transaction.atomic():  # the answer before the commit, as for products
            try:
                business = services.create_business(
                    by=request.user, registering_agency=agency, **fields
                )
            except DuplicateNIB as error:
                raise duplicate_nib(error) from error
            return self.shown(business, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.BusinessChangeSerializer,
        responses={**answers({200: serializers.BusinessSerializer}, 401, 403, 404), 400: NIB_TAKEN},
        description=_("Change a business: editors of its registering agency."),
    )
    def partial_update(self, request, *args, **kwargs):
        business = self.get_object()
        require(rules.can_edit_business(request.user, business))
        fields = validated(serializers.BusinessChangeSerializer, request, partial=True)
        try:
            business = services.update_business(business=business, by=request.user, **fields)
        except DuplicateNIB as error:
            raise duplicate_nib(error) from error
        return self.shown(business)

    @extend_schema(
        responses=answers({204: None}, 401, 403, 404),
        description=_(
            "Deactivate the business: it and its products leave the public pages; nothing is "
            "deleted."
        ),
    )
    def destroy(self, request, *args, **kwargs):
        services.deactivate_business(business=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

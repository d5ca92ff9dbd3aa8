"""What the public API shows of each object (docs/architecture.md §2 and §5).

Related objects appear by slug, or by id where they have none. Nothing personal leaves: a
business shows `has_nib`, never the NIB, and its owner's name only with the owner's consent.
"""

from typing import Any, Protocol

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency
from catalog.models import (
    Business,
    Category,
    Certificate,
    Collaboration,
    Criterion,
    Designation,
    Product,
    ProductImage,
    ProductLink,
    Region,
)
from catalog.models.business import nib_validator
from catalog.services.businesses import BUSINESS_FIELDS
from catalog.services.products import PRODUCT_CONTENT_FIELDS
from umkm_portal.api import StrictFieldsMixin as StrictFieldsMixin
from umkm_portal.api import named_choices as named_choices


def by_slug() -> serializers.SlugRelatedField:
    """A related object shown by its slug."""
    return serializers.SlugRelatedField(slug_field="slug", read_only=True)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name", "seat"]


def display_name() -> serializers.CharField:
    """The name a reader of the request's language sees (`display_name` of the model)."""
    return serializers.CharField(
        read_only=True,
        help_text=_(
            "The name in the language of the request (Accept-Language): the English name when "
            "the request is English and one is given, else the Indonesian name."
        ),
    )


class CategorySerializer(serializers.ModelSerializer):
    display_name = display_name()

    class Meta:
        model = Category
        fields = ["slug", "name", "name_en", "display_name", "description"]


class CriterionSerializer(serializers.ModelSerializer):
    display_name = display_name()
    display_description = serializers.CharField(
        read_only=True,
        help_text=_("The description in the language of the request, as `display_name`."),
    )

    class Meta:
        model = Criterion
        fields = [
            "code",
            "name",
            "name_en",
            "display_name",
            "description",
            "description_en",
            "display_description",
        ]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "slug",
            "name",
            "short_name",
            "is_leading_sector",
            "description",
            "address",
            "phone",
            "email",
            "website",
            "logo",
        ]


class BusinessSerializer(serializers.ModelSerializer):
    region = by_slug()
    registering_agency = by_slug()
    has_nib = serializers.BooleanField(read_only=True)
    owner_name = serializers.CharField(source="public_owner_name", read_only=True, allow_null=True)

    class Meta:
        model = Business
        fields = [
            "slug",
            "name",
            "description",
            "region",
            "address",
            "phone",
            "whatsapp",
            "email",
            "website",
            "instagram",
            "facebook",
            "tiktok",
            "shop_url",
            "logo",
            "scale",
            "year_founded",
            "registering_agency",
            "has_nib",
            "owner_name",
            "is_active",
        ]


class ProductBusinessSerializer(serializers.ModelSerializer):
    """The business as a product shows it: who makes it and how to reach them."""

    region = by_slug()

    class Meta:
        model = Business
        fields = ["slug", "name", "region", "whatsapp", "phone"]


class CertificateSerializer(serializers.ModelSerializer):
    is_expired = serializers.BooleanField(read_only=True)
    verified = serializers.BooleanField(source="is_verified", read_only=True)

    class Meta:
        model = Certificate
        fields = ["kind", "number", "issued_on", "expires_on", "is_expired", "verified"]


class RenditionSerializer(serializers.Serializer):
    """One WebP rendition, from the `(width, height, url)` of `ProductImage.renditions()`."""

    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)

    def to_representation(self, rendition: tuple[int, int, str]) -> dict:
        width, height, url = rendition
        request = self.context.get("request")
        if request is not None:
            url = request.build_absolute_uri(url)
        return {"width": width, "height": height, "url": url}


class ProductImageSerializer(serializers.ModelSerializer):
    url = serializers.ImageField(source="image", read_only=True)
    renditions = RenditionSerializer(many=True, read_only=True)

    class Meta:
        model = ProductImage
        fields = ["id", "alt_text", "width", "height", "url", "renditions"]


class ProductLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductLink
        fields = ["kind", "url"]


class FlagshipPeriodSerializer(serializers.ModelSerializer):
    """A product's current designation, as the product shows it."""

    class Meta:
        model = Designation
        fields = ["id", "year", "valid_from", "valid_until", "decree_number"]


class ShownProduct(Protocol):
    """A product as `ProductSerializer.with_related()` reads it: what it prefetches. A class at
    run time, since drf-spectacular reads the getters' annotations."""

    accepted_collaborations: list[Collaboration]
    current_designations: list[Designation]


class ProductSerializer(serializers.ModelSerializer):
    """A product with everything a buyer needs. Reads a queryset prepared by `with_related()`."""

    category = by_slug()
    business = ProductBusinessSerializer(read_only=True)
    owner_agency = by_slug()
    collaborating_agencies = serializers.SerializerMethodField()
    certificates = CertificateSerializer(many=True, read_only=True)
    images = ProductImageSerializer(many=True, read_only=True)
    links = ProductLinkSerializer(many=True, read_only=True)
    is_flagship = serializers.SerializerMethodField()
    flagship = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "slug",
            *PRODUCT_CONTENT_FIELDS,
            "business",
            "status",
            "owner_agency",
            "collaborating_agencies",
            "certificates",
            "images",
            "links",
            "is_flagship",
            "flagship",
            "url",
            "created_at",
            "updated_at",
        ]

    @staticmethod
    def with_related(products: QuerySet[Product]) -> QuerySet[Product]:
        """`products` with everything this serializer reads: one query per relation, so a page
        costs the same number of queries whatever its size."""
        products = products.select_related("business__region", "category", "owner_agency")
        return products.prefetch_related(
            Prefetch(
                "collaborations",
                queryset=Collaboration.objects.accepted().select_related("agency"),
                to_attr="accepted_collaborations",
            ),
            "certificates",
            "images",
            "links",
            Prefetch(
                "designations",
                queryset=Designation.objects.current(),
                to_attr="current_designations",
            ),
        )

    def get_collaborating_agencies(self, product: ShownProduct) -> list[str]:
        """Agencies co-curating the product: accepted collaborations only."""
        return [collaboration.agency.slug for collaboration in product.accepted_collaborations]

    def get_is_flagship(self, product: ShownProduct) -> bool:
        return bool(product.current_designations)

    @extend_schema_field(FlagshipPeriodSerializer(allow_null=True))
    def get_flagship(self, product: ShownProduct) -> dict[str, Any] | None:
        if not product.current_designations:
            return None
        return FlagshipPeriodSerializer(product.current_designations[0]).data

    def get_url(self, product: Product) -> str:
        """The product's public page."""
        return self.context["request"].build_absolute_uri(product.get_absolute_url())


class FlagshipSerializer(serializers.ModelSerializer):
    product = by_slug()
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = Designation
        fields = [
            "id",
            "product",
            "product_name",
            "year",
            "valid_from",
            "valid_until",
            "decree_number",
            "revoked_at",
        ]


class CoverageStageSerializer(serializers.Serializer):
    """One of the seven development stages (DESIGN §8) and how far the business got in it."""

    stage = serializers.CharField(help_text=_("The stage's code."))
    name = serializers.CharField()
    state = serializers.ChoiceField(
        choices=[
            ("reached", _("Reached")),
            ("in_progress", _("In progress")),
            ("none", _("Not yet")),
        ]
    )


class SupportItemSerializer(serializers.Serializer):
    """A service the business received or an activity it took part in."""

    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=[("service", _("Service")), ("activity", _("Activity"))])
    title = serializers.CharField()
    agency = serializers.CharField(help_text=_("The providing or organising agency's short name."))
    stage = serializers.CharField(allow_null=True, help_text=_("The stage's code (services)."))
    status = serializers.CharField()


class BusinessEvidenceSerializer(serializers.Serializer):
    """What the development record knows of a nominated product's business, so that reviewers
    score with evidence (`catalog.evidence`): its coverage of the seven stages and the newest
    support it received. Empty when the development record is not installed."""

    coverage = CoverageStageSerializer(many=True, required=False)
    latest_support = SupportItemSerializer(many=True, required=False)


# Writing ----------------------------------------------------------------------------------------


def writable_slug(queryset: QuerySet[Any]) -> serializers.SlugRelatedField:
    """A related object written by its slug."""
    return serializers.SlugRelatedField(slug_field="slug", queryset=queryset)


class VisibleBusinessField(serializers.SlugRelatedField):
    """A business by slug, among those the requesting user may see: a closed business of another
    agency is as unknown here as on its page."""

    def get_queryset(self) -> QuerySet[Business]:
        return Business.objects.visible_to(self.context["request"].user)


class ProductChangeSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """What PATCH `products/<slug>/` may change: the content (editors of the curating agency and
    of accepted co-curators), `status` and `owner_agency` (the curating agency only)."""

    category = writable_slug(Category.objects.all())
    owner_agency = writable_slug(Agency.objects.all())
    status = serializers.ChoiceField(choices=Product.Status.choices)

    class Meta:
        model = Product
        fields = [*PRODUCT_CONTENT_FIELDS, "status", "owner_agency"]


class ProductCreateSerializer(ProductChangeSerializer):
    """A new product: `owner_agency` may be left out by a user who edits for one agency only."""

    business = VisibleBusinessField(slug_field="slug")
    owner_agency = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False
    )
    status = named_choices(
        "NewProductStatusEnum",
        [Product.Status.DRAFT, Product.Status.PUBLISHED],
        default=Product.Status.DRAFT,
    )

    class Meta(ProductChangeSerializer.Meta):
        fields = ["business", *ProductChangeSerializer.Meta.fields]


class ImageUploadSerializer(StrictFieldsMixin, serializers.Serializer):
    """multipart/form-data: the picture (JPEG, PNG or WebP, at most 8 MB and 40 megapixels;
    re-encoded without EXIF) and what it shows."""

    image = serializers.FileField()
    alt_text = serializers.CharField(max_length=200)


class BusinessChangeSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """What PATCH `businesses/<slug>/` may change (editors of the registering agency). The NIB is
    written here but never shown: answers carry `has_nib` only."""

    region = writable_slug(Region.objects.all())
    # Declared, so that DRF adds no uniqueness check of its own: a duplicate NIB is the service's
    # to report, together with the business that holds it.
    nib = serializers.CharField(
        max_length=13, required=False, allow_blank=True, validators=[nib_validator]
    )

    class Meta:
        model = Business
        fields = list(BUSINESS_FIELDS)


class BusinessCreateSerializer(BusinessChangeSerializer):
    """A new business: `registering_agency` may be left out by a user who edits for one agency
    only."""

    registering_agency = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False
    )

    class Meta(BusinessChangeSerializer.Meta):
        fields = [*BusinessChangeSerializer.Meta.fields, "registering_agency"]

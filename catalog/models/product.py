"""Products, their images, links and certificates, and the agencies that curate them."""

import datetime
from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog import rules
from umkm_portal.constraints import FieldConstraints
from umkm_portal.private_files import PrivateFileName

from .base import ServerFileName, not_in_the_future, today, unique_slug
from .business import Business
from .reference import Category, Region

WEBP = {"format": "WEBP", "options": {"quality": 72}}


#: Products shown to the public: published, by an active business (`Product.listed`).
LISTED = Q(listed=True)


class ProductQuerySet(models.QuerySet["Product"]):
    def published(self) -> Self:
        return self.filter(LISTED)

    def curated_by(self, agencies) -> Self:
        """Owned by, or co-curated (accepted collaboration) by, one of `agencies`."""
        co_curated = Collaboration.objects.accepted().filter(agency__in=agencies)
        return self.filter(Q(owner_agency__in=agencies) | Q(pk__in=co_curated.values("product_id")))

    def visible_to(self, user) -> Self:
        """Published products for everyone; drafts and archived ones for the curating agencies'
        editors and managers and for administrators. Everything else answers 404."""
        if rules.is_administrator(user):
            return self.all()
        curated = self.curated_by(rules.editing_agencies(user)).values("pk")
        return self.filter(LISTED | Q(pk__in=curated))

    def editable_by(self, user) -> Self:
        """Products whose content `user` may change: owned or co-curated by their agencies."""
        if rules.is_administrator(user):
            return self.all()
        return self.curated_by(rules.editing_agencies(user))

    def manageable_by(self, user) -> Self:
        """Products `user` may publish, archive, hand over or open to collaboration."""
        if rules.is_administrator(user):
            return self.all()
        return self.filter(owner_agency__in=rules.editing_agencies(user))

    def flagships(self, on: datetime.date | None = None) -> Self:
        """Products with a designation current on `on` (today in Asia/Jakarta) and not revoked."""
        from .flagship import Designation

        return self.filter(pk__in=Designation.objects.current(on).values("product_id"))


class Product(FieldConstraints):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="products", verbose_name=_("business")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary in English"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    price_min = models.PositiveBigIntegerField(_("lowest price (Rp)"))
    price_max = models.PositiveBigIntegerField(_("highest price (Rp)"))
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("e.g. per 250 g"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    owner_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="owned_products",
        verbose_name=_("curating agency"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    #: The full-text search document, kept by a PostgreSQL trigger from the names, summary and
    #: description (migration 0005) so that ranking reads it instead of recomputing it; always
    #: empty on SQLite, where search does not use it.
    search_document = SearchVectorField(null=True, editable=False)
    #: Copies kept by database triggers (migration 0007), whoever writes: whether the product is
    #: listed publicly (published, and its business active) and its business's region, so that
    #: the public list, its filters and its facets read partial indexes over the listed products
    #: without joining every business. Stale on an instance just saved; read them in queries.
    listed = models.BooleanField(_("listed"), default=False, editable=False)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        db_index=False,
        related_name="+",
        verbose_name=_("region"),
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at", "search_document", "listed", "region"]
    )
    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__lte=models.F("price_max")),
                name="product_price_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "archived"]),
                name="product_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="product_status_created"),
            # The public list: its orders, and its filters and facets (docs/architecture.md §5); the
            # key last, so that the matches a facet counts are read from the index alone. Not on
            # the name: from a covering index of listed names, PostgreSQL would rather compare
            # every name with a typo-tolerant query than read the trigram index (pg_trgm
            # cannot estimate how many names match): 217 ms instead of 25 at 100k products.
            models.Index(fields=["-created_at", "id"], condition=LISTED, name="product_listed_new"),
            models.Index(fields=["name"], condition=LISTED, name="product_listed_name"),
            models.Index(
                fields=["price_min", "id"], condition=LISTED, name="product_listed_price_min"
            ),
            models.Index(
                fields=["-price_max", "id"], condition=LISTED, name="product_listed_price_max"
            ),
            models.Index(
                fields=["region", "category", "id"], condition=LISTED, name="product_listed_region"
            ),
            models.Index(
                fields=["category", "id"], condition=LISTED, name="product_listed_category"
            ),
            models.Index(
                fields=["owner_agency", "id"], condition=LISTED, name="product_listed_agency"
            ),
            # Businesses with listed products (the development dashboard's gaps).
            models.Index(fields=["business"], condition=LISTED, name="product_listed_business"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("product-detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.business.is_active

    @property
    def is_flagship(self) -> bool:
        return self.designations.current().exists()

    @property
    def display_name(self) -> str:
        """The English name under /en/ when one was entered; content stays as entered."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name

    @property
    def display_summary(self) -> str:
        if self.summary_en and get_language() == "en":
            return self.summary_en
        return self.summary

    @property
    def display_description(self) -> str:
        """The English description under /en/ when one was entered, else the Indonesian one."""
        if self.description_en and get_language() == "en":
            return self.description_en
        return self.description

    @property
    def description_language(self) -> str:
        """The language `display_description` is written in (the page's `lang` attribute)."""
        return "en" if self.description_en and get_language() == "en" else "id"


#: Rendition addresses already worked out, by (original's name, width); see rendition_url.
_RENDITION_URLS: dict[tuple[str | None, int], str] = {}
RENDITION_URLS_KEPT = 50_000


@receiver(setting_changed)
def _forget_rendition_urls(setting, **kwargs):
    if setting in ("MEDIA_URL", "STORAGES", "IMAGEKIT_CACHEFILE_DIR"):
        _RENDITION_URLS.clear()


class ProductImage(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("product")
    )
    image = models.ImageField(
        _("image"),
        upload_to=ServerFileName("products"),
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=200,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    # WebP renditions in the widths the pages use (made when the image is saved).
    w320 = ImageSpecField(source="image", processors=[ResizeToFit(320, upscale=False)], **WEBP)
    w480 = ImageSpecField(source="image", processors=[ResizeToFit(480, upscale=False)], **WEBP)
    w960 = ImageSpecField(source="image", processors=[ResizeToFit(960, upscale=False)], **WEBP)

    RENDITION_WIDTHS = (320, 480, 960)

    def __str__(self) -> str:
        return self.alt_text

    def rendition_url(self, width: int) -> str:
        """The address of the WebP rendition `width` wide. Its name is a digest of the original's
        name and the spec (imagekit pickles and hashes both on every access, a third of a
        24-card page's time), so it is worked out once per original and width and remembered."""
        key = (self.image.name, width)
        url = _RENDITION_URLS.get(key)
        if url is None:
            if len(_RENDITION_URLS) >= RENDITION_URLS_KEPT:
                _RENDITION_URLS.clear()
            url = _RENDITION_URLS[key] = getattr(self, f"w{width}").url
        return url

    @property
    def url320(self) -> str:
        return self.rendition_url(320)

    @property
    def url480(self) -> str:
        return self.rendition_url(480)

    @property
    def url960(self) -> str:
        return self.rendition_url(960)

    def renditions(self) -> list[tuple[int, int, str]]:
        """[(width, height, url)] of the WebP renditions no wider than the original."""
        if not (self.width and self.height):
            return []
        result: list[tuple[int, int, str]] = []
        for width in self.RENDITION_WIDTHS:
            if width > self.width and result:
                break
            shown = min(width, self.width)
            result.append(
                (shown, round(self.height * shown / self.width), self.rendition_url(width))
            )
        return result

    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for width, _height, url in self.renditions())

    def height_for(self, width: int) -> int:
        return round(self.height * width / self.width) if self.width and self.height else width


class ProductLink(models.Model):
    """Where to buy or procure the product: online shops and government procurement."""

    class Kind(models.TextChoices):
        EKATALOG = "ekatalog", _("e-Katalog (LKPP)")
        PADI = "padi", _("PaDi UMKM")
        TOKOPEDIA = "tokopedia", "Tokopedia"
        SHOPEE = "shopee", "Shopee"
        TIKTOK = "tiktok", "TikTok Shop"
        BUKALAPAK = "bukalapak", "Bukalapak"
        OTHER = "other", _("Other shop")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="links", verbose_name=_("product")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("address (URL)"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("marketplace or procurement link")
        verbose_name_plural = _("marketplace and procurement links")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.url}"

    @property
    def is_procurement(self) -> bool:
        return self.kind in {self.Kind.EKATALOG, self.Kind.PADI}


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self, on: datetime.date | None = None) -> Self:
        """Certificates not expired on `on` (today by default); only these count in filters."""
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on or today()))


class Certificate(FieldConstraints):
    class Kind(models.TextChoices):
        HALAL = "halal", _("Halal")
        PIRT = "pirt", _("P-IRT (home industry food)")
        BPOM = "bpom", _("BPOM distribution permit")
        SNI = "sni", _("SNI")
        MEREK = "merek", _("Registered trademark (HKI)")
        IG = "ig", _("Geographical indication")

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("product")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=100)
    issued_on = models.DateField(
        _("issued on"), null=True, blank=True, validators=[not_in_the_future]
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Empty when it does not expire.")
    )
    verified_by = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verified_certificates",
        verbose_name=_("verified by"),
        help_text=_("Empty when the business declared it itself."),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # Private (umkm_portal.private_files): a scan may carry the owner's name and home address
    # (a P-IRT does), so only staff who see the product in the workspace download it; the
    # public pages show the certificate's kind, number, dates and who verified it.
    scan = models.FileField(
        _("scan"),
        upload_to=PrivateFileName("certificates"),
        blank=True,
        help_text=_("A scan or photo of the certificate: PDF, JPEG or PNG, at most 8 MB."),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "number"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["halal", "pirt", "bpom", "sni", "merek", "ig"]),
                name="certificate_kind_known",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "expires_on"], name="certificate_kind_expiry"),
            # Certificates expiring soon, of any kind (the development dashboard's gaps).
            models.Index(fields=["expires_on"], name="certificate_expires_on"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < today()

    @property
    def is_verified(self) -> bool:
        return self.verified_by_id is not None


class CollaborationQuerySet(models.QuerySet["Collaboration"]):
    def pending(self) -> Self:
        return self.filter(status=Collaboration.Status.PENDING)

    def accepted(self) -> Self:
        return self.filter(status=Collaboration.Status.ACCEPTED)

    def visible_to(self, user) -> Self:
        """Administrators see all; agency members see those of their products and invitations."""
        if rules.is_administrator(user):
            return self.all()
        agencies = Agency.objects.where_member(user)
        return self.filter(Q(product__owner_agency__in=agencies) | Q(agency__in=agencies))


class Collaboration(FieldConstraints):
    """An agency invited to co-curate a product. Rows are never deleted: they are the trail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    LIVE_STATUSES = (Status.PENDING, Status.ACCEPTED)

    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="collaborations",
        verbose_name=_("product"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="collaborations",
        verbose_name=_("invited agency"),
    )
    note = models.CharField(
        _("contribution"),
        max_length=300,
        blank=True,
        help_text=_("e.g. pendampingan sertifikasi halal"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_at", "pk"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        constraints = [
            # An agency has at most one open invitation or accepted collaboration per product;
            # declined and ended rows stay as history.
            models.UniqueConstraint(
                fields=["product", "agency"],
                condition=Q(status__in=["pending", "accepted"]),
                name="collaboration_one_live_per_agency",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "declined", "ended"]),
                name="collaboration_status_known",
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"], name="collaboration_agency_status")]

    def __str__(self) -> str:
        return f"{self.product} · {self.agency.short_name} ({self.get_status_display()})"

"""Spreadsheet import and export of products and businesses (django-import-export resources).

Columns are the model's field names, the same in both languages, so that a file exported under
/en/ imports under /id/; relations are written and read by slug (DESIGN §5). Every resource is
made for one user (and, on import, for the agency the user chose), and enforces the permission
layer row by row, as the workspace pages do:

- export: only what `editable_by(user)` holds reaches the file; the NIB and the owner's name only
  for staff of the business's registering agency (the owner's name also with `show_owner`);
- import: a row updates only what the user may edit; new rows belong to the chosen agency and
  are created by the user; the model's own validation (`full_clean`) runs on every row.

Cells that a spreadsheet would run as a formula are escaped on export (`'` in front); the same
quote is taken off again on import, so that an exported file imports back unchanged.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.results import RowResult
from import_export.widgets import (
    BooleanWidget,
    CharWidget,
    DateTimeWidget,
    ForeignKeyWidget,
    IntegerWidget,
)

from catalog import rules
from catalog.models import Business, Category, Product, Region

#: What a spreadsheet takes for the start of a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_formula(value):
    """`'=SUM(A1)` instead of `=SUM(A1)`: text is shown as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula`, so that an exported file imports back unchanged."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Widgets: read a cell, or raise ValueError with a message for the person who wrote the file. ----


class TextWidget(CharWidget):
    """Text as given (not stripped), less the formula escape of our own exports. With
    `allow_blank=False` an empty cell reads as None, and the field then keeps its value."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        if value is None or (not self.allow_blank and value == ""):
            return None
        return unescape_formula(value)


class SlugTextWidget(CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if is_blank(value) else force_str(value).strip()


class WholeNumberWidget(IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError, TypeError) as error:
            raise ValueError(_("Enter a whole number, e.g. 45000.")) from error

    def render(self, value, obj=None, **kwargs):
        """Digits only (no thousands separator of the active language), or the number itself
        for spreadsheets."""
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class YesNoWidget(BooleanWidget):
    """1/0, true/false, ya/tidak, yes/no; an empty cell keeps the current value."""

    TRUE_WORDS = {"1", "true", "ya", "yes", "y"}
    FALSE_WORDS = {"0", "false", "tidak", "no", "n"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if is_blank(value):
            return None
        word = force_str(value).strip().lower()
        if word in self.TRUE_WORDS:
            return True
        if word in self.FALSE_WORDS:
            return False
        raise ValueError(_("Write 1 (yes) or 0 (no)."))


class SlugWidget(ForeignKeyWidget):
    """A related object by its slug. `cached` reads a small table (regions, categories) once."""

    def __init__(self, model, *, cached=False):
        super().__init__(model, "slug")
        self.cached = cached
        self._by_slug = None

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        slug = force_str(value).strip()
        if self.cached:
            if self._by_slug is None:
                self._by_slug = {obj.slug: obj for obj in self.model.objects.all()}
            found = self._by_slug.get(slug)
        else:
            found = self.model.objects.filter(slug=slug).first()
        if found is None:
            raise ValueError(
                _("No %(thing)s has the slug “%(slug)s”.")
                % {"thing": self.model._meta.verbose_name, "slug": slug}
            )
        return found


def text(name, *, allow_blank=True):
    return Field(
        attribute=name,
        column_name=name,
        widget=TextWidget(allow_blank=allow_blank),
        saves_null_values=allow_blank,
    )


def number(name):
    return Field(attribute=name, column_name=name, widget=WholeNumberWidget())


def yes_no(name):
    return Field(attribute=name, column_name=name, widget=YesNoWidget(), saves_null_values=False)


def related(name, model, *, cached=False):
    return Field(attribute=name, column_name=name, widget=SlugWidget(model, cached=cached))


def shown(name, attribute):
    """Exported for reading, ignored on import."""
    return Field(attribute=attribute, column_name=name, readonly=True)


def updated_at():
    widget = DateTimeWidget(format="%Y-%m-%d %H:%M")
    return Field(attribute="updated_at", column_name="updated_at", readonly=True, widget=widget)


def add_error(errors: dict, field: str, message: str):
    errors.setdefault(field, []).append(ValidationError(message))


class CatalogueResource(resources.ModelResource):
    """What products and businesses share: made for one user and (on import) one agency, formula
    escaping on export, one transaction, the model's validation on every row."""

    def __init__(self, *, user, agency=None):
        super().__init__()
        self.user = user
        self.agency = agency

    # Export -------------------------------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def may_see_personal_data(self, business) -> bool:
        """NIB and owner's name: the registering agency's staff and administrators (UU PDP)."""
        if not hasattr(self, "_registering_ids"):
            self._registering_ids = rules.editing_agency_ids(self.user)
            self._administrator = rules.is_administrator(self.user)
        return self._administrator or business.registering_agency_id in self._registering_ids

    # Import -------------------------------------------------------------------------------------

    def editable(self):
        """The rows of the model this user may change (the queryset the pages start from)."""
        return self._meta.model.objects.editable_by(self.user)

    def get_instance(self, instance_loader, row):
        """The row's object by slug, if the user may edit it; another agency's slug is an error,
        never an update and never a silent copy."""
        slug = SlugTextWidget().clean(row.get("slug"))
        if not slug:
            return None
        instance = self._meta.model.objects.filter(slug=slug).first()
        if instance is None:
            return None
        if not self.editable().filter(pk=instance.pk).exists():
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” belongs to another agency: you may not change it.")
                    % {"slug": slug}
                }
            )
        return instance

    def import_row(self, row, instance_loader, **kwargs):
        if all(is_blank(value) for value in row.values()):
            skipped = self.get_row_result_class()()
            skipped.import_type = RowResult.IMPORT_TYPE_SKIP
            return skipped
        return super().import_row(row, instance_loader, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {key: list(value) for key, value in (import_validation_errors or {}).items()}
        self.check_rules(instance, errors)
        super().validate_instance(instance, errors, validate_unique)

    def check_rules(self, instance, errors: dict):
        """The domain's rules for one row, beyond what `full_clean` knows."""

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user  # django-simple-history

    def after_import(self, dataset, result, **kwargs):
        """Unlike ModelResource, do not reset the id sequences: we never import ids, and resetting
        a sequence under concurrent writers could hand out an id twice."""


#: The status changes the workspace offers (catalog.services: publish, unpublish, archive).
STATUS_MOVES = {
    Product.Status.DRAFT: {Product.Status.PUBLISHED, Product.Status.ARCHIVED},
    Product.Status.PUBLISHED: {Product.Status.DRAFT, Product.Status.ARCHIVED},
    Product.Status.ARCHIVED: {Product.Status.PUBLISHED},
}


class ProductResource(CatalogueResource):
    slug = Field(attribute="slug", column_name="slug", widget=SlugTextWidget())
    name = text("name")
    name_en = text("name_en")
    business = related("business", Business)
    business_name = shown("business_name", "business__name")
    region = shown("region", "business__region__slug")
    category = related("category", Category, cached=True)
    summary = text("summary")
    summary_en = text("summary_en")
    description = text("description")
    price_min = number("price_min")
    price_max = number("price_max")
    unit = text("unit")
    status = text("status", allow_blank=False)
    owner_agency = shown("owner_agency", "owner_agency__slug")
    updated_at = updated_at()

    class Meta:
        model = Product
        fields = (
            "slug", "name", "name_en", "business", "business_name", "region", "category",
            "summary", "summary_en", "description", "price_min", "price_max", "unit", "status",
            "owner_agency", "updated_at",
        )  # fmt: skip
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_diff = True
        use_transactions = True
        chunk_size = 2000

    def after_init_instance(self, instance, new, row, **kwargs):
        if new:
            instance.owner_agency = self.agency
            instance.created_by = self.user
        instance._import_new = new
        instance._import_status = None if new else instance.status
        instance._import_business_id = None if new else instance.business_id

    def check_rules(self, instance, errors):
        S = Product.Status
        new = instance._import_new
        if new and not rules.can_create_product(self.user, instance.owner_agency):
            add_error(errors, "owner_agency", _("You may not add products for this agency."))
        if not new and "business" not in errors:
            if instance.business_id != instance._import_business_id:
                add_error(errors, "business", _("The business of a product cannot be changed."))
        elif new and instance.business_id and not instance.business.is_active:
            add_error(errors, "business", _("This business is inactive."))
        status_changed = instance.status != (instance._import_status or S.DRAFT)
        if new and instance.status not in (S.DRAFT, S.PUBLISHED):
            add_error(errors, "status", _("A new product is a draft or published."))
        elif status_changed and not rules.can_manage_product(self.user, instance):
            add_error(errors, "status", _("Only the curating agency may change the status."))
        elif (
            status_changed
            and not new
            and instance.status not in STATUS_MOVES.get(instance._import_status, ())
        ):
            add_error(errors, "status", _("This change of status is not allowed."))
        elif (
            status_changed
            and instance.status == S.PUBLISHED
            and instance.business_id
            and not instance.business.is_active
        ):
            add_error(errors, "status", _("The business is inactive: reactivate it first."))
        low, high = instance.price_min, instance.price_max
        prices_read = isinstance(low, int) and isinstance(high, int)
        if prices_read and low > high and not {"price_min", "price_max"} & errors.keys():
            add_error(errors, "price_max", _("The highest price must not be below the lowest."))

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        instance.updated_by = self.user
        if instance.status == Product.Status.PUBLISHED and not instance.published_at:
            instance.published_at = timezone.now()


class BusinessResource(CatalogueResource):
    slug = Field(attribute="slug", column_name="slug", widget=SlugTextWidget())
    name = text("name")
    owner_name = text("owner_name")
    show_owner = yes_no("show_owner")
    nib = text("nib")
    scale = text("scale", allow_blank=False)
    region = related("region", Region, cached=True)
    address = text("address")
    phone = text("phone")
    whatsapp = text("whatsapp")
    email = text("email")
    website = text("website")
    instagram = text("instagram")
    facebook = text("facebook")
    tiktok = text("tiktok")
    shop_url = text("shop_url")
    description = text("description")
    year_founded = number("year_founded")
    is_active = yes_no("is_active")
    registering_agency = shown("registering_agency", "registering_agency__slug")
    updated_at = updated_at()

    class Meta:
        model = Business
        fields = (
            "slug", "name", "owner_name", "show_owner", "nib", "scale", "region", "address",
            "phone", "whatsapp", "email", "website", "instagram", "facebook", "tiktok",
            "shop_url", "description", "year_founded", "is_active", "registering_agency",
            "updated_at",
        )  # fmt: skip
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_diff = True
        use_transactions = True
        chunk_size = 2000

    def dehydrate_nib(self, business):
        return business.nib if self.may_see_personal_data(business) else ""

    def dehydrate_owner_name(self, business):
        if business.show_owner or self.may_see_personal_data(business):
            return business.owner_name
        return ""

    def after_init_instance(self, instance, new, row, **kwargs):
        if new:
            instance.registering_agency = self.agency
            instance.created_by = self.user
        instance._import_new = new

    def check_rules(self, instance, errors):
        if instance._import_new:
            allowed = rules.can_create_business(self.user) and (
                rules.is_administrator(self.user)
                or instance.registering_agency_id in rules.editing_agency_ids(self.user)
            )
            if not allowed:
                add_error(errors, "registering_agency", _("You may not register businesses."))
        elif not rules.can_edit_business(self.user, instance):
            add_error(errors, "slug", _("You may not change this business."))
        nib = force_str(instance.nib or "")
        taken = nib and Business.objects.filter(nib=nib).exclude(pk=instance.pk).exists()
        if taken and "nib" not in errors:
            add_error(errors, "nib", _("Another business is registered with this NIB."))


RESOURCES = {"products": ProductResource, "businesses": BusinessResource}

"""Spreadsheet import and export of products and businesses (django-import-export resources).

Every file has two header rows: the columns' names for people, in the language of the page
(`column_label`), then their stable keys, the model's field names (`slug`, `name_en`, ...), which
the importer reads; so a file exported under /id/ imports under /en/ and back. The importer also
takes a file with only one header row, of keys or of names in either language (`header_aliases`).
Relations are written and read by slug (docs/architecture.md §5). The content columns are the
services' lists of what editors write. Every resource is made for one
user (and, on import, for the agency the user chose):

- export: only what `editable_by(user)` holds reaches the file; the NIB and the owner's name only
  for staff of the business's registering agency (the owner's name also with `show_owner`);
- import: a row names by slug only what the user may edit, and is written by the same services
  as the pages and the API (catalog.services), which decide every right and rule; new rows
  belong to the chosen agency.

Cells that a spreadsheet would run as a formula are escaped on export (`'` in front); the same
quote is taken off again on import, so that an exported file imports back unchanged.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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

from agencies.models import Agency
from catalog import rules, services
from catalog.models import Business, Product
from catalog.services.businesses import BUSINESS_FIELDS
from catalog.services.products import PRODUCT_CONTENT_FIELDS
from umkm_portal.services import NotAllowedNow

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: What a spreadsheet takes for the start of a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A row's product or business during an import: between the hooks of django-import-export it
#: carries the cells read (`_import_values`) and the errors of unreadable ones (`_cell_errors`).
RowInstance = Any


def escape_formula(value: object) -> object:
    """`'=SUM(A1)` instead of `=SUM(A1)`: text is shown as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula`, so that an exported file imports back unchanged."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_word(value: object) -> str:
    """A header cell as the importer compares it: lower case, single spaces."""
    return " ".join(force_str(value).split()).lower() if value is not None else ""


#: The names for people of the columns that are no model field of the row's own.
COLUMN_LABELS = {
    "business_name": gettext_lazy("business name"),
    "region": gettext_lazy("region"),
    "owner_agency": gettext_lazy("curating agency"),
    "registering_agency": gettext_lazy("registering agency"),
    "updated_at": gettext_lazy("updated at"),
}

#: How long an old or new value may be in the preview of an update.
SHOWN_VALUE_CHARS = 60


# Widgets: read a cell, or raise ValueError with a message for the person who wrote the file. ----


class TextWidget(CharWidget):
    """Text as given (not stripped), less the formula escape of our own exports. With
    `allow_blank=False` an empty cell reads as None, and the field then keeps its value."""

    def clean(self, value: object, row: Any = None, **kwargs: Any) -> str | None:
        cleaned = super().clean(value, row, **kwargs)
        if cleaned is None or (not self.allow_blank and cleaned == ""):
            return None
        return unescape_formula(cleaned)


class SlugTextWidget(CharWidget):
    def clean(self, value: object, row: Any = None, **kwargs: Any) -> str:
        return "" if is_blank(value) else force_str(value).strip()


class WholeNumberWidget(IntegerWidget):
    def clean(self, value: object, row: Any = None, **kwargs: Any) -> int | None:
        try:
            return super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError, TypeError) as error:
            raise ValueError(_("Enter a whole number, e.g. 45000.")) from error

    def render(self, value: int | None, obj: Any = None, **kwargs: Any) -> int | str | None:
        """Digits only (no thousands separator of the active language), or the number itself
        for spreadsheets."""
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class YesNoWidget(BooleanWidget):
    """1/0, true/false, ya/tidak, yes/no; an empty cell keeps the current value."""

    TRUE_WORDS = {"1", "true", "ya", "yes", "y"}
    FALSE_WORDS = {"0", "false", "tidak", "no", "n"}

    def clean(self, value: object, row: Any = None, **kwargs: Any) -> bool | None:
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

    def __init__(self, model: type[models.Model], *, cached: bool = False) -> None:
        super().__init__(model, "slug")
        self.cached = cached
        self._by_slug: dict[str, models.Model] | None = None

    def clean(self, value: object, row: Any = None, **kwargs: Any) -> models.Model | None:
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


def text(name: str, *, allow_blank: bool = True) -> Field:
    return Field(
        attribute=name,
        column_name=name,
        widget=TextWidget(allow_blank=allow_blank),
        saves_null_values=allow_blank,
    )


def number(name: str) -> Field:
    return Field(attribute=name, column_name=name, widget=WholeNumberWidget())


def yes_no(name: str) -> Field:
    return Field(attribute=name, column_name=name, widget=YesNoWidget(), saves_null_values=False)


def related(name: str, model: type[models.Model], *, cached: bool = False) -> Field:
    return Field(attribute=name, column_name=name, widget=SlugWidget(model, cached=cached))


def shown(name: str, attribute: str) -> Field:
    """Exported for reading, ignored on import."""
    return Field(attribute=attribute, column_name=name, readonly=True)


def updated_at() -> Field:
    widget = DateTimeWidget(format="%Y-%m-%d %H:%M")
    return Field(attribute="updated_at", column_name="updated_at", readonly=True, widget=widget)


@contextmanager
def refusals(column: str, message: str | None = None) -> Iterator[None]:
    """A service's refusal as the error of one column: PermissionDenied with `message` (or the
    service's own), NotAllowedNow with the service's reason."""
    try:
        yield
    except PermissionDenied as error:
        raise ValidationError({column: message or str(error)}) from error
    except NotAllowedNow as error:
        raise ValidationError({column: error.message}) from error


def shown_value(field: models.Field, value: object) -> str:
    """A value as the preview shows it: a choice's label, yes/no, a related object's name,
    long text shortened; "–" for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    return Truncator(force_str(value)).chars(SHOWN_VALUE_CHARS)


class CellErrors(Exception):
    """Some cells of the row could not be read: whatever the services wrote is undone."""


class CatalogueResource(resources.ModelResource):
    """What products and businesses share: made for one user and (on import) one agency, formula
    escaping on export, one transaction.

    On import the resource reads the cells and finds the row's object; every row is then written
    by the services of catalog.services, which decide every right and rule as they do for the
    pages and the API. Their refusals become the row's errors, beside those of unreadable cells."""

    #: Rows between two calls of `progress`.
    PROGRESS_EVERY = 250

    def __init__(
        self,
        *,
        user: "User",
        agency: Agency | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self.user = user
        self.agency = agency
        #: Told how many rows were read, now and then (a background import's progress bar).
        self.progress = progress
        self.rows_read = 0

    @classmethod
    def field_from_django_field(
        cls, field_name: str, django_field: models.Field, readonly: bool
    ) -> Field:
        """The column of a model field named in Meta.fields without a declaration of its own:
        related rows by slug (small reference tables, read once), whole numbers, yes/no, text;
        an empty cell keeps the value of a field with choices."""
        model = django_field.related_model
        if django_field.is_relation and model is not None:
            return related(field_name, model, cached=True)
        if isinstance(django_field, models.BooleanField):
            return yes_no(field_name)
        if isinstance(django_field, models.IntegerField):
            return number(field_name)
        return text(field_name, allow_blank=not django_field.choices)

    # Column names ---------------------------------------------------------------------------------

    @classmethod
    def column_label(cls, field: Field) -> str:
        """The column's name for people, in the active language (the first header row)."""
        label = COLUMN_LABELS.get(field.column_name)
        if label is None:
            try:
                label = cls._meta.model._meta.get_field(field.attribute).verbose_name
            except FieldDoesNotExist:
                label = field.column_name
        return capfirst(str(label))

    @classmethod
    def importable_fields(cls) -> list[Field]:
        """The columns an import reads, in the order of an export (a blank template's)."""
        order = [*(cls._meta.export_order or ()), *cls._meta.fields]
        fields = [cls.fields[name] for name in dict.fromkeys(order) if name in cls.fields]
        return [field for field in fields if not field.readonly]

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        """Every name a column may have in an uploaded file (as `header_word` reads it) → its
        key: the key itself and its name for people in each of the portal's languages."""
        aliases: dict[str, str] = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for field in cls.fields.values():
                    aliases.setdefault(header_word(cls.column_label(field)), field.column_name)
        aliases.update({field.column_name: field.column_name for field in cls.fields.values()})
        return aliases

    def export_labels(self) -> list[str]:
        """The first header row of an export: the columns' names for people."""
        return [self.column_label(field) for field in self.get_export_fields()]

    # Export -------------------------------------------------------------------------------------

    def export_field(self, field: Field, instance: models.Model, **kwargs: Any) -> object:
        return escape_formula(super().export_field(field, instance, **kwargs))

    def may_see_personal_data(self, business: Business) -> bool:
        """NIB and owner's name: the registering agency's staff and administrators (UU PDP)."""
        if not hasattr(self, "_may_edit"):
            self._may_edit = rules.business_editor(self.user)
        return self._may_edit(business)

    # Import -------------------------------------------------------------------------------------

    def new_rows_agency(self) -> Agency:
        """The agency the user chose for new rows; a resource made for an export has none, and
        may add nothing (PermissionDenied, as the services answer)."""
        if self.agency is None:
            raise PermissionDenied
        return self.agency

    def editable(self) -> models.QuerySet[Any]:
        """The rows of the model this user may change (the queryset the pages start from)."""
        return self._meta.model.objects.editable_by(self.user)

    def get_instance(self, instance_loader: Any, row: Any) -> models.Model | None:
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

    def import_row(self, row: Any, instance_loader: Any, **kwargs: Any) -> RowResult:
        self.rows_read += 1
        if self.progress is not None and self.rows_read % self.PROGRESS_EVERY == 0:
            self.progress(self.rows_read)
        if all(is_blank(value) for value in row.values()):
            skipped = self.get_row_result_class()()
            skipped.import_type = RowResult.IMPORT_TYPE_SKIP
            return skipped
        return super().import_row(row, instance_loader, **kwargs)

    def after_init_instance(
        self, instance: RowInstance, new: bool, row: Any, **kwargs: Any
    ) -> None:
        instance._import_values = {}

    def import_field(
        self, field: Field, instance: RowInstance, row: Any, is_m2m: bool = False, **kwargs: Any
    ) -> None:
        """Read one cell (a ValueError is that cell's error) and keep its value for the service;
        the instance itself stays as the database holds it."""
        if field.readonly or not field.attribute or field.column_name not in row:
            return
        value = field.clean(row, **kwargs)
        if value is not None or field.saves_null_values:  # else an empty cell keeps the value
            instance._import_values[field.attribute] = value

    def validate_instance(
        self,
        instance: RowInstance,
        import_validation_errors: dict[str, Any] | None = None,
        validate_unique: bool = True,
    ) -> None:
        """The services validate; the cells that could not be read wait for their errors."""
        instance._cell_errors = dict(import_validation_errors or {})

    def save_instance(
        self, instance: RowInstance, is_create: bool, row: Any, **kwargs: Any
    ) -> None:
        """Write the row through the services, in a savepoint of its own: a row that fails
        leaves nothing behind, also in the preview where the following rows are checked
        against it. Where a cell could not be read, its error stands instead of the one the
        service gave for the value missing."""
        values, cell_errors = dict(instance._import_values), instance._cell_errors
        if not is_create:  # the preview lists what the row changes, before the write does
            instance._changed = self.describe_changes(instance, values)
        errors: dict[str, Any] = {}
        try:
            with transaction.atomic():
                saved = self.write(instance, values, is_create)
                if cell_errors:
                    raise CellErrors
        except CellErrors:
            pass
        except ValidationError as error:
            errors = self.explain(error.update_error_dict({}), instance, values)
        errors = {key: value for key, value in errors.items() if key not in cell_errors}
        errors.update(cell_errors)
        if errors:
            raise ValidationError(errors)
        for name, value in values.items():  # the preview names the row as it is now
            setattr(instance, name, value)
        instance.pk = saved.pk

    def write(self, instance: RowInstance, values: dict[str, Any], new: bool) -> models.Model:
        """Call the services for one row; `values` are the cells read, by field."""
        raise NotImplementedError

    def explain(
        self, errors: dict[str, Any], instance: RowInstance, values: dict[str, Any]
    ) -> dict[str, Any]:
        """The services' errors as the file's reader needs them."""
        return errors

    @staticmethod
    def changes(instance: RowInstance, values: dict[str, Any]) -> dict[str, Any]:
        """The values that differ from what the database holds."""
        changed = {}
        for name, value in values.items():
            field = instance._meta.get_field(name)
            wanted = value.pk if field.is_relation and value is not None else value
            if getattr(instance, field.attname) != wanted:
                changed[name] = value
        return changed

    def describe_changes(self, instance: RowInstance, values: dict[str, Any]) -> list[dict]:
        """What a row changes in an existing object, for people: the column's name, the value
        the database holds and the row's, both as text (shortened)."""
        columns = {field.attribute: field for field in self.fields.values()}
        wanted = {name: value for name, value in values.items() if name != "slug"}
        described = []
        for name, value in self.changes(instance, wanted).items():
            model_field = instance._meta.get_field(name)
            described.append(
                {
                    "column": self.column_label(columns[name]) if name in columns else name,
                    "old": shown_value(model_field, getattr(instance, name)),
                    "new": shown_value(model_field, value),
                }
            )
        return described

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        """Unlike ModelResource, do not reset the id sequences: we never import ids, and resetting
        a sequence under concurrent writers could hand out an id twice."""


class ProductResource(CatalogueResource):
    slug = Field(attribute="slug", column_name="slug", widget=SlugTextWidget())
    business = related("business", Business)
    business_name = shown("business_name", "business__name")
    region = shown("region", "business__region__slug")
    owner_agency = shown("owner_agency", "owner_agency__slug")
    updated_at = updated_at()

    class Meta:
        model = Product
        fields = (
            "slug", *PRODUCT_CONTENT_FIELDS, "business", "business_name", "region", "status",
            "owner_agency", "updated_at",
        )  # fmt: skip
        # Where the first columns stand in the file; the others follow in the order above.
        export_order = (
            "slug", "name", "name_en", "business", "business_name", "region", "category",
        )  # fmt: skip
        import_id_fields = ["slug"]
        skip_diff = True
        store_instance = True  # the preview reads each row's changes from its instance
        use_transactions = True
        chunk_size = 2000

    def write(self, instance: Product, values: dict[str, Any], new: bool) -> Product:
        slug, status = values.pop("slug", ""), values.pop("status", None)
        if new:
            business = values.pop("business", None)
            if business is None:  # the cell was empty, or named no business
                message = Product._meta.get_field("business").error_messages["null"]
                raise ValidationError({"business": message})
            with refusals("owner_agency", _("You may not add products for this agency.")):
                return services.create_product(
                    by=self.user, owner_agency=self.new_rows_agency(), business=business,
                    status=status or Product.Status.DRAFT, slug=slug, **values,
                )  # fmt: skip
        product = instance
        if changes := self.changes(instance, values):
            with refusals("slug"):
                product = services.update_product(product=product, by=self.user, **changes)
        if status is not None and status != product.status:
            with refusals("status", _("Only the curating agency may change the status.")):
                product = services.change_status(product=product, by=self.user, status=status)
        return product


class BusinessResource(CatalogueResource):
    slug = Field(attribute="slug", column_name="slug", widget=SlugTextWidget())
    registering_agency = shown("registering_agency", "registering_agency__slug")
    updated_at = updated_at()

    class Meta:
        model = Business
        fields = ("slug", *BUSINESS_FIELDS, "is_active", "registering_agency", "updated_at")
        import_id_fields = ["slug"]
        skip_diff = True
        store_instance = True  # the preview reads each row's changes from its instance
        use_transactions = True
        chunk_size = 2000

    def dehydrate_nib(self, business: Business) -> str:
        return business.nib if self.may_see_personal_data(business) else ""

    def dehydrate_owner_name(self, business: Business) -> str:
        if business.show_owner or self.may_see_personal_data(business):
            return business.owner_name
        return ""

    def write(self, instance: Business, values: dict[str, Any], new: bool) -> Business:
        slug, is_active = values.pop("slug", ""), values.pop("is_active", None)
        if new:
            with refusals("registering_agency", _("You may not register businesses.")):
                business = services.create_business(
                    by=self.user, registering_agency=self.new_rows_agency(), slug=slug, **values
                )
        else:
            business = instance
            if changes := self.changes(instance, values):
                with refusals("slug", _("You may not change this business.")):
                    business = services.update_business(business=business, by=self.user, **changes)
        if is_active is not None and is_active != business.is_active:
            move = services.reactivate_business if is_active else services.deactivate_business
            with refusals("is_active", _("You may not change this business.")):
                business = move(business=business, by=self.user)
        return business


RESOURCES = {"products": ProductResource, "businesses": BusinessResource}

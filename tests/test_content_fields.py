"""One list of what editors write on a product or a business, in catalog.services: the service
accepts it, and the workspace form, the API's write serializers and the spreadsheet import are
made from it. Also one answer to "which agencies may this person act for"."""

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency
from catalog import rules, services
from catalog.api.serializers import (
    BusinessChangeSerializer,
    ProductChangeSerializer,
    ProductSerializer,
)
from catalog.models import Category
from catalog.services.businesses import BUSINESS_FIELDS
from catalog.services.products import PRODUCT_CONTENT_FIELDS
from workspace.forms import BusinessForm, ProductContentForm
from workspace.resources import BusinessResource, ProductResource, SlugWidget


def imported_fields(resource_class) -> set[str]:
    """The fields an import writes: every column that is not only shown."""
    resource = resource_class(user=None)
    return {field.attribute for field in resource.fields.values() if not field.readonly}


def test_the_product_content_is_one_list():
    assert list(ProductContentForm.base_fields) == list(PRODUCT_CONTENT_FIELDS)
    assert ProductChangeSerializer.Meta.fields == [
        *PRODUCT_CONTENT_FIELDS,
        "status",
        "owner_agency",
    ]
    assert set(PRODUCT_CONTENT_FIELDS) <= set(ProductSerializer.Meta.fields)
    assert imported_fields(ProductResource) == {"slug", "business", "status"} | set(
        PRODUCT_CONTENT_FIELDS
    )


def test_the_business_fields_are_one_list():
    assert list(BusinessForm.base_fields) == list(BUSINESS_FIELDS)
    assert BusinessChangeSerializer.Meta.fields == list(BUSINESS_FIELDS)
    assert imported_fields(BusinessResource) == {"slug", "is_active"} | set(BUSINESS_FIELDS)


def test_the_import_reads_each_content_column_as_its_model_field_wants():
    resource = ProductResource(user=None)

    category = resource.fields["category"].widget
    assert isinstance(category, SlugWidget) and category.model is Category
    with pytest.raises(ValueError):
        resource.fields["price_min"].widget.clean("murah")
    assert resource.fields["price_min"].widget.clean("45000") == 45_000
    assert resource.fields["status"].widget.clean("") is None  # an empty cell keeps the status
    assert resource.fields["name"].widget.clean("") == ""


@pytest.mark.django_db
def test_the_service_refuses_a_field_outside_the_list(world):
    with pytest.raises(ValidationError) as refused:
        services.update_product(
            product=world.draft, by=world.people["owner_editor"], owner_agency=world.foreign
        )

    assert list(refused.value.message_dict) == ["owner_agency"]
    world.draft.refresh_from_db()
    assert world.draft.owner_agency == world.owner


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "agencies"),
    [
        ("owner_editor", {"dinas-pertanian"}),
        ("collab_manager", {"dinas-koperasi-ukm"}),
        ("reviewer", set()),
        ("anonymous", set()),
    ],
)
def test_a_person_acts_for_the_agencies_where_they_edit_or_manage(world, who, agencies):
    acting = rules.acting_agencies(world.people[who])

    assert set(acting.values_list("slug", flat=True)) == agencies


@pytest.mark.django_db
def test_an_administrator_acts_for_every_agency(world):
    acting = rules.acting_agencies(world.people["administrator"])

    assert set(acting) == set(Agency.objects.all())

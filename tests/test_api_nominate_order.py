"""`POST nominations/` answers in the documented order: the product (404), the right to nominate
it (403), the moment (409), and only then the rest of the body (400)."""

import pytest
from rest_framework.test import APIClient

from catalog.models import Nomination, Product
from tests.factories import AgencyFactory, MembershipFactory, NominationFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return AgencyFactory(slug="dinas-pertanian")


@pytest.fixture
def editor(owner):
    return MembershipFactory(agency=owner).user


def nominate(user, data):
    client = APIClient()
    client.force_authenticate(user)
    return client.post("/api/v1/nominations/", data, format="json")


def test_an_invisible_product_is_404_before_the_body_is_read(editor):
    ProductFactory(slug="rahasia", status=Product.Status.DRAFT)  # another agency's draft
    answer = nominate(editor, {"product": "rahasia"})  # no justification either
    assert answer.status_code == 404
    assert not Nomination.objects.exists()


def test_no_right_to_nominate_is_403_before_the_body_is_read(owner):
    ProductFactory(owner_agency=owner, slug="lada")
    outsider = MembershipFactory().user
    answer = nominate(outsider, {"product": "lada"})
    assert answer.status_code == 403
    assert not Nomination.objects.exists()


def test_a_nomination_under_way_is_409_before_the_body_is_read(owner, editor):
    product = ProductFactory(owner_agency=owner, slug="lada")
    NominationFactory(product=product, agency=owner)
    answer = nominate(editor, {"product": "lada"})
    assert answer.status_code == 409
    assert Nomination.objects.count() == 1


def test_the_body_is_read_last_and_names_its_fields(owner, editor):
    ProductFactory(owner_agency=owner, slug="lada")
    answer = nominate(editor, {"product": "lada", "agency": "tidak-ada"})
    assert answer.status_code == 400
    assert set(answer.json()) >= {"justification", "agency"}
    assert not Nomination.objects.exists()


def test_a_valid_body_nominates(owner, editor):
    product = ProductFactory(owner_agency=owner, slug="lada")
    answer = nominate(editor, {"product": "lada", "justification": "Bahan baku lokal."})
    assert answer.status_code == 201
    assert Nomination.objects.get().product == product

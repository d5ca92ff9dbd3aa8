"""`flagships/<id>/revoke/` lives on the flagship resource: administrators revoke any designation;
anyone else learns nothing about a designation the public cannot see (404), and is refused one
the public sees (403)."""

import pytest
from rest_framework.test import APIClient

from catalog import rules
from catalog.api.flagships import FlagshipViewSet
from catalog.models import Product
from tests.factories import DesignationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def revoke(user, designation):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/flagships/{designation.pk}/revoke/", {"reason": "Berhenti."})


def test_the_flagship_resource_holds_its_write():
    assert "revoke" in FlagshipViewSet.__dict__


def test_an_administrator_revokes_even_an_unlisted_products_designation():
    admin = UserFactory()
    admin.groups.add(rules.administrator_group())
    designation = DesignationFactory(nomination__product__status=Product.Status.ARCHIVED)
    assert revoke(admin, designation).status_code == 200
    designation.refresh_from_db()
    assert designation.revoked_by == admin


def test_others_get_404_for_what_the_public_cannot_see_and_403_for_what_it_can():
    editor = MembershipFactory().user
    hidden = DesignationFactory(nomination__product__status=Product.Status.ARCHIVED)
    shown = DesignationFactory()
    assert revoke(editor, hidden).status_code == 404
    assert revoke(editor, shown).status_code == 403
    hidden.refresh_from_db()
    shown.refresh_from_db()
    assert hidden.revoked_at is None and shown.revoked_at is None

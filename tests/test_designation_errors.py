"""A designation's errors speak where a person can act on them, and revoking never reads the
decree back."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog import rules, workflow
from catalog.models import Designation, Nomination
from tests.factories import DesignationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    user = UserFactory()
    user.groups.add(rules.administrator_group())
    return user


def same_year_as(first: Designation, decree_number: str) -> Designation:
    return Designation(
        product=first.product,
        nomination=first.nomination,
        year=first.year,
        valid_from=first.valid_from,
        valid_until=first.valid_until,
        decree_number=decree_number,
        approved_by=first.approved_by,
        approved_at=timezone.now(),
    )


def test_a_second_designation_for_the_year_is_refused_next_to_the_year():
    second = same_year_as(DesignationFactory(), "188.44/99/DKUKM/2026")
    with pytest.raises(ValidationError) as caught:
        second.validate_constraints()
    assert caught.value.message_dict == {
        "year": ["Produk ini sudah memiliki penetapan untuk tahun ini."]
    }


def test_every_constraint_error_stands_next_to_its_field():
    second = same_year_as(DesignationFactory(), decree_number="")
    with pytest.raises(ValidationError) as caught:
        second.validate_constraints()
    assert caught.value.message_dict == {
        "year": ["Produk ini sudah memiliki penetapan untuk tahun ini."],
        "decree_number": ["Nomor SK wajib diisi."],
    }


def test_revoking_does_not_read_the_decree_on_file(administrator):
    designation = DesignationFactory(decree_file="decrees/missing-from-storage.pdf")
    workflow.revoke(designation=designation, by=administrator, reason="Produksi berhenti.")
    designation.refresh_from_db()
    assert designation.revoked_by == administrator
    assert designation.revocation_reason == "Produksi berhenti."
    assert designation.nomination.events.filter(action="revoke").count() == 1
    assert designation.nomination.state == Nomination.State.APPROVED

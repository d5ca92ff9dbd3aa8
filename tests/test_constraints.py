"""Invariants the database itself keeps, whatever code writes the row (docs/architecture.md §2)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agencies.models import Membership
from catalog.models import (
    AssessmentScore,
    Business,
    Collaboration,
    Designation,
    Nomination,
    NominationEvent,
    Product,
)
from tests.factories import (
    AgencyFactory,
    AssessmentFactory,
    BusinessFactory,
    CertificateFactory,
    CollaborationFactory,
    CriterionFactory,
    DesignationFactory,
    MembershipFactory,
    NominationFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(model, **lookup):
    """Assert that the block raised IntegrityError and left no such row behind."""

    class Refused:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()

        def __exit__(self, kind, error, traceback):
            self.atomic.__exit__(kind, error, traceback)
            assert kind is IntegrityError, "the database accepted the row"
            assert not model.objects.filter(**lookup).exists()
            return True

    return Refused()


def test_price_min_above_price_max_is_refused():
    product = ProductFactory(price_min=10_000, price_max=20_000)
    with refused(Product, pk=product.pk, price_min=30_000):
        Product.objects.filter(pk=product.pk).update(price_min=30_000)
    product.refresh_from_db()
    assert product.price_min == 10_000


def test_equal_prices_are_a_single_price():
    assert ProductFactory(price_min=25_000, price_max=25_000).pk


def test_second_open_nomination_for_a_product_is_refused():
    first = NominationFactory(state=Nomination.State.SUBMITTED)
    with refused(Nomination, product=first.product, state=Nomination.State.DRAFT):
        NominationFactory(product=first.product, state=Nomination.State.DRAFT)
    assert Nomination.objects.filter(product=first.product).count() == 1


@pytest.mark.parametrize("closed", ["approved", "rejected", "withdrawn"])
def test_a_closed_nomination_does_not_block_a_new_one(closed):
    first = NominationFactory(state=closed)
    second = NominationFactory(product=first.product, state=Nomination.State.DRAFT)
    assert set(Nomination.objects.filter(product=first.product)) == {first, second}


def test_duplicate_nib_is_refused():
    BusinessFactory(nib="1234567890123")
    with refused(Business, name="Kembar"):
        BusinessFactory(name="Kembar", nib="1234567890123")


def test_businesses_without_nib_may_be_many():
    BusinessFactory(nib="")
    BusinessFactory(nib="")
    assert Business.objects.filter(nib="").count() == 2


def test_duplicate_membership_is_refused():
    membership = MembershipFactory()
    with refused(Membership, role="manager"):
        Membership.objects.create(user=membership.user, agency=membership.agency, role="manager")
    assert Membership.objects.filter(user=membership.user).count() == 1


def test_unknown_role_is_refused():
    with refused(Membership, role="owner"):
        MembershipFactory(role="owner")


@pytest.mark.parametrize("score", [0, 6, 100])
def test_assessment_score_outside_1_to_5_is_refused(score):
    assessment = AssessmentFactory()
    criterion = CriterionFactory()
    with refused(AssessmentScore, assessment=assessment):
        AssessmentScore.objects.create(assessment=assessment, criterion=criterion, score=score)


@pytest.mark.parametrize("score", [1, 5])
def test_assessment_scores_at_the_bounds_are_kept(score):
    row = AssessmentScore.objects.create(
        assessment=AssessmentFactory(), criterion=CriterionFactory(), score=score
    )
    row.refresh_from_db()
    assert row.score == score


def test_one_score_per_criterion_per_assessment():
    assessment, criterion = AssessmentFactory(), CriterionFactory()
    AssessmentScore.objects.create(assessment=assessment, criterion=criterion, score=3)
    with refused(AssessmentScore, assessment=assessment, score=4):
        AssessmentScore.objects.create(assessment=assessment, criterion=criterion, score=4)


def test_one_assessment_per_reviewer_and_nomination():
    first = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(nomination=first.nomination, reviewer=first.reviewer)
    assert first.nomination.assessments.count() == 1


def test_one_live_collaboration_per_agency_and_product():
    first = CollaborationFactory(status=Collaboration.Status.PENDING)
    with refused(Collaboration, status=Collaboration.Status.ACCEPTED):
        CollaborationFactory(product=first.product, agency=first.agency)


def test_an_ended_collaboration_may_be_renewed():
    first = CollaborationFactory(status=Collaboration.Status.ENDED)
    again = CollaborationFactory(product=first.product, agency=first.agency)
    assert Collaboration.objects.filter(product=first.product).count() == 2
    assert again.status == Collaboration.Status.ACCEPTED


def test_designation_period_must_be_in_order():
    today = timezone.localdate()
    with refused(Designation, decree_number="SK/terbalik"):
        DesignationFactory(
            decree_number="SK/terbalik", valid_from=today, valid_until=today - timedelta(days=1)
        )


def test_revocation_needs_a_reason():
    designation = DesignationFactory()
    with refused(Designation, pk=designation.pk, revoked_at__isnull=False):
        Designation.objects.filter(pk=designation.pk).update(revoked_at=timezone.now())


def test_certificate_cannot_expire_before_it_is_issued():
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(issued_on=today, expires_on=today - timedelta(days=1))


def test_nomination_events_are_append_only():
    event = NominationEvent.objects.create(
        nomination=NominationFactory(), action="submit", to_state="submitted", actor=UserFactory()
    )
    event.comment = "diubah"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    event.refresh_from_db()
    assert event.comment == ""
    assert NominationEvent.objects.filter(pk=event.pk).exists()


def test_agency_in_use_cannot_be_deleted():
    agency = AgencyFactory()
    ProductFactory(owner_agency=agency)
    with pytest.raises(Exception, match="protected"):
        agency.delete()
    assert agency.__class__.objects.filter(pk=agency.pk).exists()

"""A broken database constraint is told in words next to its field, never by its name (issue 16
item 1, umkm_portal/constraints.py): in the pages and the API alike, in Indonesian and English,
also when the database itself refuses a row that passed validation (two saves at once)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from agencies.models import Membership, Role
from catalog.models import Assessment, AssessmentScore, Business, Collaboration, Nomination, Product
from catalog.services import businesses
from support.models import AgreementParty, Participation, PartnerMembership
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AssessmentFactory,
    BusinessFactory,
    CertificateFactory,
    CollaborationFactory,
    CriterionFactory,
    MembershipFactory,
    MonitoringReportFactory,
    NominationFactory,
    ObligationFactory,
    ParticipationFactory,
    PartnerMembershipFactory,
    ProductFactory,
    ReferralFactory,
    ServiceFactory,
)
from tests.workspace.helpers import edited
from umkm_portal.constraints import (
    CONSTRAINT_ERRORS,
    INTERNAL_CONSTRAINTS,
    FieldConstraints,
    constraint_error,
    violation,
)

#: The apps whose rows people write through forms and the API.
WRITTEN_APPS = {"agencies", "catalog", "support", "notifications", "jobs"}
CONSTRAINTS = {
    constraint.name: (model, constraint)
    for model in apps.get_models()
    for constraint in model._meta.constraints
}
PRICES = "The highest price must not be below the lowest."


def said(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def assert_no_constraint_name(text: str) -> None:
    named = [name for name in CONSTRAINTS if name in text]
    assert not named, f"constraint names shown to a person: {named}"


# The mapping ------------------------------------------------------------------------------------


def test_every_constraint_is_told_in_words_or_out_of_a_persons_reach():
    written = {
        name for name, (model, _) in CONSTRAINTS.items() if model._meta.app_label in WRITTEN_APPS
    }
    assert not set(CONSTRAINT_ERRORS) & INTERNAL_CONSTRAINTS
    assert written == set(CONSTRAINT_ERRORS) | INTERNAL_CONSTRAINTS


@pytest.mark.parametrize("name", sorted(CONSTRAINT_ERRORS))
@pytest.mark.parametrize("language", ["id", "en"])
def test_each_told_constraint_stands_next_to_a_field_of_its_model(name, language):
    model, constraint = CONSTRAINTS[name]
    assert issubclass(model, FieldConstraints), f"{model.__name__} does not validate with words"
    entry = CONSTRAINT_ERRORS[name]
    with translation.override(language):
        raw = ValidationError(constraint.get_violation_error_message())
        errors = violation(constraint, raw)
        message = str(errors[entry.field or NON_FIELD_ERRORS][0].message)
        left_out = violation(constraint, raw, exclude={entry.field})
    if entry.field:
        model._meta.get_field(entry.field)
    assert message.strip()
    assert_no_constraint_name(message)
    # A form that does not show the field still shows the message, above the form.
    assert list(left_out) == [NON_FIELD_ERRORS]


def test_an_unlisted_constraint_is_never_named():
    _, constraint = CONSTRAINTS["product_status_known"]
    errors = violation(constraint, ValidationError(constraint.get_violation_error_message()))
    assert [str(error.message) for error in errors[NON_FIELD_ERRORS]] == [
        gettext("These values cannot be saved together.")
    ]


def test_another_integrity_error_is_left_alone():
    assert (
        constraint_error(IntegrityError("NOT NULL constraint failed: catalog_product.name")) is None
    )


# The product form and the product API (the constraint of the issue's screenshot) -----------------


def product_form_path(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_product_form_tells_the_prices_apart_next_to_the_highest_price(client, world, language):
    client.force_login(world.people["owner_editor"])
    path = product_form_path("workspace-product-edit", language, world.published.slug)

    response = client.post(path, edited(world.published, price_min=900_000, price_max=100_000))

    assert response.status_code == 200
    assert response.context["form"].errors == {"price_max": [said(PRICES, language)]}
    page = response.content.decode()
    error_list = page.split('id="id_price_max_error"', 1)[1].split("</ul>", 1)[0]
    assert said(PRICES, language) in error_list
    assert_no_constraint_name(page)
    world.published.refresh_from_db()
    assert (world.published.price_min, world.published.price_max) == (45_000, 60_000)


@pytest.mark.django_db
def test_a_new_product_with_its_prices_swapped_is_not_created(client, world):
    client.force_login(world.people["owner_editor"])
    data = {
        "business": world.business.pk,
        "owner_agency": world.owner.pk,
        "name": "Madu Pelawan Namang",
        "category": world.category.pk,
        "price_min": "200000",
        "price_max": "150000",
        "unit": "per 250 ml",
        "status": Product.Status.DRAFT,
    }

    response = client.post(reverse("workspace-product-create"), data)

    assert response.context["form"].errors == {"price_max": [gettext(PRICES)]}
    assert_no_constraint_name(response.content.decode())
    assert not Product.objects.filter(name="Madu Pelawan Namang").exists()


def answered(response) -> str:
    """The language the API answered in. It is asked for with Accept-Language; whether the API
    follows it is issue 16 item 23, so these tests check the words of the language it chose."""
    return response.headers["Content-Language"]


def api_client(user, language: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_api_answers_swapped_prices_with_a_400_on_the_highest_price(world, language):
    client = api_client(world.people["owner_editor"], language)
    path = reverse("api:product-detail", args=[world.published.slug])

    response = client.patch(path, {"price_min": 900_000}, format="json")

    assert response.status_code == 400
    assert response.json() == {"price_max": [said(PRICES, answered(response))]}
    world.published.refresh_from_db()
    assert world.published.price_min == 45_000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_api_creates_no_product_with_swapped_prices(world, language):
    client = api_client(world.people["owner_editor"], language)
    body = {
        "business": world.business.slug,
        "owner_agency": world.owner.slug,
        "name": "Madu Pelawan",
        "category": world.category.slug,
        "price_min": 200_000,
        "price_max": 100_000,
        "unit": "per botol",
    }

    response = client.post(reverse("api:product-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"price_max": [said(PRICES, answered(response))]}
    assert not Product.objects.filter(name="Madu Pelawan").exists()


# When the database refuses what validation let through (two people saving at once) ---------------


@pytest.fixture
def validation_misses(monkeypatch):
    """Validation that sees no clash, as when another save lands between it and the write."""
    monkeypatch.setattr(FieldConstraints, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(businesses, "_check_nib", lambda nib, exclude_pk=None: None)


@pytest.mark.django_db
def test_a_refused_check_reaches_the_form_in_words(client, world, validation_misses):
    client.force_login(world.people["owner_editor"])
    path = reverse("workspace-product-edit", args=[world.published.slug])

    response = client.post(path, edited(world.published, price_min=900_000))

    assert response.context["form"].errors == {"price_max": [gettext(PRICES)]}
    world.published.refresh_from_db()
    assert world.published.price_min == 45_000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_check_reaches_the_api_in_words(world, validation_misses, language):
    client = api_client(world.people["owner_editor"], language)
    path = reverse("api:product-detail", args=[world.published.slug])

    response = client.patch(path, {"price_min": 900_000}, format="json")

    assert response.status_code == 400
    assert response.json() == {"price_max": [said(PRICES, answered(response))]}
    world.published.refresh_from_db()
    assert world.published.price_min == 45_000


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_unique_nib_reaches_the_api_in_words(world, validation_misses, language):
    client = api_client(world.people["owner_editor"], language)
    body = {
        "name": "Madu Kelulut Belinyu",
        "owner_name": "Rahmat Hidayat",
        "region": world.region.slug,
        "scale": "mikro",
        "nib": world.business.nib,
    }

    response = client.post(reverse("api:business-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"nib": [said("This NIB is registered already.", answered(response))]}
    assert Business.objects.filter(nib=world.business.nib).count() == 1


# Each constraint broken for real, as the services' validation meets it -------------------------

DAY = timedelta(days=1)


def swapped_prices():
    product = ProductFactory()
    product.price_min = product.price_max + 1
    return product


def certificate_expired_before_issue():
    issued = timezone.localdate()
    certificate = CertificateFactory(issued_on=issued, expires_on=issued)
    certificate.expires_on = issued - DAY
    return certificate


def second_business_with_the_nib():
    first = BusinessFactory(nib="9120001234567")
    return Business(
        name="Lain", region=first.region, registering_agency=first.registering_agency, nib=first.nib
    )


def second_live_collaboration():
    first = CollaborationFactory()
    return Collaboration(product=first.product, agency=first.agency, invited_by=first.invited_by)


def second_membership():
    first = MembershipFactory()
    return Membership(user=first.user, agency=first.agency, role=Role.EDITOR)


def second_open_nomination():
    first = NominationFactory(state=Nomination.State.SUBMITTED)
    return Nomination(product=first.product, agency=first.agency, created_by=first.created_by)


def second_assessment():
    first = AssessmentFactory()
    return Assessment(nomination=first.nomination, reviewer=first.reviewer, agency=first.agency)


def score_of_seven():
    return AssessmentScore(assessment=AssessmentFactory(), criterion=CriterionFactory(), score=7)


def activity_ending_before_it_starts():
    activity = ActivityFactory()
    activity.ends_at = activity.starts_at - DAY
    return activity


def second_participation():
    first = ParticipationFactory()
    return Participation(activity=first.activity, business=first.business)


def second_partner_membership():
    first = PartnerMembershipFactory()
    return PartnerMembership(user=first.user, partner=first.partner)


def grant_without_amount():
    service = ServiceFactory()
    service.benefit, service.amount = "grant", None
    return service


def agreement_ending_before_it_starts():
    agreement = AgreementFactory()
    agreement.valid_until = agreement.valid_from - DAY
    return agreement


def signed_agreement_without_date():
    agreement = AgreementFactory()
    agreement.signed_on = None
    return agreement


def agency_party_twice():
    first = AgreementPartyFactory(agency=AgencyFactory())
    return AgreementParty(agreement=first.agreement, agency=first.agency, signatory_name="X")


def obligation_of_nothing():
    obligation = ObligationFactory()
    obligation.target = 0
    return obligation


def report_ending_before_it_starts():
    report = MonitoringReportFactory()
    report.period_end = report.period_start - DAY
    return report


def referral_to_itself():
    referral = ReferralFactory()
    referral.to_agency = referral.from_agency
    return referral


def decline_without_note():
    referral = ReferralFactory()
    referral.status, referral.answered_at = "declined", timezone.now()
    return referral


BROKEN = {
    "product_price_min_not_above_max": swapped_prices,
    "certificate_expires_after_issue": certificate_expired_before_issue,
    "business_unique_nib": second_business_with_the_nib,
    "collaboration_one_live_per_agency": second_live_collaboration,
    "membership_one_per_agency": second_membership,
    "nomination_one_open_per_product": second_open_nomination,
    "assessment_one_per_reviewer": second_assessment,
    "score_between_1_and_5": score_of_seven,
    "activity_ends_after_start": activity_ending_before_it_starts,
    "participation_one_per_business": second_participation,
    "partner_membership_one_per_partner": second_partner_membership,
    "service_amount_matches_benefit": grant_without_amount,
    "agreement_until_after_from": agreement_ending_before_it_starts,
    "agreement_signed_has_date": signed_agreement_without_date,
    "agreement_party_agency_once": agency_party_twice,
    "obligation_target_positive": obligation_of_nothing,
    "report_period_in_order": report_ending_before_it_starts,
    "referral_to_another_agency": referral_to_itself,
    "referral_decline_has_note": decline_without_note,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BROKEN))
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_broken_constraint_is_said_in_words_next_to_its_field(name, language):
    instance = BROKEN[name]()
    entry = CONSTRAINT_ERRORS[name]
    _, constraint = CONSTRAINTS[name]
    expected = entry.message or constraint.violation_error_message

    with translation.override(language), pytest.raises(ValidationError) as caught:
        instance.validate_constraints()

    with translation.override(language):
        errors = caught.value.message_dict
        assert str(expected) in errors[entry.field or NON_FIELD_ERRORS]
    assert_no_constraint_name(" ".join(message for items in errors.values() for message in items))

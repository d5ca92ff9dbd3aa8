"""The partnership models in the Django admin: every page opens for an administrator with a
partner service among the services; agreements, obligations and reports are read-mostly (written
through support/services), partners and partner staff are master data."""

import pytest
from django.contrib import admin
from django.urls import reverse

from support.models import Agreement, MonitoringReport, Obligation, Partner, PartnerMembership
from support.services import reports
from tests.factories import (
    AgencyFactory,
    ObligationFactory,
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
)
from tests.helpers import member

pytestmark = pytest.mark.django_db

MODELS = [Partner, PartnerMembership, Agreement, Obligation, MonitoringReport]


def url(model, view, *args):
    return reverse(f"admin:support_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def administrator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def deal():
    lead, oke = AgencyFactory(), PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    agreement, _lead_party, oke_party = signed_between(lead, oke)
    ObligationFactory(agreement=agreement, party=oke_party)
    PartnerMembershipFactory(partner=oke)
    ServiceFactory(agency=None, partner=oke, agreement=agreement)
    reports.open_report(agreement=agreement, period_start=agreement.valid_from,
                        period_end=agreement.valid_until, by=member(lead))  # fmt: skip
    return agreement


def test_every_partnership_model_is_registered():
    assert all(model in admin.site._registry for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_search_and_change_pages_open(client, administrator, deal, model):
    assert client.get(url(model, "changelist")).status_code == 200
    assert client.get(url(model, "changelist"), {"q": "oke"}).status_code == 200
    instance = model.objects.first()
    assert client.get(url(model, "change", instance.pk)).status_code == 200
    assert client.get(url(model, "history", instance.pk)).status_code == 200


@pytest.mark.parametrize("model", [Agreement, Obligation, MonitoringReport])
def test_workflow_records_are_neither_added_nor_deleted_here(client, administrator, deal, model):
    assert client.get(url(model, "add")).status_code == 403
    assert client.get(url(model, "delete", model.objects.first().pk)).status_code == 403


def test_the_services_list_names_a_partner_provider(client, administrator, deal):
    from support.models import Service

    page = client.get(reverse("admin:support_service_changelist"))
    assert page.status_code == 200
    assert "OKE OCE Indonesia" in page.content.decode()
    by_partner = {"partner__id__exact": Service.objects.get().partner_id}
    assert client.get(reverse("admin:support_service_changelist"), by_partner).status_code == 200

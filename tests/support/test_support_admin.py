"""The development record in the Django admin: every page opens for an administrator; stages
are editable master data; the records are read-mostly, with their history and no revert."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from support.models import Service, Stage
from support.services import help
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

#: The partnership models have their own admin test (test_partnership_admin.py).
PARTNERSHIP_MODELS = {"Partner", "PartnerMembership", "Agreement", "Obligation", "MonitoringReport"}
SUPPORT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label == "support" and model.__name__ not in PARTNERSHIP_MODELS
]


@pytest.fixture
def administrator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def url(model, view, *args):
    return reverse(f"admin:support_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_record_is_registered():
    assert {model.__name__ for model in SUPPORT_MODELS} == {
        "Stage", "Activity", "Participation", "Service", "Referral", "Snapshot", "Milestone",
    }  # fmt: skip


@pytest.mark.parametrize("model", SUPPORT_MODELS, ids=lambda model: model.__name__)
def test_changelist_search_filters_and_change_pages_open(client, administrator, record, model):
    assert client.get(url(model, "changelist")).status_code == 200
    assert client.get(url(model, "changelist"), {"q": "lada"}).status_code == 200
    instance = model.objects.first()
    assert client.get(url(model, "change", instance.pk)).status_code == 200
    if model is not Stage:
        assert client.get(url(model, "history", instance.pk)).status_code == 200
        assert client.get(url(model, "add")).status_code == 403  # written in the workspace
        assert client.get(url(model, "delete", instance.pk)).status_code == 403


@pytest.mark.parametrize(
    ("model", "filters"),
    [(Service, {"voided_at__isempty": "1", "outcome": "done"}),
     (Stage, {"is_active__exact": "1"})],
)  # fmt: skip
def test_list_filters_answer(client, administrator, record, model, filters):
    assert client.get(url(model, "changelist"), filters).status_code == 200


@pytest.mark.parametrize("name", ["snapshot", "milestone"])
def test_verified_filter(client, administrator, record, name):
    for value in ("yes", "no"):
        page = client.get(reverse(f"admin:support_{name}_changelist"), {"verified": value})
        assert page.status_code == 200


def test_stages_are_edited_but_keep_their_code(client, administrator):
    stage = Stage.objects.get(code="keuangan")
    response = client.post(
        url(Stage, "change", stage.pk),
        {"code": "uang", "name": "Pembukuan", "name_en": "Bookkeeping", "description": "",
         "order": 6, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.code, stage.name, stage.name_en) == ("keuangan", "Pembukuan", "Bookkeeping")
    assert client.get(url(Stage, "add")).status_code == 200
    assert client.get(url(Stage, "delete", stage.pk)).status_code == 403


def test_a_service_corrects_its_summary_only(client, administrator, world, record):
    service = record.service
    response = client.post(
        url(Service, "change", service.pk),
        {"hours": "2.0", "mentor_name": "Bu Sari", "summary": "Dikoreksi admin",
         "outcome": "done", "agency": world.other.pk},
    )  # fmt: skip
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.summary, service.mentor_name) == ("Dikoreksi admin", "Bu Sari")
    assert (service.outcome, service.agency) == ("in_progress", world.owner)
    assert service.history.latest("pk").history_user == administrator


def test_a_voided_service_is_read_only_and_its_history_cannot_revert_it(
    client, administrator, world, record
):
    original = record.service.history.earliest("pk")
    help.void_service(service=record.service, by=world.people["owner_editor"], reason="Ganda")

    client.post(url(Service, "change", record.service.pk), {"summary": "Dihidupkan lagi"})
    revert = url(Service, "history", record.service.pk) + f"{original.history_id}/"
    assert client.get(revert).status_code == 200
    assert client.post(revert, {"summary": ""}).status_code == 403

    service = Service.objects.get(pk=record.service.pk)
    assert service.is_voided
    assert service.summary == ""
    assert service.voided_at <= timezone.now()


def test_staff_without_permissions_see_nothing_of_the_record(client, record):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url(Service, "changelist")).status_code == 403

"""The OpenAPI schema documents the development record's work resources (DESIGN §8): every
address, the answers each operation may give, their enums under names of their own, and not one
warning from drf-spectacular while it is made."""

import json

import pytest
from django.urls import reverse
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

#: Every operation of these resources, with the answers it documents.
OPERATIONS = {
    ("GET", "/api/v1/stages/"): "200 400 401 404 429",
    ("GET", "/api/v1/activities/"): "200 400 401 404 429",
    (
        "POST",
        "/api/v1/activities/",
    ): "201 400 401 403 404 413 415 422 429",  # 404: an agreement not visible
    ("GET", "/api/v1/activities/{id}/"): "200 401 404 429",
    ("PATCH", "/api/v1/activities/{id}/"): "200 400 401 403 404 409 413 415 429",
    ("POST", "/api/v1/activities/{id}/cancel/"): "200 400 401 403 404 409 413 415 422 429",
    ("GET", "/api/v1/activities/{id}/participants/"): "200 400 401 403 404 429",
    ("POST", "/api/v1/activities/{id}/participants/"): "201 400 401 403 404 409 413 415 422 429",
    ("GET", "/api/v1/participants/{id}/"): "200 401 404 429",
    ("PATCH", "/api/v1/participants/{id}/"): "200 400 401 403 404 409 413 415 429",
    ("DELETE", "/api/v1/participants/{id}/"): "204 401 403 404 409 429",
    ("GET", "/api/v1/services/"): "200 400 401 404 429",
    ("POST", "/api/v1/services/"): "201 400 401 403 404 413 415 422 429",
    ("GET", "/api/v1/services/{id}/"): "200 401 404 429",
    ("PATCH", "/api/v1/services/{id}/"): "200 400 401 403 404 409 413 415 429",
    ("POST", "/api/v1/services/{id}/void/"): "200 400 401 403 404 409 413 415 422 429",
    ("GET", "/api/v1/referrals/"): "200 400 401 404 429",
    ("POST", "/api/v1/referrals/"): "201 400 401 403 413 415 422 429",
    ("GET", "/api/v1/referrals/{id}/"): "200 401 404 429",
    **{
        ("POST", f"/api/v1/referrals/{{id}}/{step}/"): "200 400 401 403 404 409 413 415 422 429"
        for step in ("accept", "decline", "complete", "cancel")
    },
}
PREFIXES = ("/api/v1/stages/", "/api/v1/activities/", "/api/v1/participants/",
            "/api/v1/services/", "/api/v1/referrals/")  # fmt: skip
#: What a warning about these resources names: a viewset, or an enum component of theirs.
NAMES = ("StageViewSet", "ActivityViewSet", "ParticipantViewSet", "ServiceViewSet",
         "ReferralViewSet", '"ActivityKindEnum"', '"ActivityFundingEnum"', '"BenefitEnum"',
         '"ParticipationStatusEnum"', '"ServiceKindEnum"', '"ServiceOutcomeEnum"',
         '"TargetCertificateKindEnum"', '"ReferralStatusEnum"', '"ReferralStepEnum"')  # fmt: skip


@pytest.fixture
def schema(db):
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_valid_and_documents_every_operation_with_its_answers(schema):
    validate_schema(schema)

    documented = {
        (method.upper(), path): " ".join(sorted(operation["responses"]))
        for path, operations in schema["paths"].items()
        if path.startswith(PREFIXES)
        for method, operation in operations.items()
    }

    assert documented == OPERATIONS


def test_no_address_offers_a_put_or_a_delete_of_what_is_never_deleted(schema):
    paths = schema["paths"]

    assert "put" not in paths["/api/v1/activities/{id}/"]
    assert "delete" not in paths["/api/v1/activities/{id}/"]
    assert "delete" not in paths["/api/v1/services/{id}/"]
    assert set(paths["/api/v1/referrals/{id}/"]) == {"get"}


def test_the_enums_have_names_of_their_own(schema):
    enums = schema["components"]["schemas"]

    assert "konsultasi" in enums["ServiceKindEnum"]["enum"]
    assert "pameran" in enums["ActivityKindEnum"]["enum"]
    assert enums["ParticipationStatusEnum"]["enum"] == [
        "registered",
        "attended",
        "completed",
        "absent",
    ]
    assert enums["ReferralStepEnum"]["enum"] == ["accept", "decline", "complete", "cancel"]
    assert "cancelled" in enums["ReferralStatusEnum"]["enum"]


def test_the_filters_are_documented(schema):
    def parameters(path):
        return {p["name"] for p in schema["paths"][path]["get"].get("parameters", [])}

    assert {"tahap", "dinas", "wilayah", "bulan", "year", "page"} <= parameters(
        "/api/v1/activities/"
    )
    assert {"business", "agency", "stage", "year", "include_voided"} <= parameters(
        "/api/v1/services/"
    )
    assert {"box", "status", "overdue"} <= parameters("/api/v1/referrals/")


def test_drf_spectacular_warns_of_nothing_in_these_resources(db):
    GENERATOR_STATS.reset()
    try:
        SchemaGenerator().get_schema(request=None, public=True)
        warnings = [
            message
            for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
            if any(name in message for name in NAMES)
        ]
    finally:
        GENERATOR_STATS.reset()

    assert warnings == []

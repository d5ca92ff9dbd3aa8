"""The schema says what the API answers (issue 16, items 24–25): every status an operation can
give by the conventions, nullable where null is shown, public reads without a lock, and a way
back to the portal from the documentation."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_public_reads_carry_no_lock_and_writes_ask_for_a_token(schema):
    products = schema["paths"]["/api/v1/products/"]
    assert products["get"]["security"] == []
    assert {"tokenAuth": []} in products["post"]["security"]
    nominations = schema["paths"]["/api/v1/nominations/"]["get"]
    assert {"tokenAuth": []} in nominations["security"] and {} not in nominations["security"]


def test_every_operation_documents_its_conventional_answers(schema):
    for path, method, operation in operations(schema):
        codes = set(operation["responses"])
        assert {"401", "429"} <= codes, (method, path)
        if "requestBody" in operation:
            assert {"400", "413"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if any(p["name"] == "page" for p in operation.get("parameters", ())):
            assert {"400", "404"} <= codes, (method, path)


def test_every_documented_400_is_field_errors(schema):
    for path, method, operation in operations(schema):
        answer = operation["responses"].get("400")
        if answer:
            body = answer["content"]["application/json"]["schema"]
            assert body.get("additionalProperties", {}).get("type") == "array", (method, path)


def test_paging_is_documented_as_whole_numbers(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/products/"]["get"]["parameters"]}
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}


def test_a_nominations_submitter_may_be_null(schema):
    for name in ("Nomination", "NominationDetail"):
        assert schema["components"]["schemas"][name]["properties"]["submitted_by"]["nullable"]


def test_the_docs_link_back_to_the_portal(schema, client):
    assert "](/)" in schema["info"]["description"]
    assert client.get("/api/v1/docs/").status_code == 200

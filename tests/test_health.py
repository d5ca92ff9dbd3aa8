from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.db.backends.utils import CursorWrapper


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "failure",
    [OperationalError("connection refused"), InterfaceError("connection already closed")],
)
def test_healthz_is_503_when_the_database_does_not_answer(client, failure):
    with mock.patch.object(CursorWrapper, "execute", side_effect=failure):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response["Retry-After"]


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_server_is_unreachable(client):
    """A real outage, not a mock: the connection points at a closed port on this machine."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("an in-memory SQLite test database cannot be taken away and given back")
    original = connection.settings_dict.copy()
    connection.close()
    try:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(original)

    assert response.status_code == 503
    assert client.get("/healthz").status_code == 200  # and it recovers by itself

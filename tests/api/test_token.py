"""API tokens (docs/architecture.md §5): sign in for a token, use it, revoke it; failures are
counted by django-axes and lock out with 429, like the throttle; nobody learns which usernames
exist."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.helpers import url
from tests.factories import UserFactory

PASSWORD = "rahasia-123"  # tests.factories.UserFactory's


@pytest.fixture
def api():
    return APIClient()


def sign_in(client, username="pertanian.editor", password=PASSWORD):
    return client.post(url("token"), {"username": username, "password": password}, format="json")


def with_token(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_sign_in_use_revoke_and_the_token_fails_at_once(world, api):
    response = sign_in(api)
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=world.people["owner_editor"]).key == token
    client = with_token(token)

    used = client.patch(
        url("product-detail", "lada-putih-muntok"), {"unit": "per kg"}, format="json"
    )
    revoked = client.delete(url("token"))
    after = client.patch(
        url("product-detail", "lada-putih-muntok"), {"unit": "per 100 g"}, format="json"
    )

    assert (used.status_code, revoked.status_code, after.status_code) == (200, 204, 401)
    assert after["WWW-Authenticate"].startswith("Token")
    assert not Token.objects.filter(key=token).exists()
    world.published.refresh_from_db()
    assert world.published.unit == "per kg"
    assert client.get(url("product-list")).status_code == 401  # a dead token is no anonymity


def test_signing_in_again_gives_the_same_token_until_it_is_revoked(world, api):
    first = sign_in(api).json()["token"]
    again = sign_in(api).json()["token"]
    with_token(first).delete(url("token"))
    fresh = sign_in(api).json()["token"]

    assert first == again != fresh
    assert Token.objects.get(user=world.people["owner_editor"]).key == fresh


def test_a_revoked_token_sent_along_does_not_stop_signing_in_again(world, api):
    api.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")

    response = sign_in(api)

    assert response.status_code == 200
    assert Token.objects.get(user=world.people["owner_editor"]).key == response.json()["token"]


def test_a_token_sign_in_records_the_last_login(world, api):
    sign_in(api)

    world.people["owner_editor"].refresh_from_db()
    assert world.people["owner_editor"].last_login is not None


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("pertanian.editor", "salah-sandi"),
        ("tidak.ada", PASSWORD),
        ("tidak.ada", "salah-sandi"),
        ("inactive", PASSWORD),
    ],
)
def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(world, api, username, password):
    UserFactory(username="inactive", is_active=False)
    reference = sign_in(api, "pertanian.editor", "salah-sandi-lain")

    response = sign_in(api, username, password)

    assert response.status_code == reference.status_code == 400
    assert response.json() == reference.json()
    assert list(response.json()) == ["non_field_errors"]
    assert not Token.objects.exists()


@pytest.mark.parametrize(
    ("body", "at_fault"),
    [
        ({"username": "pertanian.editor"}, "password"),
        ({"password": PASSWORD}, "username"),
        ({"username": "pertanian.editor", "password": PASSWORD, "user_id": 1}, "user_id"),
        ({"username": "x" * 151, "password": PASSWORD}, "username"),
    ],
)
def test_an_incomplete_sign_in_is_a_400(world, api, body, at_fault):
    response = api.post(url("token"), body, format="json")

    assert response.status_code == 400
    assert at_fault in response.json()
    assert not Token.objects.exists()


def test_revoking_without_credentials_is_a_401(world, api):
    sign_in(api)

    response = api.delete(url("token"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert Token.objects.count() == 1


def test_a_session_without_a_token_revokes_nothing_and_fails_nothing(world, client_of):
    Token.objects.create(user=world.people["owner_manager"])

    response = client_of("owner_editor").delete(url("token"))

    assert response.status_code == 204
    assert Token.objects.count() == 1


def test_brute_force_is_locked_out_with_429_even_for_the_right_password(world, api, settings):
    settings.AXES_FAILURE_LIMIT = 3

    failures = [sign_in(api, password=f"tebakan-{n}").status_code for n in range(3)]
    right = sign_in(api)

    assert failures == [400, 400, 429]
    assert right.status_code == 429
    assert right["Content-Type"] == "application/json"
    assert "detail" in right.json()
    assert int(right["Retry-After"]) > 0
    assert not Token.objects.exists()


def test_guessing_unknown_usernames_is_locked_out_alike(world, api, settings):
    settings.AXES_FAILURE_LIMIT = 2

    statuses = [sign_in(api, username="tidak.ada").status_code for _ in range(3)]

    assert statuses == [400, 429, 429]


def test_a_lockout_is_for_that_username_only(world, api, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        sign_in(api, password="salah")

    assert sign_in(api).status_code == 429
    assert sign_in(api, username="pertanian.manager").status_code == 200


def test_a_success_resets_the_failures(world, api, settings):
    settings.AXES_FAILURE_LIMIT = 3
    sign_in(api, password="salah")
    sign_in(api, password="salah")

    signed_in = sign_in(api)
    sign_in(api, password="salah")
    sign_in(api, password="salah")

    assert signed_in.status_code == 200
    assert sign_in(api).status_code == 200


def test_the_token_endpoint_is_throttled(world, api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "token": "3/minute",
        },
    }

    statuses = [sign_in(api).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert int(sign_in(api)["Retry-After"]) > 0


def test_the_throttle_has_a_default_rate_without_settings(world, api, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {k: v for k, v in rates.items() if k != "token"},
    }

    statuses = [sign_in(api).status_code for _ in range(11)]

    assert statuses == [200] * 10 + [429]

"""Who are you: brute force, session fixation, sign-out, revoked tokens, accounts and memberships
that end, open redirects and forged Host headers."""

import re
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from rest_framework.authtoken.models import Token

from agencies.models import Membership
from catalog.models import Product
from tests.factories import ProductFactory
from tests.security.helpers import PASSWORD, api_as, page_as, snapshot, token_client

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


def product_api(product):
    return f"/api/v1/products/{product.slug}/"


def edit_page(product):
    return f"/ruang-kerja/produk/{product.slug}/ubah/"


# Brute force ------------------------------------------------------------------------------------


def sign_in_page(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def sign_in_api(client, username, password):
    return client.post(TOKEN, {"username": username, "password": password}, format="json")


def normalised(response, username) -> str:
    """The answer less what differs between any two requests (the CSRF token) and the username
    the form shows back."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return text.replace(username, "USERNAME")


FACES = {"page": (page_as, sign_in_page), "api": (api_as, sign_in_api)}


@pytest.mark.parametrize("face", FACES)
def test_brute_force_is_locked_out_alike_for_known_and_unknown_usernames(w, settings, face):
    settings.AXES_FAILURE_LIMIT = 3
    make_client, sign_in = FACES[face]
    before = snapshot()

    answers = {}
    for username in ("pertanian.editor", "tidak.ada"):
        client = make_client()
        guesses = [sign_in(client, username, f"tebakan-{n}") for n in range(4)]
        answers[username] = [(r.status_code, normalised(r, username)) for r in guesses]
        right = sign_in(client, username, PASSWORD)
        assert right.status_code == 429  # locked out even with the right password
        assert int(right["Retry-After"]) > 0
        assert SESSION_KEY not in client.session

    statuses = [status for status, _body in answers["pertanian.editor"]]
    assert statuses == [200 if face == "page" else 400] * 2 + [429, 429]
    assert answers["pertanian.editor"] == answers["tidak.ada"]
    assert not Token.objects.exists()
    assert snapshot() == before


def test_the_token_endpoint_throttles_a_spray_over_many_usernames(w, settings):
    """A per-username lockout does not stop one address trying one password on every account:
    the `token` throttle scope does."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "token": "5/minute",
        },
    }
    client = api_as()

    statuses = [sign_in_api(client, f"pegawai{n}", "Babel2026!").status_code for n in range(7)]
    right = sign_in_api(client, "pertanian.editor", PASSWORD)

    assert statuses == [400] * 5 + [429] * 2
    assert right.status_code == 429
    assert not Token.objects.exists()


# Sessions and tokens ----------------------------------------------------------------------------


def test_sign_in_never_keeps_a_session_key_the_attacker_chose(w):
    client = page_as()
    planted = client.session  # an attacker's session, with its cookie set in the victim's browser
    planted["planted"] = True
    planted.save()
    chosen = planted.session_key

    response = sign_in_page(client, "pertanian.editor", PASSWORD)

    assert response.status_code == 302
    new = client.cookies["sessionid"].value
    assert new != chosen
    assert not Session.objects.filter(session_key=chosen).exists()
    assert Session.objects.get(session_key=new).get_decoded()[SESSION_KEY] == str(w.editor_a.pk)


def test_sign_out_ends_the_session_for_whoever_kept_the_cookie(w):
    client = page_as(w.editor_a)
    stolen = client.cookies["sessionid"].value

    assert client.post("/accounts/logout/").status_code == 302

    replay = page_as()
    replay.cookies["sessionid"] = stolen
    page = replay.get("/ruang-kerja/")
    assert page.status_code == 302 and page["Location"].startswith(LOGIN)
    write = replay.patch(
        product_api(w.product_a), {"unit": "per ton"}, content_type="application/json"
    )
    assert write.status_code == 401
    w.product_a.refresh_from_db()
    assert w.product_a.unit == "per 250 g"


def test_a_revoked_token_fails_at_once(w):
    client = token_client(w.editor_a)
    before_revoking = client.patch(product_api(w.product_a), {"unit": "per kg"}, format="json")

    assert client.delete(TOKEN).status_code == 204
    after = client.patch(product_api(w.product_a), {"unit": "per ton"}, format="json")

    assert before_revoking.status_code == 200
    assert after.status_code == 401 and after["WWW-Authenticate"].startswith("Token")
    w.product_a.refresh_from_db()
    assert w.product_a.unit == "per kg"


def test_a_signed_in_browser_cannot_be_made_to_write_without_the_csrf_token(w):
    """A page of another site posting with the staff member's session cookie (CSRF)."""
    client = page_as(w.editor_a)
    client.handler.enforce_csrf_checks = True
    before = snapshot()

    page = client.post(edit_page(w.product_a), {"name": "Diambil alih"})
    api = client.patch(
        product_api(w.product_a), {"name": "Diambil alih"}, content_type="application/json"
    )
    sign_out = client.post("/accounts/logout/")

    assert page.status_code == api.status_code == sign_out.status_code == 403
    assert snapshot() == before
    assert client.get("/ruang-kerja/").status_code == 200  # still signed in


@pytest.mark.parametrize(
    "header",
    [
        "Token",
        "Token a b",
        "Token 0000000000000000000000000000000000000000",
        "Token ' OR 1=1 --",
        "Token " + "x" * 10_000,
        # WSGI hands headers over as latin-1: what a client's UTF-8 "Token \u202e" becomes.
        "Token \u202e".encode().decode("latin-1"),
    ],
)
def test_forged_token_headers_are_a_401(w, header):
    before = snapshot()

    client = api_as()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.patch(product_api(w.product_a), {"unit": "per ton"}, format="json")

    assert response.status_code == 401
    assert snapshot() == before


# Accounts and memberships that end --------------------------------------------------------------


@pytest.fixture
def draft_a(w):
    return ProductFactory(
        name="Getas Draf",
        business=w.business_a,
        owner_agency=w.a,
        category=w.category,
        status=Product.Status.DRAFT,
    )


def test_a_deactivated_user_loses_access_on_the_next_request(w, draft_a):
    page = page_as(w.editor_a)
    api = token_client(w.editor_a)
    assert page.get(f"/ruang-kerja/produk/{draft_a.slug}/").status_code == 200
    assert api.get(product_api(draft_a)).status_code == 200

    w.editor_a.is_active = False
    w.editor_a.save()
    before = snapshot()

    workspace = page.get(f"/ruang-kerja/produk/{draft_a.slug}/")
    edit = page.post(edit_page(w.product_a), {"name": "Diambil alih"})
    token_read = api.get(product_api(draft_a))
    token_write = api.patch(product_api(w.product_a), {"name": "Diambil alih"}, format="json")
    session_api = api_as()
    session_api.cookies = page.cookies
    session_write = session_api.patch(product_api(w.product_a), {"name": "X"}, format="json")

    assert workspace.status_code == edit.status_code == 302
    assert workspace["Location"].startswith(LOGIN)
    assert token_read.status_code == token_write.status_code == 401
    assert session_write.status_code == 401
    assert page.get(f"/produk/{draft_a.slug}/").status_code == 404
    assert snapshot() == before


def test_a_removed_member_loses_access_on_the_next_request(w, draft_a):
    page = page_as(w.editor_a)
    api = token_client(w.editor_a)
    assert page.get(f"/ruang-kerja/produk/{draft_a.slug}/").status_code == 200

    Membership.objects.filter(user=w.editor_a).delete()
    before = snapshot()

    assert page.get(f"/ruang-kerja/produk/{draft_a.slug}/").status_code == 404
    assert page.post(edit_page(w.product_a), {"name": "Diambil alih"}).status_code == 403
    assert api.get(product_api(draft_a)).status_code == 404
    assert api.patch(product_api(w.product_a), {"name": "X"}, format="json").status_code == 403
    assert api.delete(product_api(w.product_a)).status_code == 403
    assert snapshot() == before


# Open redirects ---------------------------------------------------------------------------------

EVIL = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "https:evil.example",
    " //evil.example",
    "/\t/evil.example",
]


def stays_on_the_site(location: str) -> bool:
    parts = urlsplit(location)
    return (
        not parts.scheme
        and not parts.netloc
        and location.startswith("/")
        and not location.startswith(("//", "/\\"))
        and "evil.example" not in location
    )


@pytest.mark.parametrize("target", EVIL)
def test_next_never_leaves_the_site(w, target):
    signed_out = page_as()
    sign_in = signed_out.post(
        f"{LOGIN}?next={quote(target)}",
        {"username": "pertanian.editor", "password": PASSWORD, "next": target},
    )
    form = signed_out.get(f"{LOGIN}?next={quote(target)}").content.decode()
    sign_out = page_as(w.editor_a).post("/accounts/logout/", {"next": target})
    action = page_as(w.editor_a).post(
        f"/ruang-kerja/produk/{w.product_a.slug}/tarik/", {"next": target}
    )

    for response in (sign_in, sign_out, action):
        assert response.status_code == 302
        assert stays_on_the_site(response["Location"]), response["Location"]
    [kept] = re.findall(r'name="next" value="([^"]*)"', form)
    assert kept == ""  # an unsafe `next` is not even put into the form


# Host header ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/"),
        ("get", "/produk/"),
        ("get", "/api/v1/products/"),
        ("post", "/accounts/password/reset/"),
        ("post", TOKEN),
    ],
)
def test_a_host_not_allowed_is_a_400(w, method, path, mailoutbox):
    w.editor_a.email = "editor@pertanian.example"
    w.editor_a.save()
    data = {"email": "editor@pertanian.example", "username": "x", "password": "y"}

    response = getattr(page_as(), method)(
        path, data if method == "post" else None, HTTP_HOST="evil.example"
    )

    assert response.status_code == 400
    assert not mailoutbox


def test_a_forwarded_host_does_not_poison_the_reset_link(w, mailoutbox):
    w.editor_a.email = "editor@pertanian.example"
    w.editor_a.save()

    response = page_as().post(
        "/accounts/password/reset/",
        {"email": "editor@pertanian.example"},
        HTTP_X_FORWARDED_HOST="evil.example",
    )

    assert response.status_code == 302
    [mail] = mailoutbox
    assert "evil.example" not in mail.body and "http://testserver/" in mail.body

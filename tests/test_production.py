"""Production behaviour: the client's address behind the load balancer, security headers,
media served by the portal itself, and a 503 (not a traceback) while the database is away."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import RequestFactory

from tests.factories import UserFactory
from umkm_portal.http import client_ip

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.2"),  # no proxy trusted: a client's header is ignored
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the load balancer appended the last one
        (1, "203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_a_spoofed_forwarded_for_cannot_escape_a_lockout(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="dedi", password="kata-sandi-benar")
    behind_balancer = {"REMOTE_ADDR": "10.0.0.2"}

    for spoof in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        client.post(
            "/accounts/login/",
            {"username": "dedi", "password": "salah"},
            HTTP_X_FORWARDED_FOR=f"{spoof}, 203.0.113.7",
            **behind_balancer,
        )
    response = client.post(
        "/accounts/login/",
        {"username": "dedi", "password": "kata-sandi-benar"},
        HTTP_X_FORWARDED_FOR="4.4.4.4, 203.0.113.7",
        **behind_balancer,
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/", "/produk/", "/api/v1/products/", "/healthz"])
def test_security_headers_on_every_kind_of_answer(client, path):
    response = client.get(path)

    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_media_is_served_by_the_portal_with_debug_off(client, settings):
    assert settings.DEBUG is False
    folder = settings.MEDIA_ROOT / "products"
    folder.mkdir(parents=True)
    (folder / "a.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    (folder / "sk.pdf").write_bytes(b"%PDF-1.4 keputusan")

    picture = client.get("/media/products/a.webp")
    decree = client.get("/media/products/sk.pdf")

    assert picture.status_code == 200 and picture["Content-Type"] == "image/webp"
    assert picture.get("Content-Disposition", "inline").startswith("inline")
    assert decree.status_code == 200 and decree["Content-Disposition"] == "attachment"
    assert decree["X-Content-Type-Options"] == "nosniff"
    (settings.MEDIA_ROOT.parent / "rahasia.txt").write_text("jangan dibuka")
    escape = client.get("/media/../rahasia.txt")
    assert escape.status_code in (400, 404)  # a clear refusal, never the file
    assert b"jangan dibuka" not in b"".join(getattr(escape, "streaming_content", [escape.content]))


@pytest.mark.parametrize(
    ("path", "kind"), [("/produk/", "text/html"), ("/api/v1/products/", "json")]
)
def test_database_outage_is_a_503_with_retry_after(client, path, kind):
    client.raise_request_exception = False
    with mock.patch.object(
        CursorWrapper, "execute", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"]
    assert kind in response["Content-Type"]
    content = response.content.decode()
    assert "Traceback" not in content and "could not connect" not in content
    if kind == "text/html":
        assert "pemeliharaan" in content and "maintenance" in content


@pytest.mark.parametrize("path", ["/api/v1/products/lada/images/", "/accounts/login/"])
def test_a_huge_body_is_refused_before_it_is_read(client, path):
    response = client.generic(
        "POST", path, b"", content_type="application/octet-stream",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )  # fmt: skip

    assert response.status_code == 413

"""Plain helpers of the hostile-input suite: payloads, clients, pictures and the snapshot of
the database that every attack compares before and after (the world is in conftest.py)."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.models import Membership
from catalog import models as m

PASSWORD = "rahasia-123"  # tests.factories.UserFactory's

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
SQL = ["' OR 1=1 --", "; DROP TABLE catalog_product;"]

#: Rows an attack must leave alone (every model a client can reach, and their histories).
WATCHED = [
    m.Product,
    m.Product.history.model,
    m.Business,
    m.Business.history.model,
    m.ProductImage,
    m.ProductLink,
    m.Certificate,
    m.Collaboration,
    m.Nomination,
    m.NominationEvent,
    m.Assessment,
    m.Designation,
    Membership,
    Token,
]
USER_FIELDS = ["pk", "username", "email", "password", "is_active", "is_staff", "is_superuser"]


def snapshot() -> dict:
    """Every watched row, field by field: equal before and after means nothing changed."""
    rows = {model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED}
    rows["users"] = list(get_user_model().objects.order_by("pk").values(*USER_FIELDS))
    return rows


def stored_files(settings) -> list[str]:
    """Every file under MEDIA_ROOT (a throwaway folder per test, see tests/conftest.py)."""
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def api_as(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def page_as(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def text_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def picture(format="JPEG", size=(64, 48), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 120, 40) if mode == "RGB" else 1).save(
        buffer, format=format, **options
    )
    return buffer.getvalue()


def jpeg(name="foto.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture() if data is None else data, content_type=content_type)


def product_form(w, **changes) -> dict:
    """The workspace's new-product form for agency A's business, with `changes`."""
    return {
        "business": w.business_a.pk,
        "owner_agency": w.a.pk,
        "name": "Getas Lada",
        "category": w.category.pk,
        "price_min": 10_000,
        "price_max": 12_000,
        "unit": "per bungkus",
        "status": "draft",
        **changes,
    }

"""Settings and cross-cutting page qualities: CSP, languages, production safety."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "nonce-" not in policy
    assert directives["object-src"] == "'none'"


def template_files():
    roots = [ROOT / "templates", *(ROOT / app / "templates" for app in ("catalog", "agencies"))]
    return [path for root in roots if root.exists() for path in root.rglob("*.html")]


INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_inline_script_or_style(template):
    text = template.read_text()
    for pattern, what in INLINE_CODE:
        # JSON-LD is data, not code; CSP does not execute it.
        cleaned = re.sub(r'<script type="application/ld\+json">', "", text)
        assert not pattern.search(cleaned), f"{what} in {template.name}"


def test_there_are_templates_to_check():
    assert len(template_files()) >= 2


def test_language_time_zone_and_connection_settings():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def run_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
         " print(settings.DEBUG, settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE,"
         " settings.AXES_HANDLER)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip


def test_production_refuses_the_development_secret():
    result = run_settings(DEBUG="False")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret():
    result = run_settings(DEBUG="False", SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False")


def test_redis_url_moves_cache_sessions_and_lockouts_to_redis():
    result = run_settings(REDIS_URL="redis://127.0.0.1:6379/3")

    assert result.returncode == 0, result.stderr
    assert "RedisCache" in result.stdout
    assert "sessions.backends.cache" in result.stdout
    assert "AxesCacheHandler" in result.stdout


def storage_settings(**env):
    """The default storage the settings choose under `env` (a fresh process), as JSON."""
    import json

    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("S3_", "AWS_")) and k not in {"DEBUG", "SECRET_KEY", "MEDIA_URL"}
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import django, json; django.setup();"
         " from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_is_on_local_disk_by_default():
    assert storage_settings()["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_s3_bucket_puts_media_in_the_bucket_served_from_our_own_addresses():
    storage = storage_settings(
        S3_BUCKET="umkm-media", S3_ENDPOINT_URL="http://127.0.0.1:9000", S3_REGION="ap-southeast-3"
    )

    assert storage["BACKEND"] == "umkm_portal.storage.S3MediaStorage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "umkm-media"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["region_name"] == "ap-southeast-3"
    assert options["addressing_style"] == "path"  # what every S3-compatible server understands
    assert options["querystring_auth"] is False  # stable addresses, cacheable pages
    assert options["file_overwrite"] is False
    assert options["default_acl"] is None  # the bucket stays private: the portal streams
    assert "immutable" in options["object_parameters"]["CacheControl"]
    assert "access_key" not in options and "secret_key" not in options  # AWS_* from the env


def test_the_aws_names_choose_the_bucket_too():
    storage = storage_settings(AWS_STORAGE_BUCKET_NAME="umkm-media", AWS_S3_REGION_NAME="eu-1")

    assert storage["BACKEND"] == "umkm_portal.storage.S3MediaStorage"
    assert storage["OPTIONS"]["bucket_name"] == "umkm-media"
    assert storage["OPTIONS"]["region_name"] == "eu-1"
    assert storage["OPTIONS"]["endpoint_url"] is None
    assert storage["OPTIONS"]["addressing_style"] == "auto"


def test_s3_media_addresses_are_the_portals_own():
    from umkm_portal.storage import S3MediaStorage

    storage = S3MediaStorage(bucket_name="umkm-media")

    assert storage.url("products/2026/11/ab cd.jpg") == "/media/products/2026/11/ab%20cd.jpg"
    assert storage.get_object_parameters("decrees/sk.pdf")["ContentDisposition"] == "attachment"
    assert "ContentDisposition" not in storage.get_object_parameters("products/a.webp")

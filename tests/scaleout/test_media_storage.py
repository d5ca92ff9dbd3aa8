"""Media in an S3 bucket, in one process (moto's in-memory S3, no server): uploads and their
renditions go to the bucket, the portal serves them from its own `/media/` addresses, and the
backup and restore drill goes through the bucket as it goes through local disk. Runs on SQLite
and PostgreSQL alike; the two-server test (test_two_servers.py) does the same across processes.
"""

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from catalog.models import ProductImage
from tests.factories import ProductImageFactory, jpeg_bytes
from umkm_portal.backups import sha256

moto = pytest.importorskip("moto", reason="moto (requirements-dev.txt) is not installed")

BUCKET = "umkm-media-test"


@pytest.fixture
def bucket(settings, monkeypatch):
    """An empty in-memory bucket as the default storage, configured as S3_BUCKET configures it;
    the S3 client to look into it."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
    }.items():
        monkeypatch.setenv(name, value)
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "umkm_portal.storage.S3MediaStorage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "querystring_auth": False,
                    "file_overwrite": False,
                    "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
                },
            },
        }
        yield client


def stored(client, name: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=name)["Body"].read()


def local_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_an_image_and_its_renditions_go_to_the_bucket_and_are_served_from_our_origin(
    client, settings, bucket
):
    settings.RENDITIONS_ON_SAVE = True
    image = ProductImageFactory(image__data=jpeg_bytes(800, 600))

    addresses = [image.image.url] + [url for _w, _h, url in image.renditions()]

    assert len(addresses) == 3  # the original, 320 and 480 wide
    for url in addresses:
        assert url.startswith("/media/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content)
        assert body == stored(bucket, url.removeprefix("/media/"))
        assert response["Content-Type"] in ("image/jpeg", "image/webp")
        assert response.get("Content-Disposition", "inline").startswith("inline")
        assert "public" in response["Cache-Control"]
    assert local_files(settings) == []
    head = bucket.head_object(Bucket=BUCKET, Key=image.image.name)
    assert "immutable" in head["CacheControl"]


@pytest.mark.django_db
def test_a_browser_copy_still_current_is_answered_304(client, bucket):
    name = default_storage.save("products/a.jpg", ContentFile(jpeg_bytes(), name="a.jpg"))
    first = client.get(f"/media/{name}")

    again = client.get(f"/media/{name}", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_a_decree_from_the_bucket_is_a_download_and_unknown_paths_are_404(client, bucket):
    name = default_storage.save("decrees/sk.pdf", ContentFile(b"%PDF-1.4 keputusan"))
    bucket.put_object(Bucket=BUCKET, Key="rahasia.txt", Body=b"jangan dibuka")

    decree = client.get(f"/media/{name}")

    assert decree.status_code == 200
    assert decree["Content-Disposition"] == "attachment"
    assert bucket.head_object(Bucket=BUCKET, Key=name)["ContentDisposition"] == "attachment"
    assert client.get("/media/products/no-such-file.jpg").status_code == 404
    for escape in ("/media/../rahasia.txt", "/media/products/../rahasia.txt", "/media//x"):
        assert client.get(escape).status_code in (400, 404), escape


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_go_through_the_bucket(settings, bucket, tmp_path):
    image = ProductImageFactory()
    name = image.image.name
    before = stored(bucket, name)

    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").iterdir()
    assert sha256(backup / "media" / name) == sha256_of(before, tmp_path)
    bucket.delete_object(Bucket=BUCKET, Key=name)
    bucket.put_object(Bucket=BUCKET, Key="products/stray.jpg", Body=b"not in the backup")

    call_command("restore", str(backup), yes=True)

    assert stored(bucket, name) == before
    keys = [entry["Key"] for entry in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [name]  # the bucket holds exactly what the backup holds
    assert ProductImage.objects.get().image.name == name
    assert local_files(settings) == []


def sha256_of(content: bytes, folder) -> str:
    path = folder / "expected"
    path.write_bytes(content)
    return sha256(path)

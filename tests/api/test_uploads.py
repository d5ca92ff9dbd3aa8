"""Product images through the API (docs/architecture.md §4, §5, §7): who may add and remove them,
and what is refused — by decoding, never by name — without leaving a row or a file behind."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import ProductImage
from catalog.uploads import MAX_UPLOAD_BYTES
from tests.api.helpers import url
from tests.factories import ProductImageFactory


def picture(format="JPEG", size=(64, 48), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, format=format, **options)
    return buffer.getvalue()


def with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (2.0, 7.0, 30.0), 3: "E", 4: (106.0, 6.0, 0.0)}  # Pangkalpinang
    exif[0x010F] = "Kamera Rahasia"
    data = picture(exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif()
    return data


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width`×`height` pixels, with almost no data behind it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def files_in(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


def post_image(client, slug="lada-putih-muntok", **fields):
    fields.setdefault("image", upload(picture()))
    fields.setdefault("alt_text", "Lada putih dalam karung")
    return client.post(url("product-images", slug), fields, format="multipart")


# Adding -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 201),
        ("owner_manager", 201),
        ("collab_editor", 201),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 201),
    ],
)
def test_images_are_added_by_curators_and_administrators(
    world, client_of, settings, person, expected
):
    response = post_image(client_of(person))

    assert response.status_code == expected, response.content
    images = list(world.published.images.all())
    if expected == 201:
        [image] = images
        assert response.json()["id"] == image.pk
        assert response.json()["alt_text"] == "Lada putih dalam karung"
        assert (response.json()["width"], response.json()["height"]) == (64, 48)
        assert response.json()["url"].startswith("http://testserver/media/products/")
        assert Path(image.image.path).is_file()
    else:
        assert images == []
        assert files_in(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("person", ["foreign_editor", "reviewer"])
def test_a_draft_one_may_not_see_takes_no_image_and_answers_404(world, client_of, person):
    response = post_image(client_of(person), slug="getas-draf")

    assert response.status_code == 404
    assert not world.draft.images.exists()


def test_the_stored_picture_has_no_exif_and_a_server_made_name(world, client_of):
    response = post_image(
        client_of("owner_editor"), image=upload(with_gps(), name="../../rumah saya.jpg")
    )

    assert response.status_code == 201
    image = ProductImage.objects.get(pk=response.json()["id"])
    assert "rumah" not in image.image.name and ".." not in image.image.name
    with Image.open(image.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert b"Kamera Rahasia" not in Path(image.image.path).read_bytes()


@pytest.mark.parametrize(("format", "suffix"), [("PNG", ".png"), ("WEBP", ".webp")])
def test_png_and_webp_are_accepted(world, client_of, format, suffix):
    response = post_image(
        client_of("owner_editor"), image=upload(picture(format), name="x.bin", content_type="")
    )

    assert response.status_code == 201
    assert ProductImage.objects.get().image.name.endswith(suffix)


#: (bytes, file name, content type) of files that are no JPEG, PNG or WebP picture we accept.
HOSTILE = {
    "svg": lambda: (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "gambar.svg",
        "image/svg+xml",
    ),
    "html disguised as png": lambda: (
        b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
        "foto.png",
        "image/png",
    ),
    "truncated jpeg": lambda: (picture(size=(640, 480))[:300], "potong.jpg", "image/jpeg"),
    "gif": lambda: (picture("GIF"), "gerak.gif", "image/gif"),
    "pdf named jpg": lambda: (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "foto.jpg", "image/jpeg"),
    "pixel bomb header 50000x50000": lambda: (
        png_header_claiming(50_000, 50_000),
        "bom.png",
        "image/png",
    ),
    "pixel bomb 50 megapixels": lambda: (
        picture("PNG", (10_000, 5_000), mode="1"),
        "bom.png",
        "image/png",
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_files_are_refused_leaving_no_row_and_no_file(world, client_of, settings, kind):
    data, name, content_type = HOSTILE[kind]()
    assert len(data) < MAX_UPLOAD_BYTES

    response = post_image(client_of("owner_editor"), image=upload(data, name, content_type))

    assert response.status_code == 400
    assert list(response.json()) == ["image"]
    assert not ProductImage.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


def test_an_empty_file_is_a_400_on_image(world, client_of, settings):
    response = post_image(client_of("owner_editor"), image=upload(b"", "kosong.jpg"))

    assert response.status_code == 400
    assert list(response.json()) == ["image"]
    assert not ProductImage.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


def test_a_file_over_8_mb_is_a_413_leaving_nothing(world, client_of, settings):
    big = upload(b"\xff\xd8\xff" + b"\x00" * (MAX_UPLOAD_BYTES - 2), "besar.jpg")
    assert big.size == MAX_UPLOAD_BYTES + 1

    response = post_image(client_of("owner_editor"), image=big)

    assert response.status_code == 413
    assert "detail" in response.json()
    assert not ProductImage.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


def test_no_right_is_a_403_even_for_a_hostile_file(world, client_of, settings):
    data, name, content_type = HOSTILE["svg"]()

    response = post_image(client_of("reviewer"), image=upload(data, name, content_type))

    assert response.status_code == 403
    assert files_in(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"image": ""}, "image"),
        ({"alt_text": ""}, "alt_text"),
        ({"alt_text": "x" * 201}, "alt_text"),
        ({"order": "1"}, "order"),
        ({"product": "getas-draf"}, "product"),
    ],
)
def test_missing_or_unknown_fields_are_a_400(world, client_of, settings, fields, at_fault):
    response = post_image(client_of("owner_editor"), **fields)

    assert response.status_code == 400
    assert at_fault in response.json()
    assert not ProductImage.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


def test_json_is_not_an_upload(world, client_of):
    response = client_of("owner_editor").post(
        url("product-images", "lada-putih-muntok"), {"alt_text": "x"}, format="json"
    )

    assert response.status_code == 415
    assert not ProductImage.objects.exists()


def test_unicode_alt_text_round_trips(world, client_of):
    alt = "Lada putih 🌶️ di karung goni — “Muntok”"

    response = post_image(client_of("owner_editor"), alt_text=alt)

    assert response.status_code == 201
    assert response.json()["alt_text"] == alt
    assert ProductImage.objects.get().alt_text == alt


# Removing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("owner_editor", 204),
        ("collab_editor", 204),
        ("foreign_editor", 403),
        ("reviewer", 403),
        ("invited_manager", 403),
        ("administrator", 204),
    ],
)
def test_images_are_removed_with_their_file_by_curators_and_administrators(
    world, client_of, django_capture_on_commit_callbacks, person, expected
):
    image = ProductImageFactory(product=world.published)
    path = Path(image.image.path)
    assert path.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(person).delete(url("product-image", "lada-putih-muntok", image.pk))

    assert response.status_code == expected
    assert ProductImage.objects.filter(pk=image.pk).exists() is (expected != 204)
    assert path.is_file() is (expected != 204)


@pytest.mark.parametrize("image_id", ["other", "999999", "abc", "99999999999999999999"])
def test_an_image_of_another_product_or_none_at_all_is_a_404(world, client_of, image_id):
    other = ProductImageFactory(product=world.draft)
    ids = {"other": other.pk}

    response = client_of("owner_editor").delete(
        url("product-image", "lada-putih-muntok", ids.get(image_id, image_id))
    )

    assert response.status_code == 404
    assert ProductImage.objects.filter(pk=other.pk).exists()


def test_an_image_of_a_draft_one_may_not_see_is_a_404(world, client_of):
    image = ProductImageFactory(product=world.foreign_draft)

    response = client_of("owner_editor").delete(
        url("product-image", "kopi-draf-pariwisata", image.pk)
    )

    assert response.status_code == 404
    assert ProductImage.objects.filter(pk=image.pk).exists()

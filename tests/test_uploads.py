"""Image uploads are decided by decoding, capped, and re-encoded without EXIF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.exceptions import UploadTooLarge
from catalog.uploads import MAX_UPLOAD_BYTES, clean_image


def picture(format="JPEG", size=(64, 48), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, format=format, **options)
    return buffer.getvalue()


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(("format", "suffix"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_jpeg_png_and_webp_are_accepted_and_renamed(format, suffix):
    cleaned = clean_image(upload(picture(format), name="../../etc/passwd.exe"))

    assert cleaned.name.endswith(f".{suffix}")
    assert "passwd" not in cleaned.name and "/" not in cleaned.name
    assert Image.open(io.BytesIO(cleaned.read())).format == format


def test_exif_and_gps_are_stripped():
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (2.0, 7.0, 30.0)}  # GPSInfo: somewhere near Pangkalpinang
    exif[0x010F] = "Kamera Rahasia"
    original = picture(exif=exif.tobytes())
    assert Image.open(io.BytesIO(original)).getexif()

    cleaned = clean_image(upload(original))

    assert not Image.open(io.BytesIO(cleaned.read())).getexif()


def test_trailing_payload_does_not_survive():
    polyglot = picture() + b"<html><script>alert(1)</script></html>"

    cleaned = clean_image(upload(polyglot)).read()

    assert b"<script>" not in cleaned


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
        (b"<html><body>not a picture</body></html>", "x.png"),
        (picture()[:200], "truncated.jpg"),
        (picture("GIF"), "animated.gif"),
        (picture("BMP"), "old.bmp"),
        (b"%PDF-1.4 not a picture", "x.jpg"),
    ],
)
def test_non_pictures_are_refused(data, name):
    with pytest.raises(ValidationError):
        clean_image(upload(data, name=name))


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_image(upload(b""))
    assert error.value.code == "empty"


def test_pixel_bomb_is_refused_before_decoding():
    bomb = picture("PNG", size=(10_000, 5_000), mode="1")  # 50 megapixels, a few kilobytes

    assert len(bomb) < MAX_UPLOAD_BYTES
    with pytest.raises(ValidationError):
        clean_image(upload(bomb, name="bom.png"))


def test_too_large_is_its_own_error():
    with pytest.raises(UploadTooLarge):
        clean_image(upload(b"\xff" * (MAX_UPLOAD_BYTES + 1)))

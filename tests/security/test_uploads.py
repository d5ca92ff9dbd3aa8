"""Hostile uploads (docs/architecture.md §7): pictures are decided by decoding, re-encoded without
EXIF or any payload, stored under server-made names; everything else is refused with no row and no
file, in the API (4xx) and on the workspace page (a form error)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import ProductImage
from tests.security.helpers import api_as, jpeg, page_as, picture, snapshot, stored_files

HTML = b"<html><body><script>alert(1)</script></body></html>"


def noisy_jpeg(size=(400, 300)) -> bytes:
    image = Image.effect_noise(size, 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def exif_of(size: int) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "A" * size  # ImageDescription
    exif[0x010F] = "Kamera Rahasia"  # Make
    exif[0x8825] = {1: "S", 2: (2.0, 7.0, 30.0)}  # GPS: near Pangkalpinang
    return exif.tobytes()


REFUSED = {
    "svg": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml"),
    "svg named png": ("foto.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                      "image/png"),
    "html named jpg": ("foto.jpg", HTML, "image/jpeg"),
    "truncated jpeg": ("foto.jpg", noisy_jpeg()[:6_000], "image/jpeg"),
    "jpeg header only": ("foto.jpg", picture()[:200], "image/jpeg"),
    "empty": ("foto.jpg", b"", "image/jpeg"),
    "pixel bomb": ("bom.png", picture("PNG", size=(10_000, 5_000), mode="1"), "image/png"),
    "gif": ("anim.gif", picture("GIF"), "image/gif"),
}  # fmt: skip


def api_upload(w, upload):
    return api_as(w.editor_a).post(
        f"/api/v1/products/{w.product_a.slug}/images/",
        {"image": upload, "alt_text": "Foto lada"},
        format="multipart",
    )


def page_upload(w, upload):
    return page_as(w.editor_a).post(
        f"/ruang-kerja/produk/{w.product_a.slug}/gambar/",
        {"image": upload, "alt_text": "Foto lada"},
    )


@pytest.mark.parametrize("kind", REFUSED)
def test_files_that_are_not_whole_pictures_are_refused_leaving_no_row_and_no_file(
    w, settings, kind
):
    name, data, content_type = REFUSED[kind]
    before, files = snapshot(), stored_files(settings)

    api = api_upload(w, SimpleUploadedFile(name, data, content_type=content_type))
    page = page_upload(w, SimpleUploadedFile(name, data, content_type=content_type))

    assert api.status_code == 400 and "image" in api.json()
    assert page.status_code == 200 and "image" in page.context["image_form"].errors
    assert snapshot() == before and stored_files(settings) == files


@pytest.mark.parametrize(
    "path", ["/api/v1/products/{slug}/images/", "/ruang-kerja/produk/{slug}/gambar/"]
)
def test_a_200_mb_body_is_refused_before_it_is_read(w, settings, path):
    before, files = snapshot(), stored_files(settings)
    client = page_as(w.editor_a)

    response = client.generic(
        "POST",
        path.format(slug=w.product_a.slug),
        b"--x\r\n",  # a few bytes; the header claims 200 MB
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert snapshot() == before and stored_files(settings) == files


def the_stored_picture(w) -> bytes:
    [image] = ProductImage.objects.filter(product=w.product_a)
    with image.image.open("rb") as stored:
        return stored.read()


@pytest.mark.parametrize("face", [api_upload, page_upload])
def test_a_polyglot_with_html_after_the_picture_is_re_encoded_without_it(w, face):
    response = face(w, jpeg("lada.html.jpg", picture() + HTML))

    assert response.status_code in (201, 302)
    stored = the_stored_picture(w)
    assert b"<script" not in stored and b"<html" not in stored
    assert Image.open(io.BytesIO(stored)).format == "JPEG"


def jpeg_with_a_comment(comment: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(buffer, format="JPEG", comment=comment)
    return buffer.getvalue()


@pytest.mark.parametrize("face", [api_upload, page_upload])
def test_a_polyglot_with_html_in_a_comment_segment_is_re_encoded_without_it(w, face):
    original = jpeg_with_a_comment(HTML)
    assert HTML in original

    response = face(w, jpeg("lada.jpg", original))

    assert response.status_code in (201, 302)
    assert HTML not in the_stored_picture(w)


def test_a_huge_exif_is_accepted_but_none_of_it_is_stored(w):
    original = picture(exif=exif_of(60_000))
    assert len(original) > 60_000 and Image.open(io.BytesIO(original)).getexif()

    response = api_upload(w, jpeg("lada.jpg", original))

    assert response.status_code == 201
    stored = the_stored_picture(w)
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert b"AAAAAAAA" not in stored and b"Kamera Rahasia" not in stored
    assert len(stored) < 5_000


def test_the_client_never_names_the_stored_file(w):
    response = api_upload(w, jpeg("../../../static/js/app\u202egpj.js"))

    assert response.status_code == 201
    [image] = ProductImage.objects.filter(product=w.product_a)
    folder, _year, _month, name = image.image.name.split("/")
    assert folder == "products" and name.endswith(".jpg")
    assert "app" not in name and ".." not in image.image.name and "\u202e" not in name

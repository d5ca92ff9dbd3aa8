"""Image uploads: decided by decoding, never by name; re-encoded so nothing of the original file
(EXIF and its GPS position, trailing bytes, a polyglot's second meaning) survives; stored under
a name the server makes."""

import io
import uuid
import warnings
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from catalog.exceptions import UploadTooLarge

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
#: Narrower pictures are accepted, with a warning: they look blurred on a phone's screen.
SHARP_WIDTH = 640
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: Pillow's options for writing each format.
SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 88, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 88},
}
DECODE_ERRORS = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
)


class StorageUnavailable(Exception):
    """The storage could not keep a file (a full disk, a failing volume, an object store that
    does not answer), and nothing of the upload was kept. The server's fault and a passing one:
    the API answers 503 with Retry-After, the page shows it on the form (also as a 503)."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _(
            "The picture could not be stored just now; nothing was saved. Please try again in "
            "a few minutes."
        )
        super().__init__(self.message)


def clean_image(upload: File) -> ContentFile:
    """The uploaded image, checked and re-encoded, as a file with a server-made name.

    Raises UploadTooLarge over 8 MB, ValidationError for anything that is not a whole JPEG, PNG
    or WebP picture of at most 40 megapixels."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_UPLOAD_BYTES:
        raise UploadTooLarge(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    with warnings.catch_warnings():
        # Pillow warns of a decompression bomb; a warning is not enough here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            upload.seek(0)
            image: Image.Image = Image.open(upload)
            kind = image.format
            if kind not in FORMATS:
                raise ValidationError(
                    _("Upload a JPEG, PNG or WebP picture."), code="invalid_format"
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("The picture has more than %(limit)s megapixels.")
                    % {"limit": MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            image.load()  # decodes every byte: a truncated file fails here
            image = ImageOps.exif_transpose(image)
        except ValidationError:
            raise
        except DECODE_ERRORS as error:
            raise ValidationError(
                _("This file is not a complete JPEG, PNG or WebP picture."), code="invalid_image"
            ) from error
    return ContentFile(_reencode(image, kind), name=f"{uuid.uuid4().hex}.{FORMATS[kind]}")


def _reencode(image: Image.Image, kind: str) -> bytes:
    """Pixels only: no EXIF, no ICC-embedded payloads, no trailing bytes."""
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha and kind != "JPEG" else "RGB")
    image.info = {}  # no comment (JPEG COM), text chunks, EXIF, XMP or ICC travels along
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **SAVE_OPTIONS[kind])
    return buffer.getvalue()


#: A certificate's scan: a PDF, or a JPEG or PNG photo of the paper.
SCAN_SIGNATURES = {b"%PDF-": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


def clean_scan(upload: File) -> ContentFile:
    """A certificate's scan, checked by its first bytes (never its name), as a file with a
    server-made name: a PDF kept as it is, a JPEG or PNG re-encoded as `clean_image` does (no
    EXIF position of the business's premises travels along). At most MAX_UPLOAD_BYTES.

    Raises ValidationError for anything else, too large or empty."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = next((kind for sign, kind in SCAN_SIGNATURES.items() if head.startswith(sign)), None)
    if kind is None:
        raise ValidationError(_("Upload a PDF, JPEG or PNG file."), code="invalid_format")
    if kind != "PDF":
        return clean_image(upload)
    content = upload.read()
    upload.seek(0)
    if b"%%EOF" not in content[-1024:]:
        raise ValidationError(_("This file is not a complete PDF."), code="invalid_pdf")
    return ContentFile(content, name=f"{uuid.uuid4().hex}.pdf")

"""Errors of the catalogue that Django has no class for (`NotAllowedNow` is in
`umkm_portal.services`, shared by every app)."""

from django.core.exceptions import ValidationError


class UploadTooLarge(ValidationError):
    """An upload over the size limit. The API answers 413."""

"""Errors of the domain that Django has no class for."""

from django.core.exceptions import ValidationError


class NotAllowedNow(Exception):
    """The action exists and the person may do it, but not in the object's current state
    (publishing what is published, answering an invitation twice). The API answers 409."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


class UploadTooLarge(ValidationError):
    """An upload over the size limit. The API answers 413."""

"""Request types for views that only a signed-in user reaches.

A view behind `login_required` (the workspace) or DRF's `IsAuthenticated` always finds a user
account on the request, never AnonymousUser; annotating it with these types says so to mypy, so
that the user can be handed to a workflow step that records who acted. They are never
instantiated: Django and DRF build the requests as usual.
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from rest_framework.request import Request

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User


class SignedInHttpRequest(HttpRequest):
    """A Django request past `login_required`."""

    user: "User"


class SignedInRequest(Request):
    """A DRF request past `IsAuthenticated`."""

    user: "User"

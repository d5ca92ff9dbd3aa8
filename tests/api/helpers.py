"""Plain helpers of the write API tests (fixtures are in conftest.py)."""

from django.urls import reverse


def url(name, *args):
    return reverse(f"api:{name}", args=args)

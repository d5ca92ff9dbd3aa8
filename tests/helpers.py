"""Plain helpers shared by test modules (fixtures live in conftest.py, factories in factories.py).

Test modules import from here, from `tests.factories` and from helpers modules, never from
another test module: see tests/test_suite_layout.py."""

from django.core.cache import cache

from agencies.models import Role
from tests.factories import MembershipFactory, UserFactory


def member(agency, role=Role.EDITOR, **user_fields):
    """A new user with `role` in `agency`; `user_fields` go to the user (`username=...`)."""
    return MembershipFactory(agency=agency, role=role, user=UserFactory(**user_fields)).user


def count_cache_calls(monkeypatch, methods=("get", "get_many", "get_or_set", "set")) -> list[str]:
    """The names of the portal's calls to the cache's `methods`, in order, as a list that fills
    while the test runs; a call the cache makes to itself (get_or_set calling get) is not
    counted again."""
    calls, inside = [], []
    for method in methods:
        original = getattr(cache, method)

        def counted(*args, _method=method, _original=original, **kwargs):
            if not inside:
                calls.append(_method)
            inside.append(_method)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, method, counted)
    return calls

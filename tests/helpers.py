"""Plain helpers shared by test modules (fixtures live in conftest.py, factories in factories.py).

Test modules import from here, from `tests.factories` and from helpers modules, never from
another test module: see tests/test_suite_layout.py."""

from agencies.models import Role
from tests.factories import MembershipFactory, UserFactory


def member(agency, role=Role.EDITOR, **user_fields):
    """A new user with `role` in `agency`; `user_fields` go to the user (`username=...`)."""
    return MembershipFactory(agency=agency, role=role, user=UserFactory(**user_fields)).user

import pytest

from tests.factories import MembershipFactory


@pytest.fixture
def world(world):
    """The rights-matrix world of tests/conftest.py, where the owner agency's editor also works
    for `world.second`: the staff pages then offer them a choice of agency and somewhere to hand
    a product over to. (The API tests want that editor in one agency only.)"""
    MembershipFactory(user=world.people["owner_editor"], agency=world.second)
    return world

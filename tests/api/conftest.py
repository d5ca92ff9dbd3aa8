"""The write API's tests run in the rights-matrix world of tests/conftest.py, the one where the
owner agency's editor works for that agency only (so may leave `owner_agency` out)."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def client_of(world):
    """`client_of("owner_editor")`: an API client signed in as that person (none: anonymous)."""

    def make(person):
        client = APIClient()
        user = world.people[person]
        if user.is_authenticated:
            client.force_authenticate(user)
        return client

    return make

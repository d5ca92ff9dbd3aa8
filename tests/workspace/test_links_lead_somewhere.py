"""A workspace page offers only the steps its reader may take (issue 16: the overflow walk found a
reviewer shown "Nominate as a flagship" and "Add a product of this business", both 403)."""

import pytest
from django.urls import reverse

from tests.workspace.helpers import as_user, url

pytestmark = pytest.mark.django_db

NOMINATE = reverse("workspace-nomination-create")
ADD_PRODUCT = reverse("workspace-product-create")


@pytest.mark.parametrize(
    ("who", "offered"),
    [("owner_editor", True), ("collab_editor", True), ("reviewer", False),
     ("administrator", False), ("other_editor", False)],
)  # fmt: skip
def test_the_nominate_link_is_shown_to_those_who_may_nominate(client, world, who, offered):
    response = as_user(client, world, who).get(url("workspace-product", world.published.slug))

    assert response.status_code == 200
    assert (f'href="{NOMINATE}?produk=' in response.content.decode()) is offered
    if offered:  # the link leads somewhere
        form = client.get(f"{NOMINATE}?produk={world.published.slug}")
        assert form.status_code == 200


@pytest.mark.parametrize(
    ("who", "offered"),
    [("owner_editor", True), ("administrator", True), ("reviewer", False)],
)  # fmt: skip
def test_add_a_product_is_shown_to_those_who_may_create_one(client, world, who, offered):
    response = as_user(client, world, who).get(url("workspace-business", world.business.slug))

    assert response.status_code == 200
    assert (f'href="{ADD_PRODUCT}?umkm=' in response.content.decode()) is offered
    if offered:
        assert client.get(f"{ADD_PRODUCT}?umkm={world.business.slug}").status_code == 200

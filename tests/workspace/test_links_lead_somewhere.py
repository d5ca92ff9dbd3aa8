"""A workspace page offers only the steps its reader may take (issue 16: the overflow walk found a
reviewer shown "Nominate as a flagship" and "Add a product of this business", both 403)."""

import pytest
from django.urls import reverse

from tests.factories import (
    PartnerFactory,
    PartnerMembershipFactory,
    ServiceFactory,
    UserFactory,
    signed_between,
)
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


@pytest.fixture
def partner_service(world):
    """OKE OCE's mentor recorded a service under its PKS with the owning agency."""
    mentor = UserFactory(username="okeoce.mentor")
    oke_oce = PartnerFactory(name="OKE OCE")
    PartnerMembershipFactory(user=mentor, partner=oke_oce)
    agreement, *_ = signed_between(world.owner, oke_oce)
    return mentor, ServiceFactory(
        agency=None, partner=oke_oce, agreement=agreement, business=world.business
    )


def test_partner_staff_are_not_led_to_the_record_they_may_not_read(client, world, partner_service):
    """The development record is read by agencies' members and administrators; a partner's staff
    see their own service, with the business's name as text (the link answered 403)."""
    mentor, service = partner_service
    record = url("workspace-business-support", world.business.slug)
    client.force_login(mentor)

    page = client.get(url("workspace-service", service.pk))

    assert page.status_code == 200
    assert world.business.name in page.content.decode()
    assert f'href="{record}"' not in page.content.decode()
    assert client.get(record).status_code == 403
    # an agency's editor still follows the name to the record
    editor_page = as_user(client, world, "owner_editor").get(url("workspace-service", service.pk))
    assert f'href="{record}"' in editor_page.content.decode()

"""A service a partner gave under an agreement (issue 14) in the pages and figures that name a
service's agency: they name the partner, and the dashboard counts it for no agency."""

import pytest
from django.urls import reverse
from django.utils import timezone

from support.coverage import latest_support
from support.dashboard import Dashboard, Filters
from support.timeline import entries, timeline
from tests.factories import PartnerFactory, ServiceFactory, signed_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def given(world):
    oke = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    agreement, *_ = signed_between(world.collaborator, oke)
    service = ServiceFactory(business=world.business, agency=None, partner=oke,
                             agreement=agreement, outcome="done")  # fmt: skip
    by_agency = ServiceFactory(business=world.business, agency=world.owner)
    return service, by_agency


def test_the_timeline_and_latest_support_name_the_partner(world, given):
    service, _ = given
    found = entries(timeline(world.business, world.people["owner_editor"]))
    [entry] = [e for e in found if e.kind == "service" and e.pk == service.pk]
    assert (entry.agencies, [p.name for p in entry.helpers]) == ((), ["OKE OCE Indonesia"])
    assert "OKE OCE Indonesia" in [item["agency"] for item in latest_support(world.business)]


def test_workspace_pages_and_the_export_name_the_partner(client, world, given):
    service, _ = given
    client.force_login(world.people["owner_editor"])
    for address in (reverse("workspace-services"), reverse("workspace-service", args=[service.pk]),
                    reverse("workspace-business-support", args=[world.business.slug])):  # fmt: skip
        page = client.get(address)
        assert page.status_code == 200
        assert "OKE OCE Indonesia" in page.content.decode()
    year = timezone.localdate().year
    client.force_login(world.people["administrator"])  # the province's export: every provider
    export = client.get(reverse("workspace-export-support"), {"format": "csv", "year": year})
    assert export.status_code == 200
    assert b"oke-oce" in b"".join(
        export.streaming_content if export.streaming else [export.content]
    )


def test_the_dashboard_counts_a_partner_service_for_no_agency(world, given):
    year = timezone.localdate().year
    everyone = Dashboard(Filters(year), agency_ids=None)
    assert everyone.services().count() == 2  # the province's figure holds the partner's help
    [row] = everyone.matrix()[0:10]
    assert set(row.cells) == {world.owner.pk}  # no column for the partner
    owner_only = Dashboard(Filters(year), agency_ids=frozenset([world.collaborator.pk]))
    assert owner_only.services().count() == 0
    # the overlaps read the same work without failing
    assert list(everyone.overlaps()[0:10]) == []

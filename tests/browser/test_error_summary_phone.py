"""Errors where a person is looking, on a phone (issue 16, items 5 and 6): a reviewer who
recommends before scoring every criterion lands on the error summary at the top of the page,
with focus on it, and its link takes them to the criterion still to score; a missing page and
an archived product's address are the portal's own pages, no wider than the phone."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from agencies.models import Role
from catalog import services, workflow
from catalog.models import Nomination, Product
from tests.browser.helpers import PHONE
from tests.factories import AgencyFactory, BusinessFactory, CriterionFactory, ProductFactory
from tests.helpers import member

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

CODES = ("bahan_baku_lokal", "keunikan", "pasar", "kemasan", "dampak")


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def focused(page) -> dict:
    return page.evaluate(
        """() => ({
            id: document.activeElement.id,
            summary: document.activeElement.hasAttribute('data-error-summary'),
            top: document.activeElement.getBoundingClientRect().top,
            bottom: document.activeElement.getBoundingClientRect().bottom,
        })"""
    )


def test_a_refused_recommendation_moves_focus_to_the_summary_and_on_to_the_criterion(
    new_context, live_server, shots
):
    owner = AgencyFactory(slug="distan", name="Dinas Pertanian", short_name="Distan")
    leading = AgencyFactory(slug="diskop-ukm", name="Diskop UKM", is_leading_sector=True)
    for order, code in enumerate(CODES):
        CriterionFactory(code=code, name=f"Kriteria {code.replace('_', ' ')}", order=order)
    editor = member(owner, username="pertanian.editor")
    reviewer = member(leading, Role.REVIEWER, username="diskop.reviewer")
    product = ProductFactory(owner_agency=owner, name="Lada Putih Muntok Butir 250 g")
    nomination = workflow.nominate(product=product, by=editor, justification="Lokal.")
    workflow.act(nomination=nomination, by=editor, action="submit")
    scored = {code: 4 for code in CODES if code != "kemasan"}
    workflow.assess(nomination=nomination, by=reviewer, scores=scored)
    context = new_context()
    sign_in(context, live_server, reviewer)
    page = context.new_page()
    page.goto(f"/ruang-kerja/usulan/{nomination.pk}/")

    page.locator("#panel-recommend button[type=submit]").click()
    page.wait_for_load_state("load")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.screenshot(path=str(shots / "16-pages-summary.png"))

    where = focused(page)
    assert where["summary"] and 0 <= where["top"] < PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    summary.locator("a[href='#id_assess_score_kemasan_0']").click()
    expect(page.locator("#id_assess_score_kemasan_0")).to_be_focused()
    where = focused(page)
    assert where["top"] >= 0 and where["bottom"] <= PHONE["height"]  # the option in view
    page.screenshot(path=str(shots / "16-pages-summary-link.png"))
    assert Nomination.objects.get(pk=nomination.pk).state == Nomination.State.SUBMITTED


def test_a_missing_page_and_an_archived_product_are_the_portals_pages_on_a_phone(page, shots):
    agency = AgencyFactory(slug="distan", name="Dinas Pertanian", short_name="Distan")
    business = BusinessFactory(name="Kebun Lada Mentok Jaya", registering_agency=agency)
    editor = member(agency, username="pertanian.editor")
    product = ProductFactory(
        name="Lada Putih Muntok 250 g", slug="lada-putih-muntok", business=business,
        owner_agency=agency, status=Product.Status.DRAFT,
    )  # fmt: skip
    ProductFactory(name="Lada Hitam Belitung", category=product.category)
    services.publish(product=product, by=editor)
    services.archive(product=product, by=editor)

    for path, status, name in [
        ("/en/tidak-ada/", 404, "404-en"),
        ("/tidak-ada/", 404, "404-id"),
        ("/produk/lada-putih-muntok/", 410, "410-id"),
    ]:
        response = page.goto(path)
        assert response.status == status
        expect(page.locator("form.search input[type=search]")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(shots / f"16-pages-{name}.png"), full_page=True)
    expect(page.locator("main a.button")).to_have_attribute(
        "href", re.compile(rf"/umkm/{business.slug}/$")
    )

"""The workspace navigation on a phone (issue 16, item 17): one compact bar, "Menu" and the page
you are on, with the language switch on the brand's line — it takes under a fifth of the first
screen while closed, opens without JavaScript, and marks the current page visibly; a wide
screen shows the links without opening anything."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from agencies.models import Role
from tests.browser.helpers import PHONE, open_workspace_menu
from tests.factories import AgencyFactory
from tests.helpers import member

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def manager():
    agency = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    return member(agency, Role.MANAGER, username="pertanian.manager")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_closed_menu_takes_under_a_fifth_of_a_phone_screen(
    new_context, live_server, manager, language
):
    context = new_context(java_script_enabled=False)  # the menu needs no script
    signed_in(context, live_server, manager)
    page = context.new_page()
    prefix = "/en" if language == "en" else ""
    page.goto(f"{prefix}{reverse('workspace-products')}")

    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 0.2 * PHONE["height"], header
    # the language switch sits on the brand's line
    brand = page.locator(".brand").bounding_box()
    switch = page.locator(".lang-switch").bounding_box()
    assert abs(switch["y"] - brand["y"]) < brand["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=f"/tmp/shots/16-staff-nav-closed-{language}.png")

    links = page.locator(".workspace-nav__links a")
    expect(links.first).to_be_hidden()
    bar = page.locator(".workspace-nav__bar")
    expect(bar).to_contain_text("Produk" if language == "id" else "Products")

    open_workspace_menu(page)
    expect(links.first).to_be_visible()
    current = page.locator(".workspace-nav a[aria-current='page']")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", f"{prefix}{reverse('workspace-products')}")
    # visibly marked: its background differs from the other links'
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.workspace-nav__links a')].map(a =>
             [a.getAttribute('aria-current'), getComputedStyle(a).backgroundColor])"""
    )
    marked = {colour for flag, colour in colours if flag == "page"}
    others = {colour for flag, colour in colours if flag is None}
    assert marked and not marked & others
    for box in [links.nth(i).bounding_box() for i in range(links.count())]:
        assert box["height"] >= 24 and box["width"] >= 24
    page.screenshot(path=f"/tmp/shots/16-staff-nav-open-{language}.png")


def test_following_a_link_marks_the_new_page(new_context, live_server, manager):
    context = new_context()
    signed_in(context, live_server, manager)
    page = context.new_page()
    page.goto(reverse("workspace"))

    open_workspace_menu(page)
    page.locator(f".workspace-nav a[href='{reverse('workspace-nominations')}']").click()
    page.wait_for_url(re.compile(rf"{re.escape(reverse('workspace-nominations'))}$"))

    expect(page.locator(".workspace-nav__here")).to_have_text("Usulan produk unggulan")
    expect(page.locator("h1")).to_have_text("Usulan produk unggulan")
    current = page.locator(".workspace-nav a[aria-current='page']")
    expect(current).to_have_attribute("href", reverse("workspace-nominations"))


def test_a_wide_screen_shows_the_links_without_opening(new_context, live_server, manager):
    context = new_context(
        viewport={"width": 1280, "height": 800},
        screen={"width": 1280, "height": 800},
        is_mobile=False,
        has_touch=False,
    )
    signed_in(context, live_server, manager)
    page = context.new_page()
    page.goto(reverse("workspace-profile"))

    expect(page.locator(".workspace-nav__bar")).to_be_hidden()
    expect(page.locator(".workspace-nav__links a").first).to_be_visible()
    expect(page.locator(".workspace-nav a[aria-current='page']")).to_have_attribute(
        "href", reverse("workspace-profile")
    )
    page.screenshot(path="/tmp/shots/16-staff-nav-desktop.png")

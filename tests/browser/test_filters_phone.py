"""Filters on a phone (issue 16 item 10): results first, the filters folded into one line that
says how many are active and opens as a sheet; closed again after each choice. On a wide screen
they stand beside the results."""

import re

import pytest

from tests.browser.helpers import PHONE

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

FILTERED = "/produk/?kategori=pertanian-perkebunan&wilayah=bangka-barat&dinas=distan"


def top(locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"]


def test_results_come_before_the_filters_and_the_sheet_shows_them(page, catalogue):
    page.goto(FILTERED)

    first_card = page.locator(".card").first
    sheet = page.locator("details.facets")
    summary = sheet.locator("summary")
    expect(summary).to_have_text("Filter (3 aktif)")
    expect(sheet.locator(".facet").first).to_be_hidden()  # folded: nothing pushes the results
    assert top(first_card) < PHONE["height"]  # the first product is above the fold
    page.screenshot(path="/tmp/shots/16-search-filters-folded.png")

    summary.click()

    agencies = sheet.locator(".facet").filter(has_text="Perangkat daerah")
    expect(agencies).to_be_visible()
    # Full names, the short one after: citizens do not know what "Distan" stands for.
    expect(agencies.locator("a[aria-current=true]")).to_contain_text(
        "Dinas Pertanian Provinsi Kepulauan Bangka Belitung (Distan)"
    )
    box = sheet.bounding_box()
    assert box and box["y"] > 0 and box["y"] + box["height"] <= PHONE["height"] + 1  # a sheet
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path="/tmp/shots/16-search-filters-sheet.png")

    page.keyboard.press("Escape")
    expect(sheet.locator(".facet").first).to_be_hidden()


def test_a_choice_in_the_sheet_closes_it_over_the_new_results(page, catalogue):
    page.goto("/produk/")
    sheet = page.locator("details.facets")
    sheet.locator("summary").click()

    sheet.get_by_role("link", name=re.compile(r"^Kabupaten Belitung")).click()

    page.wait_for_url(re.compile(r"wilayah=belitung"))
    expect(sheet.locator("summary")).to_have_text("Filter (1 aktif)")
    expect(sheet.locator(".facet").first).to_be_hidden()
    expect(page.locator(".card").first).to_be_visible()
    assert top(page.locator(".card").first) < PHONE["height"]
    page.screenshot(path="/tmp/shots/16-search-filters-after-choice.png")


def test_a_tap_beside_the_sheet_closes_it_without_following_a_link(page, catalogue):
    page.goto("/produk/")
    sheet = page.locator("details.facets")
    sheet.locator("summary").click()
    expect(sheet.locator(".facet").first).to_be_visible()

    page.mouse.click(PHONE["width"] / 2, 20)  # the dimmed page above the sheet: the header

    expect(sheet.locator(".facet").first).to_be_hidden()
    assert page.url.endswith("/produk/")


def test_wide_screens_show_the_filters_beside_the_results(new_context, catalogue):
    page = new_context(viewport={"width": 1280, "height": 800}, is_mobile=False).new_page()
    page.goto(FILTERED)

    facets = page.locator("details.facets .facet").first
    expect(facets).to_be_visible()
    expect(page.locator("details.facets summary")).to_be_hidden()
    facet_box, card_box = facets.bounding_box(), page.locator(".card").first.bounding_box()
    assert facet_box and card_box and facet_box["x"] + facet_box["width"] <= card_box["x"]

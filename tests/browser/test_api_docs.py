"""The API documentation (issue 16, item 24): public reads show no lock, writes do, and the page
links back to the portal."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_docs_show_public_reads_without_a_lock_and_link_back(page, shots):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/api/v1/docs/")
    products = page.locator("#operations-products-products_list")
    products.wait_for()
    page.screenshot(path=str(shots / "16-api-docs.png"))
    assert products.locator(".authorization__btn").count() == 0
    create = page.locator("#operations-products-products_create")
    assert create.locator(".authorization__btn").count() == 1
    back = page.locator(".info .description a[href='/']")
    assert back.count() == 1
    back.click()
    page.wait_for_url("**/")

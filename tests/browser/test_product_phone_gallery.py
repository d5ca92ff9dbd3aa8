"""The product page's gallery, sharing and favourites on a phone (360×740), with JavaScript and
without (issue 16, items 9 and 12): the buttons, the arrow keys and the thumbnails move the
gallery and its "2/3" counter; "copy link" puts the address on the clipboard and says so; a saved
product is listed on the favourites page, online and offline; nothing scrolls sideways and the
console stays clean. The server side: tests/test_product_sharing.py."""

import re

import pytest

from tests.browser.helpers import PHONE
from tests.factories import ProductImageFactory, jpeg_bytes

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips every test, saying why
    expect = None

# The live server answers from another thread: it only sees committed rows.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lada(catalogue):
    """The flagship pepper with three pictures (the catalogue gives it two)."""
    product = catalogue["lada"]
    ProductImageFactory(
        product=product,
        image__data=jpeg_bytes(640, 480, (60, 90, 40)),
        alt_text="Kebun lada di Bangka Barat",
        order=2,
    )
    return product


def watch_console(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def shown_picture(page) -> int:
    """Which picture (0-based) the strip has scrolled to."""
    return page.evaluate(
        """() => {
            const strip = document.querySelector('.gallery__strip');
            const items = [...strip.querySelectorAll('.gallery__item')];
            const gaps = items.map(item => Math.abs(item.offsetLeft - strip.scrollLeft));
            return gaps.indexOf(Math.min(...gaps));
        }"""
    )


def wait_for_picture(page, index: int):
    page.wait_for_function(
        """(index) => {
            const strip = document.querySelector('.gallery__strip');
            const item = strip.querySelectorAll('.gallery__item')[index];
            return Math.abs(item.offsetLeft - strip.scrollLeft) < 2;
        }""",
        arg=index,
    )


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_buttons_keys_and_thumbnails_move_the_gallery(page, lada, shots):
    errors = watch_console(page)
    page.goto(lada.get_absolute_url())
    counter = page.locator("[data-gallery-counter] [aria-hidden]")
    expect(counter).to_have_text("1/3")

    page.locator("[data-gallery-step='1']").click()
    expect(counter).to_have_text("2/3")
    wait_for_picture(page, 1)
    expect(page.locator("[data-gallery-counter] .visually-hidden")).to_have_text(
        re.compile(r"2\D+3")
    )
    expect(page.locator(".gallery__thumb").nth(1)).to_have_attribute("aria-current", "true")
    page.screenshot(path=str(shots / "16-gallery-browser-next.png"))

    page.locator("#gallery").focus()
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("3/3")
    wait_for_picture(page, 2)
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("2/3")
    wait_for_picture(page, 1)

    page.locator("[data-gallery-step='-1']").click()
    expect(counter).to_have_text("1/3")
    page.locator(".gallery__thumb").nth(2).click()
    expect(counter).to_have_text("3/3")
    wait_for_picture(page, 2)
    assert shown_picture(page) == 2

    assert page_width(page) <= PHONE["width"]
    assert errors == []


def test_a_picture_opens_larger_and_closes_with_escape(page, lada):
    errors = watch_console(page)
    page.goto(lada.get_absolute_url())
    link = page.locator("[data-gallery-zoom]").first
    largest = link.get_attribute("href")
    assert largest.endswith(".webp")

    link.click()
    dialog = page.locator("dialog.gallery__dialog")
    expect(dialog).to_be_visible()
    large = dialog.locator("img")
    expect(large).to_have_attribute("src", re.compile(re.escape(largest) + "$"))
    expect(large).to_have_attribute("alt", "Kemasan Lada Putih Muntok Butir 250 g")
    page.wait_for_function("() => document.querySelector('dialog img').naturalWidth > 0")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert errors == []


def test_without_javascript_the_strip_and_thumbnails_still_work(new_context, lada):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(lada.get_absolute_url())

    expect(page.locator("[data-gallery-controls]")).to_be_hidden()
    expect(page.locator(".gallery__position").nth(0)).to_contain_text("1/3")
    page.locator(".gallery__thumb").nth(1).click()
    assert page.url.endswith("#foto-2")
    wait_for_picture(page, 1)
    expect(page.locator(".share noscript")).to_have_count(1)
    expect(page.locator("[data-share-whatsapp] a")).to_be_visible()
    assert page_width(page) <= PHONE["width"]

    page.goto("/favorit/")
    # (Playwright's text locators skip <noscript>; its paragraph is found by class.)
    expect(page.locator(".favourites noscript .notice")).to_contain_text("JavaScript")
    expect(page.locator("[data-favourites-list]")).to_be_hidden()


def test_copy_link_puts_the_address_on_the_clipboard(context, page, lada, live_server):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    errors = watch_console(page)
    page.goto(lada.get_absolute_url())
    address = live_server.url + lada.get_absolute_url()

    whatsapp = page.locator("[data-share-whatsapp] a")
    if page.evaluate("typeof navigator.share") == "function":
        expect(whatsapp).to_be_hidden()  # the phone's share sheet offers it
        expect(page.locator("[data-share-native] button")).to_be_visible()
    else:
        expect(whatsapp).to_be_visible()
        assert address in whatsapp.get_attribute("href").replace("%3A", ":").replace("%2F", "/")
    page.locator("[data-copy-url]").click()

    expect(page.locator("[data-share-status]")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert errors == []


def wait_for_service_worker(page):
    try:
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=5_000)
    except Exception:
        page.reload()
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=5_000)


def test_a_saved_product_is_listed_on_the_favourites_page_online_and_offline(
    context, page, lada, shots
):
    errors = watch_console(page)
    page.goto(lada.get_absolute_url())
    wait_for_service_worker(page)
    save = page.locator("[data-favourite]")
    expect(save).to_have_attribute("aria-pressed", "false")

    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-share-status]")).not_to_be_empty()

    page.goto("/favorit/")
    entry = page.locator("[data-favourites-list] .favourite")
    expect(entry).to_have_count(1)
    expect(entry.locator("a")).to_have_attribute("href", lada.get_absolute_url())
    expect(entry).to_contain_text(lada.name)
    expect(entry).to_contain_text("Rp")
    assert page_width(page) <= PHONE["width"]
    page.screenshot(path=str(shots / "16-gallery-browser-favourites.png"), full_page=True)

    context.set_offline(True)
    try:
        page.goto("/en/favorit/")  # never visited: precached by the service worker
        expect(page.locator("[data-favourites-list] .favourite")).to_contain_text(lada.name)
        page.goto("/produk/kemplang-yang-belum-pernah-dibuka/")
        expect(page.locator("[data-favourites-list] .favourite")).to_contain_text(lada.name)
    finally:
        context.set_offline(False)

    page.goto("/favorit/")
    page.locator(".favourite__remove").click()
    expect(page.locator("[data-favourites-list] .favourite")).to_have_count(0)
    expect(page.locator("[data-favourites-empty]")).to_be_visible()
    page.goto(lada.get_absolute_url())
    expect(page.locator("[data-favourite]")).to_have_attribute("aria-pressed", "false")
    assert errors == []


def test_qr_print_sheet_fits_a_phone(page, lada):
    errors = watch_console(page)
    page.goto(lada.get_absolute_url())
    page.locator(".qr__actions a", has_text=re.compile("QR")).last.click()

    expect(page.locator("h1")).to_have_text(lada.name)
    page.wait_for_function("() => document.querySelector('.qr-sheet__code').naturalWidth > 0")
    expect(page.locator("[data-print]")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert errors == []

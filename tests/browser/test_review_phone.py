"""Reviewing on a phone (issue 16, item 21): the rubric's 1–5 buttons of every criterion sit on
one row at 360 px (they wrapped, the 5 alone on a second row), each still at least 44 px wide
and tall, and the page does not scroll sideways; the product's photo shows on the page."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from agencies.models import Role
from catalog import workflow
from tests.browser.helpers import PHONE
from tests.factories import (
    AgencyFactory,
    CriterionFactory,
    ProductFactory,
    ProductImageFactory,
    jpeg_bytes,
)
from tests.helpers import member

pytestmark = pytest.mark.django_db(transaction=True)

#: Long names and descriptions, as the seeded rubric has: they must not push the buttons apart.
CRITERIA = [
    ("bahan_baku_lokal", "Bahan baku lokal"),
    ("kapasitas", "Kapasitas dan kesinambungan produksi"),
    ("kemasan", "Kemasan dan desain"),
]

#: Each radio group's options: their rows (rounded tops) and their sizes.
BUTTONS = """() => [...document.querySelectorAll("#panel-assess .form-field__choices")].map(
  group => [...group.querySelectorAll(".choice")].map(choice => {
    const box = choice.getBoundingClientRect();
    return {top: Math.round(box.top), width: box.width, height: box.height};
  }))"""


@pytest.fixture
def to_assess(settings):
    settings.RENDITIONS_ON_SAVE = True
    owner = AgencyFactory(slug="distan", name="Dinas Pertanian Babel", short_name="Distan")
    leading = AgencyFactory(slug="diskop", short_name="Diskop", is_leading_sector=True)
    for order, (code, name) in enumerate(CRITERIA):
        CriterionFactory(
            code=code,
            name=name,
            order=order,
            description="Mampu memenuhi pesanan secara rutin dengan mutu yang stabil.",
        )
    product = ProductFactory(owner_agency=owner, name="Lada Putih Muntok Butir 250 g")
    ProductImageFactory(product=product, image__data=jpeg_bytes(640, 480), alt_text="Kemasan")
    editor = member(owner, username="pertanian.editor")
    nomination = workflow.nominate(product=product, by=editor, justification="Bahan lokal.")
    workflow.act(nomination=nomination, by=editor, action="submit")
    reviewer = member(leading, Role.REVIEWER, username="diskop.reviewer")
    return nomination, reviewer


def test_the_score_buttons_stay_on_one_row_at_360_px(new_context, live_server, to_assess):
    nomination, reviewer = to_assess
    client = Client()
    client.force_login(reviewer, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = new_context()
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"/ruang-kerja/usulan/{nomination.pk}/")

    expect(page.locator("#panel-assess")).to_be_visible()
    groups = page.evaluate(BUTTONS)
    assert len(groups) == len(CRITERIA)
    for buttons in groups:
        assert len(buttons) == 5
        assert len({button["top"] for button in buttons}) == 1, buttons  # one row
        assert all(b["width"] >= 44 and b["height"] >= 44 for b in buttons), buttons
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    photo = page.locator(".dossier-photos img")
    expect(photo).to_have_attribute("alt", "Kemasan")
    photo.scroll_into_view_if_needed()
    assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0

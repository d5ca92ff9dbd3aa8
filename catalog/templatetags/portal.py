"""Presentation helpers for the portal's templates."""

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.http import QueryDict
from django.template.context import Context
from django.urls import reverse, translate_url
from django.utils import numberformat
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from catalog.models import Business, Product, ProductImage
from catalog.search import count_cap

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from agencies.models import Agency

register = template.Library()


def in_language(path: str, code: str) -> str:
    """`path` in the language `code`; the home page in that language for an address that leads
    nowhere (a 404 page), which would otherwise come back unchanged, in the wrong language."""
    url = translate_url(path, code)
    if url == path and code != get_language():
        with override(code):
            return reverse("home")
    return url


@register.simple_tag(takes_context=True)
def language_switch(context: Context) -> "list[tuple[str, StrOrPromise, str]]":
    """(code, name, url) of this page in the other language: a plain link, no form, so that
    public pages need no session, cookie or CSRF token."""
    request = context["request"]
    current = get_language()
    return [
        (code, name, in_language(request.get_full_path(), code))
        for code, name in settings.LANGUAGES
        if code != current
    ]


@register.simple_tag(takes_context=True)
def alternate_urls(context: Context) -> list[tuple[str, str]]:
    """(code, absolute url) of this page in every language, for hreflang links."""
    request = context["request"]
    path = request.path
    return [
        (code, request.build_absolute_uri(in_language(path, code)))
        for code, _name in settings.LANGUAGES
    ]


@register.filter
def rupiah(value: int | str | None) -> str:
    """45000 → "Rp 45.000" (Indonesian thousands separator in both languages: it is rupiah)."""
    if value is None or value == "":
        return ""
    return "Rp\u00a0" + numberformat.format(
        int(value), ",", thousand_sep=".", grouping=3, force_grouping=True
    )


@register.filter
def price_range(product: Product) -> str:
    """ "Rp 45.000 – Rp 60.000 / 250 g" (or a single price when both ends are equal)."""
    text = rupiah(product.price_min)
    if product.price_max != product.price_min:
        text += "\u00a0– " + rupiah(product.price_max)
    unit = (product.unit or "").strip()
    if unit:
        unit = re.sub(r"^per\s+", "", unit, flags=re.I)
        text += f"\u00a0/ {unit.replace(' ', chr(0xA0))}"
    return text


@register.filter
def capped(value: int | str | None) -> str:
    """A count as shown, grouped as the active language writes numbers: exact up to the cap,
    "10.000+" (Indonesian) or "10,000+" (English) beyond (docs/architecture.md §5)."""
    if value is None:
        return ""
    if int(value) > count_cap():
        return number_format(count_cap(), force_grouping=True) + "+"
    return number_format(int(value), force_grouping=True)


def whatsapp_number(number: str) -> str:
    """Indonesian numbers in the international form wa.me needs: 0812… → 62812…"""
    digits = re.sub(r"\D", "", number or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits


@register.simple_tag(takes_context=True)
def whatsapp_link(context: Context, subject: "Product | Business") -> str:
    """https://wa.me/62… with a message naming the product (or the business) and its page."""
    business = subject if isinstance(subject, Business) else subject.business
    number = whatsapp_number(business.whatsapp)
    if not number:
        return ""
    page = context["request"].build_absolute_uri(subject.get_absolute_url())
    if isinstance(subject, Business):
        message = _("Hello, I found %(business)s on Etalase UMKM Babel: %(url)s") % {
            "business": business.name,
            "url": page,
        }
    else:
        message = _("Hello, I am interested in %(product)s on Etalase UMKM Babel: %(url)s") % {
            "product": subject.display_name,
            "url": page,
        }
    return f"https://wa.me/{number}?text={quote(message)}"


@register.filter
def map_link(place_of: "Business | Agency") -> str:
    """A plain link that opens a business's or an agency's address in the phone's map
    application (or the map site on a computer): nothing embedded, nothing loaded until the
    visitor taps it."""
    if not place_of.address:
        return ""
    region = getattr(place_of, "region", None)
    place = ", ".join(part for part in (place_of.address, str(region or "")) if part)
    query = quote(f"{place}, Kepulauan Bangka Belitung")
    return f"https://www.google.com/maps/search/?api=1&query={query}"


@register.filter
def breakable_email(address: str) -> str:
    """An e-mail address that may wrap before its @ and its dots, never inside a word."""
    parts = re.split(r"([@.])", address or "")
    return mark_safe(
        "".join(  # every part is escaped
            f"<wbr>{escape(part)}" if part in "@." and part else escape(part) for part in parts
        )
    )


@register.simple_tag(takes_context=True)
def query_with(context: Context, **changes: Any) -> str:
    """The current query string with some parameters changed (None or "" removes them); the
    page number is dropped whenever a filter changes."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return _query_string(params, context.get("query_defaults"))


@register.filter
def tel(number: str | None) -> str:
    return re.sub(r"[^\d+]", "", number or "")


@register.filter
def height_for(image: ProductImage, width: int | str) -> int:
    """The height of `image` shown `width` pixels wide (explicit sizes: nothing jumps)."""
    return image.height_for(int(width))


@register.simple_tag(takes_context=True)
def toggle_filter(context: Context, name: str, value: str, selected: bool) -> str:
    """The list's address with filter `name` set to `value`, or removed when it is selected."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if selected:
        params.pop(name, None)
    else:
        params[name] = value
    return _query_string(params, context.get("query_defaults"))


def _query_string(
    params: QueryDict | Mapping[str, Any], defaults: Mapping[str, str] | None = None
) -> str:
    """The parameters that say something, sorted: none empty (`harga_min=`), none at the
    list's default (`urut=relevan` on a search), so that one list has one short address to
    share and to cache. static/js/app.js leaves the same out of the GET forms."""
    defaults = defaults or {}
    said = [(k, v) for k, v in params.items() if v not in (None, "") and defaults.get(k) != v]
    encoded = urlencode(sorted(said))
    return f"?{encoded}" if encoded else "?"

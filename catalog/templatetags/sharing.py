"""Sharing a product page: its full address and a WhatsApp share link that carries it
(https://wa.me/?text=…, no number, so the visitor picks the chat)."""

from urllib.parse import quote

from django import template
from django.template import Context
from django.utils.translation import gettext as _

from catalog.models import Product

register = template.Library()


@register.simple_tag(takes_context=True)
def share_links(context: Context, product: Product) -> dict[str, str]:
    """{"url": the page's address in the current language, "whatsapp": a wa.me share link}."""
    url = context["request"].build_absolute_uri(product.get_absolute_url())
    message = _("%(product)s on Etalase UMKM Babel: %(url)s") % {
        "product": product.display_name,
        "url": url,
    }
    return {"url": url, "whatsapp": f"https://wa.me/?text={quote(message, safe='')}"}

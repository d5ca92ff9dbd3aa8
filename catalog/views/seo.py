"""Structured data for search engines and link previews."""

import json

from django.templatetags.static import static
from django.utils.safestring import mark_safe


def _json(data) -> str:
    """JSON safe to place inside <script type="application/ld+json">: no "<", ">" or "&"
    survives, so a product name can never close the script element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # escaped above


def product_json_ld(request, product, designation) -> str:
    url = request.build_absolute_uri(product.get_absolute_url())
    images = [request.build_absolute_uri(image.image.url) for image in product.images.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.display_name,
        "description": product.display_summary or product.display_description[:300],
        "url": url,
        "image": images or [request.build_absolute_uri(static("img/icon-512.png"))],
        "category": product.category.display_name,
        "brand": {"@type": "Brand", "name": product.business.name},
        "offers": {
            "@type": "AggregateOffer",
            "priceCurrency": "IDR",
            "lowPrice": product.price_min,
            "highPrice": product.price_max,
            "availability": "https://schema.org/InStock",
            "seller": {"@type": "Organization", "name": product.business.name},
        },
    }
    if designation:
        data["award"] = f"Produk Unggulan Kepulauan Bangka Belitung {designation.year}"
    return _json(data)

"""Presentation helpers for the portal's templates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switch(context):
    """(code, name, url) of the other language's version of this page: a plain link, no form,
    so that public pages need no session, cookie or CSRF token."""
    request = context["request"]
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code != current:
            links.append((code, name, translate_url(request.get_full_path(), code)))
    return links


@register.filter
def rupiah(value):
    """45000 → "Rp 45.000" (Indonesian thousands separator whatever the interface language)."""
    if value is None or value == "":
        return ""
    return "Rp " + f"{int(value):,}".replace(",", ".")

"""About the portal: who runs it and how to reach them, the privacy notice (UU No. 27/2022 on
personal data protection) and the accessibility statement. Linked from every page's footer."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agencies.models import Agency
from umkm_portal.caching import public_page


def _stewards() -> list[Agency]:
    """The leading-sector agencies run the portal together: their contact details are the
    portal's (from the agencies' own records, so they stay true when an agency updates them)."""
    return list(Agency.objects.leading_sectors().order_by("name"))


@require_safe
@public_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/about/about.html", {"stewards": _stewards()})


@require_safe
@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/about/privacy.html", {"stewards": _stewards()})


@require_safe
@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/about/accessibility.html", {"stewards": _stewards()})

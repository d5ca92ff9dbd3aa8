"""The portal's own error pages (docs/architecture.md §5): 400, 403 and 404 in the layout of
every page and in the language of the address (`/en/…` English, else Indonesian); JSON under
/api/, whatever went wrong there, so that an API client never has to read HTML. The 500 is
`umkm_portal.http.server_error` with templates/500.html, which needs no request."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_language(request: HttpRequest) -> str:
    """The language of the address: the `/en/` prefix, else the portal's first language. An
    error may be raised before LocaleMiddleware has read it, so it is read again here."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def error_page(request: HttpRequest, template: str, status: int, **context: str) -> HttpResponse:
    with translation.override(page_language(request)):
        response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"  # never kept in place of the page that comes back
    return response


def bad_request(
    request: HttpRequest, exception: Exception | None, reason: str = ""
) -> HttpResponse:
    """400: a request the portal will not read (too many fields, a NUL byte, a host that is not
    the portal's). `reason` is shown; the exception never is."""
    if is_api(request):
        return JsonResponse({"detail": reason or _("Bad request.")}, status=400)
    try:
        request.get_host()
    except DisallowedHost:
        # The layout writes the host into its links: a page that needs none.
        return HttpResponseBadRequest(render_to_string("errors/bad_host.html"))
    return error_page(request, "400.html", 400, reason=reason)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 for pages that refuse outright (most answer 404 rather than tell what exists)."""
    if is_api(request):
        message = _("You do not have permission to perform this action.")
        return JsonResponse({"detail": message}, status=403)
    return error_page(request, "403.html", 403)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: JSON under /api/ (an address no route matches, a malformed id), the portal's page
    elsewhere."""
    if is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return error_page(request, "404.html", 404)

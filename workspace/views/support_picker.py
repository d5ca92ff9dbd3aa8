"""The business picker of the work pages: search by name, then choose (one business for a service
or a referral, several for an activity's participants).

It works without script as a search-then-choose: the search box submits a GET form of its own
(`?q=`), and the page comes back with the matches as radio buttons or checkboxes inside the
page's form. With script, htmx (already on every page) asks the same address for the matches
while the person types and swaps in only the list (the view answers an `HX-Request` with the
fragment); the businesses already ticked travel along (`business=`), so a new search never
drops them. One address, one view and one template serve both ways."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from catalog.models import Business
from catalog.search import clean_query

#: Matches shown at most; beyond, the person types more of the name.
MATCH_LIMIT = 20
#: Shortest search: one letter would match most of the province.
MIN_QUERY = 2
CHOICES_TEMPLATE = "workspace/support/_business_choices.html"


@dataclass
class Picker:
    q: str = ""
    multiple: bool = False
    chosen: list[Business] = field(default_factory=list)
    matches: list[Business] = field(default_factory=list)
    more: bool = False

    @property
    def too_short(self) -> bool:
        return 0 < len(self.q) < MIN_QUERY


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request of the picker (read from the header, as the public pages do)."""
    return request.headers.get("HX-Request") == "true" and "q" in request.GET


def _ids(values: Iterable[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()][: MATCH_LIMIT * 5]


def chosen_businesses(request: HttpRequest, *, preselect: str = "umkm") -> list[Business]:
    """The businesses ticked in what was sent (the form's POST, or the picker's GET), and on a
    first visit the one named by `?umkm=<slug>` (a business's record links here with it)."""
    data = request.POST if request.method == "POST" else request.GET
    ids = _ids(data.getlist("business"))
    businesses = Business.objects.active().select_related("region")
    if ids:
        found = businesses.in_bulk(ids)
        return [found[pk] for pk in dict.fromkeys(ids) if pk in found]
    slug = request.GET.get(preselect)
    if request.method != "POST" and slug:
        return list(businesses.filter(slug=slug)[:1])
    return []


def picker_for(
    request: HttpRequest,
    *,
    multiple: bool = False,
    exclude: QuerySet[Any, Any] | None = None,
) -> Picker:
    """The picker's state: what is chosen, and the active businesses whose name holds `?q=`
    (never those whose id `exclude` gives, e.g. an activity's participants), by name."""
    picker = Picker(q=clean_query(request.GET.get("q")), multiple=multiple)
    picker.chosen = chosen_businesses(request)
    if not multiple:
        picker.chosen = picker.chosen[:1]
    if len(picker.q) >= MIN_QUERY:
        rows = (
            Business.objects.active()
            .filter(name__icontains=picker.q)
            .exclude(pk__in=[business.pk for business in picker.chosen])
            .select_related("region")
            .order_by("name", "pk")
        )
        if exclude is not None:
            rows = rows.exclude(pk__in=exclude)
        found = list(rows[: MATCH_LIMIT + 1])
        picker.matches, picker.more = found[:MATCH_LIMIT], len(found) > MATCH_LIMIT
    return picker


def choices_fragment(request: HttpRequest, picker: Picker, **context: Any) -> HttpResponse:
    """Only the list of choices (and, out of band, the sentence that counts them)."""
    response = render(request, CHOICES_TEMPLATE, {"picker": picker, "oob": True, **context})
    patch_vary_headers(response, ["HX-Request"])
    return response

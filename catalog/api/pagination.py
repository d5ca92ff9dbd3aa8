import functools
from collections.abc import Sequence

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.views import APIView

from catalog.pagination import CappedPaginator
from catalog.search import capped_count
from umkm_portal.api import StrictPageNumberPagination
from umkm_portal.public_cache import aggregates


class CappedPageNumberPagination(StrictPageNumberPagination):
    """`{count, next, previous, results}`; `count` stops at 10,000 (docs/architecture.md §5)."""

    django_paginator_class = CappedPaginator

    def paginate_queryset(
        self, queryset: QuerySet | Sequence, request: Request, view: APIView | None = None
    ) -> list | None:
        # An anonymous client's count comes from the cache of aggregates.
        def matches() -> int:
            return aggregates.get(request, "count", lambda: capped_count(queryset))

        # DRF builds the paginator from (queryset, page size) alone: the count goes in a partial.
        self.django_paginator_class = functools.partial(CappedPaginator, matches=matches)  # type: ignore[assignment]
        return super().paginate_queryset(queryset, request, view)

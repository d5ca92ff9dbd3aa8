import functools

from rest_framework.pagination import PageNumberPagination

from catalog.pagination import CappedPaginator


class CappedPageNumberPagination(PageNumberPagination):
    """`{count, next, previous, results}`; `count` stops at 10,000 (DESIGN §5)."""

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        # The paginator sees the request, so that an anonymous client's count may be cached.
        self.django_paginator_class = functools.partial(CappedPaginator, request=request)
        return super().paginate_queryset(queryset, request, view)

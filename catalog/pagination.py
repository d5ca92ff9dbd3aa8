"""Pagination whose count stops at the count cap (DESIGN §5): pages and the API alike."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from catalog.search import capped_count, count_cap
from umkm_portal import public_cache


class CappedPaginator(Paginator):
    """A Paginator that never counts past the count cap; `is_capped` says the count is a floor.

    Given the request of an anonymous visitor, the count comes from the cache of aggregates
    (umkm_portal.public_cache.aggregate) when it holds it."""

    def __init__(self, object_list, per_page, *args, request=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.request = request

    @cached_property
    def matches(self) -> int:
        """Matches counted up to the cap + 1 (one more than the cap means "more")."""
        if self.request is None:
            return capped_count(self.object_list)
        return public_cache.aggregate(self.request, "count", lambda: capped_count(self.object_list))

    @cached_property
    def count(self):
        return min(self.matches, count_cap())

    @cached_property
    def is_capped(self) -> bool:
        return self.matches > count_cap()

"""Pagination whose count stops at the count cap (DESIGN §5): pages and the API alike."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from catalog.search import capped_count, count_cap


class CappedPaginator(Paginator):
    """A Paginator that never counts past the count cap; `is_capped` says the count is a floor."""

    @cached_property
    def matches(self) -> int:
        """Matches counted up to the cap + 1 (one more than the cap means "more")."""
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        return min(self.matches, count_cap())

    @cached_property
    def is_capped(self) -> bool:
        return self.matches > count_cap()

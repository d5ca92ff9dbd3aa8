"""Pagination whose count stops at the count cap (docs/architecture.md §5): pages and the API
alike."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from catalog.search import capped_count, count_cap


class CappedPaginator(Paginator):
    """A Paginator that never counts past the count cap; `is_capped` says the count is a floor.

    `matches`, when given, is how the caller gets the number of matches up to the cap + 1 more
    cheaply than by counting them (a public list reads it from the cache of aggregates); it is
    called at most once, and only when the count is needed."""

    def __init__(
        self, object_list, per_page, *args, matches: Callable[[], int] | None = None, **kwargs
    ) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_matches = matches or (lambda: capped_count(self.object_list))

    @cached_property
    def matches(self) -> int:
        """Matches counted up to the cap + 1 (one more than the cap means "more")."""
        return self.count_matches()

    @cached_property
    def count(self) -> int:
        return min(self.matches, count_cap())

    @cached_property
    def is_capped(self) -> bool:
        return self.matches > count_cap()

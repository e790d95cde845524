"""A paginator that spares a list's count when the list fits on one page.

Django's ``Paginator`` counts the rows (``SELECT COUNT(*)``) before reading a page. For
lists whose query is costly to build and run (e.g. a worker's persons: their own cases
and those shared by consent), most lists fit on the first page: this paginator reads the
first page's rows first and counts only when that page is full. The first page's rows
are kept and served without a second read.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator


class FirstPagePaginator(Paginator):
    """``Paginator`` whose ``count`` is the first page's length when that page is not full
    (no count query); a full first page is counted as usual. Page 1 is served from the
    rows read for that (no second read)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._first_rows: list[Any] | None = None

    @cached_property
    def count(self) -> int:
        first = list(self.object_list[: self.per_page])
        self._first_rows = first
        if len(first) < self.per_page:
            return len(first)
        return int(Paginator.count.func(self))  # type: ignore[attr-defined]

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if number == 1 and self._first_rows is not None:
            return self._get_page(self._first_rows, 1, self)  # type: ignore[attr-defined]
        return super().page(number)

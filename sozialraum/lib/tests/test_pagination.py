"""The paginator that counts a list only when its first page is full."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.lib.pagination import FirstPagePaginator

pytestmark = pytest.mark.django_db


def _organisations(count: int) -> Any:
    for number in range(count):
        OrganisationFactory.create(name=f"Organisation {number:02d}")
    return Organisation.objects.order_by("name")


def test_a_list_shorter_than_a_page_is_read_once_and_not_counted(
    django_assert_num_queries: Any,
) -> None:
    rows = _organisations(3)
    with django_assert_num_queries(1):
        page = FirstPagePaginator(rows, 5).get_page(None)
        names = [o.name for o in page]
    assert names == ["Organisation 00", "Organisation 01", "Organisation 02"]
    assert page.paginator.count == 3 and page.paginator.num_pages == 1
    assert not page.has_next()


@pytest.mark.parametrize("total", [5, 6, 12])
def test_a_full_first_page_is_counted_and_every_page_served(
    total: int, django_assert_num_queries: Any
) -> None:
    rows = _organisations(total)
    with django_assert_num_queries(2):
        first = FirstPagePaginator(rows, 5).get_page("1")
        assert len(list(first)) == 5
    assert first.paginator.count == total
    last = FirstPagePaginator(rows, 5).get_page("999")
    assert last.number == first.paginator.num_pages
    assert [o.name for o in last] == [f"Organisation {n:02d}" for n in range(total)][
        (last.number - 1) * 5 :
    ]

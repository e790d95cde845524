"""A walk changed by its organiser only; the district's barriers paged, within a query
budget that does not grow with the number of barriers; the district's public page, the
menu and the start page lead to walks and barriers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.barriers.models import Barrier, BarrierState, Walk
from sozialraum.barriers.views import DISTRICT_PAGE_SIZE
from sozialraum.lib.access import Role

from .factories import barrier_make, walk_make, world

pytestmark = pytest.mark.django_db


def _walk_form(walk: Walk, **data: Any) -> dict[str, Any]:
    return {"title": walk.title, "organisation": walk.organisation_id,
            "district": walk.district_id, "walked_on": "2026-12-12", "participants": 8,
            "wheelchair_users": 3, "rollator_users": 1, "blind_participants": 1,
            "deaf_participants": 0, "route_text": "54.781, 9.431\n54.79, 9.44", **data}  # fmt: skip


def test_the_organiser_changes_route_date_and_participants() -> None:
    w = world()
    walk = w["walk"]
    client = signed_in_client(w["worker"])
    assert (
        reverse("barriers:walk_edit", args=[walk.pk])
        in client.get(walk.get_absolute_url()).content.decode()
    )

    form = client.get(reverse("barriers:walk_edit", args=[walk.pk])).context["form"]
    answer = client.post(reverse("barriers:walk_edit", args=[walk.pk]), _walk_form(walk))

    assert form["title"].value() == walk.title
    assert answer.status_code == 302
    walk.refresh_from_db()
    assert walk.route == [[54.781, 9.431], [54.79, 9.44]]
    assert (str(walk.walked_on), walk.participants, walk.wheelchair_users) == ("2026-12-12", 8, 3)


def test_a_colleague_of_the_organiser_may_not_change_the_walk() -> None:
    w = world()
    walk = w["walk"]
    colleague = user_with_role(Role.WORKER, walk.organisation)
    client = signed_in_client(colleague)

    page = client.get(walk.get_absolute_url()).content.decode()
    answer = client.post(reverse("barriers:walk_edit", args=[walk.pk]), _walk_form(walk))

    assert reverse("barriers:walk_edit", args=[walk.pk]) not in page
    assert answer.status_code == 403
    walk.refresh_from_db()
    assert walk.participants == 6


def test_a_member_of_another_organisation_may_not_change_the_walk() -> None:
    w = world()
    stranger = user_with_role(Role.WORKER)

    answer = signed_in_client(stranger).get(reverse("barriers:walk_edit", args=[w["walk"].pk]))

    assert answer.status_code == 403


def test_a_changed_walk_with_more_counted_than_in_all_names_the_field() -> None:
    w = world()
    walk = w["walk"]

    answer = signed_in_client(w["worker"]).post(
        reverse("barriers:walk_edit", args=[walk.pk]), _walk_form(walk, participants=2)
    )

    assert answer.status_code == 200
    assert "participants" in answer.context["form"].errors
    walk.refresh_from_db()
    assert walk.participants == 6


def _many(w: dict[str, Any], n: int) -> None:
    for _ in range(n):
        barrier_make(w["walk"], w["worker"])


@pytest.mark.parametrize("n", [3, DISTRICT_PAGE_SIZE + 5])
def test_the_district_barriers_are_paged_within_a_fixed_query_budget(
    n: int, django_assert_max_num_queries: Any
) -> None:
    w = world()
    _many(w, n)
    url = reverse("barriers:district", kwargs={"slug": w["district"].slug})

    with django_assert_max_num_queries(6):
        first = Client().get(url)
    second = Client().get(url, {"seite": 2})

    shown = min(n, DISTRICT_PAGE_SIZE)
    assert len(first.context["barriers"]) == shown
    assert len(first.context["map"]["points"]) == shown
    assert ("seite=2" in first.content.decode()) is (n > DISTRICT_PAGE_SIZE)
    if n > DISTRICT_PAGE_SIZE:
        assert len(second.context["barriers"]) == 5
        newest = Barrier.objects.order_by("-reported_at", "-pk").first()
        assert first.context["barriers"][0] == newest


def test_a_page_number_out_of_range_shows_the_last_page() -> None:
    w = world()
    _many(w, 2)

    answer = Client().get(
        reverse("barriers:district", kwargs={"slug": w["district"].slug}),
        {"seite": "9223372036854775807"},
    )

    assert answer.status_code == 200 and len(answer.context["barriers"]) == 2


def test_the_district_page_links_to_its_barriers_with_their_counts() -> None:
    w = world()
    _many(w, 2)
    fixed = Barrier.objects.first()
    assert fixed is not None
    Barrier.objects.filter(pk=fixed.pk).update(state=BarrierState.FIXED)

    page = Client().get(w["district"].get_absolute_url()).content.decode()

    assert reverse("barriers:district", kwargs={"slug": w["district"].slug}) in page
    assert "2 Barrieren bei Sozialraumbegehungen erfasst, 1 noch offen" in page


def test_a_district_without_barriers_has_no_barrier_link() -> None:
    w = world()

    page = Client().get(w["district"].get_absolute_url()).content.decode()

    assert reverse("barriers:district", kwargs={"slug": w["district"].slug}) not in page


def test_the_start_page_links_to_the_barriers_of_the_walks_districts() -> None:
    w = world()
    walk_make(w["worker"], w["district"], title="Zweite Begehung")

    page = signed_in_client(w["worker"]).get(reverse("start")).content.decode()

    district_url = reverse("barriers:district", kwargs={"slug": w["district"].slug})
    assert page.count(f'href="{district_url}"') == 1

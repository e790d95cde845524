"""GET /api/v1/help-groups/{slug}/nearby: the open posts near a verified member, with the
district as the only location, never an address or a member's contact; for the group's
members only, within a query budget."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role
from sozialraum.neighbourhood.choices import Category
from sozialraum.neighbourhood.models import HelpGroup

from .factories import district_make, group_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db

ADDRESS, PHONE = "Geheimweg 5", "0461 555"


def _url(group: HelpGroup) -> str:
    return f"/api/v1/help-groups/{group.organisation.slug}/nearby"


def test_a_member_gets_the_posts_near_them_without_addresses(
    django_assert_max_num_queries: Any,
) -> None:
    group = group_make()
    home = district_make(name="Mürwik")
    member = member_make(group, district=home, offers=[Category.GARDEN])
    neighbour = member_make(group, name="Frau N.", address=ADDRESS, phone=PHONE, district=home)
    for n in range(5):
        post_make(neighbour, category=Category.SHOPPING, text=f"Einkauf {n}")
    garden = post_make(neighbour, category=Category.GARDEN)
    client = signed_in_client(user_of(member))
    # Sign-in and session (8), the group, the member, the district boxes, the posts.
    with django_assert_max_num_queries(12):
        response = client.get(_url(group))
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 6 and rows[0]["id"] == garden.pk and rows[0]["fits"]
    assert {row["district"] for row in rows} == {"Mürwik"}
    body = response.content.decode()
    assert ADDRESS not in body and PHONE not in body and "Frau N." not in body


def test_only_verified_members_of_the_group_read_its_nearby_posts() -> None:
    group = group_make()
    post_make(member_make(group))
    outsider = member_make(group_make())
    pending = member_make(group, verified=False)
    assert Client().get(_url(group)).status_code == 401
    assert signed_in_client(user_of(outsider)).get(_url(group)).status_code == 403
    coordinator = user_with_role(Role.COORDINATOR)
    assert signed_in_client(coordinator).get(_url(group)).status_code == 403
    assert signed_in_client(user_of(pending)).get(_url(group)).status_code == 403
    missing = "/api/v1/help-groups/gibt-es-nicht/nearby"
    assert signed_in_client(user_of(outsider)).get(missing).status_code == 404

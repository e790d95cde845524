"""Walks and barriers on the admin site, scoped like every other app's admin: an
organisation administrator sees and corrects their organisations' walks and reads the
barriers routed to their offices; the platform operator sees all."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import platform_operator, signed_in_client, user_with_role
from sozialraum.barriers.models import Barrier, Office, Walk
from sozialraum.lib.access import Role

from .factories import barrier_make, district_make, office_make, walk_make

pytestmark = pytest.mark.django_db


@dataclass
class World:
    own: Walk
    foreign: Walk
    admin: User
    office: Office
    barrier: Barrier


def _walks() -> World:
    district = district_make(name="Altstadt")
    fallback = office_make("Bürgerbüro (Demo)", fallback=True)
    own_worker, foreign_worker = user_with_role(Role.WORKER), user_with_role(Role.WORKER)
    own = walk_make(own_worker, district, title="Begehung Nord")
    foreign = walk_make(foreign_worker, district, title="Begehung Süd")
    barrier = barrier_make(own, own_worker, address="Holm 1")
    admin = user_with_role(Role.ADMIN, own.organisation)
    return World(own, foreign, admin, fallback, barrier)


def _walk_form(walk: Walk, **data: object) -> dict[str, object]:
    return {"title": "Begehung Nord (korrigiert)", "organisation": walk.organisation_id,
            "walked_on": "2026-12-02", "participants": 7, "wheelchair_users": 2,
            "rollator_users": 1, "blind_participants": 0, "deaf_participants": 0,
            "notes": "", **data}  # fmt: skip


def test_an_organisation_admin_corrects_own_walks_and_not_foreign_ones() -> None:
    world = _walks()
    client = signed_in_client(world.admin)
    own, foreign = world.own, world.foreign

    listing = client.get(reverse("admin:barriers_walk_changelist")).content.decode()
    changed = client.post(reverse("admin:barriers_walk_change", args=[own.pk]), _walk_form(own))
    refused = client.post(
        reverse("admin:barriers_walk_change", args=[foreign.pk]),
        _walk_form(foreign),
    )

    assert "Begehung Nord" in listing and "Begehung Süd" not in listing
    assert changed.status_code == 302 and refused.status_code == 302
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.title == "Begehung Nord (korrigiert)" and own.participants == 7
    assert foreign.title == "Begehung Süd"


def test_an_organisation_admin_cannot_move_a_walk_to_another_organisation() -> None:
    world = _walks()
    client = signed_in_client(world.admin)
    own, foreign = world.own, world.foreign

    response = client.post(
        reverse("admin:barriers_walk_change", args=[own.pk]),
        _walk_form(own, organisation=foreign.organisation_id),
    )

    assert (
        response.status_code == 200 and "organisation" in response.context["adminform"].form.errors
    )
    own.refresh_from_db()
    assert own.organisation_id != foreign.organisation_id


def test_barriers_show_to_the_admin_of_their_office_only_and_read_only() -> None:
    world = _walks()
    office_admin = user_with_role(Role.ADMIN, world.office.organisation)
    barrier = world.barrier

    walk_admin_list = signed_in_client(world.admin).get(
        reverse("admin:barriers_barrier_changelist")
    )
    office_client = signed_in_client(office_admin)
    office_list = office_client.get(reverse("admin:barriers_barrier_changelist"))
    delete = office_client.post(
        reverse("admin:barriers_barrier_delete", args=[barrier.pk]),
        {"post": "yes"},
    )

    assert "Holm 1" not in walk_admin_list.content.decode()
    assert "Holm 1" in office_list.content.decode()
    assert delete.status_code == 403


def test_the_platform_operator_sees_every_walk() -> None:
    _walks()

    page = signed_in_client(platform_operator()).get(reverse("admin:barriers_walk_changelist"))

    assert "Begehung Nord" in page.content.decode() and "Begehung Süd" in page.content.decode()

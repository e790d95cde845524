"""A resident signs up for a group on a public page and waits for a coordinator to check
their identity in person; only a coordinator of that group can do so."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role
from sozialraum.neighbourhood import services
from sozialraum.neighbourhood.choices import MemberStatus
from sozialraum.neighbourhood.models import Member

from .factories import coordinator_of, group_make, member_make

pytestmark = pytest.mark.django_db

PASSWORD = "Nachbar-Test-2026!"


def _signup(client: Client, slug: str, email: str, **extra: str) -> object:
    data = {"name": "Anna B.", "email": email, "password": PASSWORD, **extra}
    return client.post(reverse("neighbourhood:signup", args=[slug]), data)


def test_a_visitor_signs_up_as_a_resident_waiting_for_the_identity_check() -> None:
    group = group_make()
    coordinator = coordinator_of(group)
    coordinator.email = "koordination@example.org"
    coordinator.save()
    client = Client()
    response = _signup(client, group.organisation.slug, "anna@example.org")
    assert response.status_code == 302  # type: ignore[attr-defined]
    member = Member.objects.get(group=group)
    assert member.status == MemberStatus.PENDING and member.verified_at is None
    assert member.user is not None and member.user.roles == {Role.RESIDENT}
    assert mail.outbox[0].to == ["koordination@example.org"]
    page = client.get(group.get_absolute_url())
    assert "check your identity" in page.content.decode()


def test_the_signup_page_is_public_and_names_the_group() -> None:
    group = group_make()
    response = Client().get(reverse("neighbourhood:signup", args=[group.organisation.slug]))
    assert response.status_code == 200
    assert group.name in response.content.decode()


def test_a_weak_password_is_named_on_its_field_and_nothing_is_written() -> None:
    group = group_make()
    response = _signup(Client(), group.organisation.slug, "anna@example.org", password="123")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["form"].errors["password"]  # type: ignore[attr-defined]
    assert not Member.objects.exists()


def test_signups_from_one_address_are_rate_limited() -> None:
    group = group_make()
    client = Client()
    for number in range(services.SIGNUP_LIMIT.count):
        assert _signup(client, group.organisation.slug, f"n{number}@example.org").status_code == 302  # type: ignore[attr-defined]
        client.logout()
    response = _signup(client, group.organisation.slug, "one-more@example.org")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Too many sign-ups" in response.content.decode()  # type: ignore[attr-defined]
    assert Member.objects.count() == services.SIGNUP_LIMIT.count


def test_a_coordinator_verifies_a_member_and_it_is_recorded_who_and_when() -> None:
    group = group_make()
    coordinator = coordinator_of(group)
    member = member_make(group, verified=False)
    url = reverse("neighbourhood:member_verify", args=[group.organisation.slug, member.pk])
    response = signed_in_client(coordinator).post(url)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.VERIFIED
    assert member.verified_by == coordinator and member.verified_at is not None


def test_a_coordinator_of_group_a_cannot_verify_in_group_b() -> None:
    group_a, group_b = group_make(), group_make()
    coordinator_a = coordinator_of(group_a)
    member_b = member_make(group_b, verified=False)
    url = reverse("neighbourhood:member_verify", args=[group_b.organisation.slug, member_b.pk])
    assert signed_in_client(coordinator_a).post(url).status_code == 403
    page = reverse("neighbourhood:coordination", args=[group_b.organisation.slug])
    assert signed_in_client(coordinator_a).get(page).status_code == 403
    with pytest.raises(PermissionDenied):
        services.member_verify(member=member_b, actor=coordinator_a)
    member_b.refresh_from_db()
    assert member_b.status == MemberStatus.PENDING


def test_a_member_of_group_a_cannot_be_verified_through_group_b_address() -> None:
    group_a, group_b = group_make(), group_make()
    coordinator_b = coordinator_of(group_b)
    member_a = member_make(group_a, verified=False)
    url = reverse("neighbourhood:member_verify", args=[group_b.organisation.slug, member_a.pk])
    assert signed_in_client(coordinator_b).post(url).status_code == 404
    member_a.refresh_from_db()
    assert member_a.status == MemberStatus.PENDING


def test_a_worker_of_another_organisation_cannot_coordinate() -> None:
    group = group_make()
    outsider = user_with_role(Role.COORDINATOR)
    member = member_make(group, verified=False)
    with pytest.raises(PermissionDenied):
        services.member_verify(member=member, actor=outsider)


def test_the_coordination_page_lists_waiting_members_in_few_queries(
    django_assert_max_num_queries: object,
) -> None:
    group = group_make()
    coordinator = coordinator_of(group)
    for number in range(8):
        member_make(group, verified=number % 2 == 0, name=f"Mitglied {number}")
    client = signed_in_client(coordinator)
    url = reverse("neighbourhood:coordination", args=[group.organisation.slug])
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("checked in person") == 4

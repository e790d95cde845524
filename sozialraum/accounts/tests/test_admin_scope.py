"""Organisation administrators manage their own organisations only; platform operators
manage everything; every membership change is logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import services
from sozialraum.accounts.models import (
    Membership,
    MembershipChange,
    MembershipChangeAction,
    Organisation,
    User,
)
from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    platform_operator,
    signed_in_client,
    user_with_role,
)
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def own() -> Organisation:
    return OrganisationFactory.create()


@pytest.fixture
def foreign() -> Organisation:
    return OrganisationFactory.create()


@pytest.fixture
def org_admin(own: Organisation) -> User:
    return user_with_role(Role.ADMIN, own)


@pytest.fixture
def client(org_admin: User) -> Client:
    return signed_in_client(org_admin)


def _membership_post(user: User, organisation: Organisation, role: str) -> dict[str, Any]:
    return {"user": user.pk, "organisation": organisation.pk, "role": role}


def test_an_organisation_admin_cannot_give_themselves_a_membership_elsewhere(
    client: Client, org_admin: User, foreign: Organisation
) -> None:
    response = client.post(
        reverse("admin:accounts_membership_add"),
        _membership_post(org_admin, foreign, Role.WORKER),
    )

    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(organisation=foreign).exists()


def test_an_organisation_admin_cannot_add_a_foreign_membership_through_the_user_form(
    client: Client, org_admin: User, own: Organisation, foreign: Organisation
) -> None:
    form = client.get(reverse("admin:accounts_user_change", args=[org_admin.pk])).context[
        "adminform"
    ]
    data = {k: v for k, v in form.form.initial.items() if isinstance(v, str | int | bool)}
    data.update(_inline_data(org_admin, [(own, Role.ADMIN), (foreign, Role.WORKER)]))
    data["date_joined_0"], data["date_joined_1"] = "2026-01-01", "10:00:00"

    client.post(reverse("admin:accounts_user_change", args=[org_admin.pk]), data)

    assert not Membership.objects.filter(organisation=foreign).exists()


def _inline_data(user: User, rows: list[tuple[Organisation, str]]) -> dict[str, Any]:
    existing = list(Membership.objects.filter(user=user).order_by("pk"))
    data: dict[str, Any] = {
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(len(existing)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, (organisation, role) in enumerate(rows):
        prefix = f"memberships-{index}-"
        data[f"{prefix}organisation"] = str(organisation.pk)
        data[f"{prefix}role"] = role
        data[f"{prefix}user"] = str(user.pk)
        if index < len(existing):
            data[f"{prefix}id"] = str(existing[index].pk)
    return data


def test_an_organisation_admin_cannot_open_a_foreign_users_password_form(
    client: Client, foreign: Organisation
) -> None:
    stranger = user_with_role(Role.WORKER, foreign)
    url = reverse("admin:auth_user_password_change", args=[stranger.pk])

    assert client.get(url).status_code == 404
    response = client.post(url, {"password1": "Neu-Passwort-2026!", "password2": "x"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.check_password("Quartier-Test-2026!")


def test_an_organisation_admin_cannot_reset_a_password_of_a_user_also_working_elsewhere(
    client: Client, own: Organisation, foreign: Organisation
) -> None:
    shared = user_with_role(Role.WORKER, foreign)
    services.membership_create(user=shared, organisation=own, role=Role.WORKER)

    url = reverse("admin:auth_user_password_change", args=[shared.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:accounts_user_change", args=[shared.pk])).status_code == 200


def test_an_organisation_admin_resets_the_password_of_their_own_worker(
    client: Client, own: Organisation
) -> None:
    worker = user_with_role(Role.WORKER, own)
    password = "Neu-Passwort-2026!"

    response = client.post(
        reverse("admin:auth_user_password_change", args=[worker.pk]),
        {"usable_password": "true", "password1": password, "password2": password},
    )

    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password(password)


def test_an_organisation_admin_cannot_reset_a_foreign_users_second_factor(
    client: Client, foreign: Organisation
) -> None:
    stranger = user_with_role(Role.WORKER, foreign)
    TOTPDevice.objects.create(user=stranger, name="phone", confirmed=True)

    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "second_factor_reset", "_selected_action": [stranger.pk]},
    )

    assert TOTPDevice.objects.filter(user=stranger).exists()


def test_an_organisation_admin_sees_only_their_organisations_users(
    client: Client, own: Organisation, foreign: Organisation, django_assert_max_num_queries: Any
) -> None:
    colleague = user_with_role(Role.WORKER, own)
    stranger = user_with_role(Role.WORKER, foreign)
    client.get(reverse("districts:index"))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:accounts_user_changelist"))

    listed = set(response.context["cl"].result_list)
    assert colleague in listed
    assert stranger not in listed


def test_an_organisation_admin_cannot_make_anyone_a_superuser(
    client: Client, own: Organisation
) -> None:
    form = client.get(reverse("admin:accounts_user_add")).context["adminform"].form
    assert "is_superuser" not in form.fields
    worker = user_with_role(Role.WORKER, own)
    change = client.get(reverse("admin:accounts_user_change", args=[worker.pk]))
    assert "is_superuser" not in change.context["adminform"].form.fields


def test_an_organisation_admin_cannot_create_or_delete_organisations(
    client: Client, own: Organisation
) -> None:
    assert client.get(reverse("admin:accounts_organisation_add")).status_code == 403
    delete = reverse("admin:accounts_organisation_delete", args=[own.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=own.pk).exists()


def test_an_organisation_admin_cannot_see_districts_or_login_locks(client: Client) -> None:
    assert client.get(reverse("admin:districts_district_changelist")).status_code == 403
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_a_platform_operator_adds_a_membership_anywhere(foreign: Organisation) -> None:
    operator = platform_operator()
    worker = user_with_role(Role.WORKER)

    signed_in_client(operator).post(
        reverse("admin:accounts_membership_add"), _membership_post(worker, foreign, Role.PLANNER)
    )

    assert Membership.objects.filter(user=worker, organisation=foreign).exists()


def test_a_membership_added_in_the_administration_is_logged_with_its_author(
    client: Client, org_admin: User, own: Organisation
) -> None:
    worker = user_with_role(Role.WORKER, own)

    client.post(
        reverse("admin:accounts_membership_add"), _membership_post(worker, own, Role.COORDINATOR)
    )

    change = MembershipChange.objects.get(user=worker, role=Role.COORDINATOR)
    assert change.action == MembershipChangeAction.ADDED
    assert change.actor == org_admin
    assert change.organisation_name == own.name


def test_a_role_change_and_a_removal_are_logged(
    client: Client, org_admin: User, own: Organisation
) -> None:
    membership = user_with_role(Role.WORKER, own).memberships.get()
    url = reverse("admin:accounts_membership_change", args=[membership.pk])

    client.post(url, _membership_post(membership.user, own, Role.PLANNER))
    client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})

    changes = MembershipChange.objects.filter(user=membership.user).order_by("pk")
    assert [(c.action, c.previous_role, c.role, c.actor) for c in changes] == [
        (MembershipChangeAction.ROLE_CHANGED, Role.WORKER, Role.PLANNER, org_admin),
        (MembershipChangeAction.REMOVED, "", Role.PLANNER, org_admin),
    ]
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_membership_log_shows_administrators_only_their_organisations(
    client: Client, own: Organisation, foreign: Organisation
) -> None:
    for organisation in (own, foreign):
        services.membership_create(
            user=user_with_role(Role.RESIDENT), organisation=organisation, role=Role.WORKER
        )

    response = client.get(reverse("admin:accounts_membershipchange_changelist"))

    assert {c.organisation_id for c in response.context["cl"].result_list} == {own.pk}


@pytest.mark.parametrize(
    "model", ["directory_searchmiss", "plan_referralgap", "audit_accesslogentry"]
)
def test_planning_data_and_the_log_are_read_only_for_the_platform_operator(
    model: str, django_assert_max_num_queries: Any
) -> None:
    from sozialraum.directory.models import SearchMiss

    SearchMiss.objects.create(query_text="Schuldnerberatung türkisch")
    client = signed_in_client(platform_operator())
    client.get(reverse("districts:index"))

    with django_assert_max_num_queries(14):
        listed = client.get(reverse(f"admin:{model}_changelist"))

    assert listed.status_code == 200
    assert client.get(reverse(f"admin:{model}_add")).status_code == 403
    assert listed.context["cl"].model_admin.get_actions(listed.wsgi_request) == {}
    if model == "directory_searchmiss":
        assert "Schuldnerberatung" in listed.text
        assert listed.context["cl"].has_filters


def test_organisation_admins_do_not_see_city_wide_planning_data(client: Client) -> None:
    assert client.get(reverse("admin:directory_searchmiss_changelist")).status_code == 403
    assert client.get(reverse("admin:plan_referralgap_changelist")).status_code == 403

"""The one access helper for persons: role, organisation, consent, and the log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    MembershipFactory,
    OrganisationFactory,
    user_with_role,
)
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import person_for_user
from sozialraum.casework.selectors import persons_for_user
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def log_rows(person_id: int) -> list[tuple[int | None, str, str, bool]]:
    return list(
        AccessLogEntry.objects.filter(person_id=person_id)
        .order_by("pk")
        .values_list("user_id", "action", "purpose", "granted")
    )


@pytest.mark.parametrize("role", [Role.WORKER, Role.COORDINATOR, Role.ADMIN])
def test_case_roles_of_the_owning_organisation_read_the_person(role: str) -> None:
    person = PersonFactory.create()
    user = user_with_role(role, person.organisation)

    assert person_for_user(user, person.pk, purpose=Purpose.CASEWORK) == person
    assert log_rows(person.pk) == [(user.pk, AccessAction.VIEW, Purpose.CASEWORK, True)]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PROVIDER_EDITOR, Role.PLANNER])
def test_other_roles_of_the_owning_organisation_are_refused_and_logged(role: str) -> None:
    person = PersonFactory.create()
    user = user_with_role(role, person.organisation)

    with pytest.raises(PermissionDenied):
        person_for_user(user, person.pk, purpose=Purpose.CASEWORK)
    assert log_rows(person.pk) == [(user.pk, AccessAction.VIEW, Purpose.CASEWORK, False)]


def test_worker_of_other_organisation_cannot_read_person_without_consent() -> None:
    person = PersonFactory.create()
    outsider = user_with_role(Role.WORKER)

    with pytest.raises(PermissionDenied):
        person_for_user(outsider, person.pk, purpose=Purpose.PLAN)
    assert log_rows(person.pk) == [(outsider.pk, AccessAction.VIEW, Purpose.PLAN, False)]


def test_worker_of_other_organisation_reads_person_after_consent_for_that_purpose() -> None:
    person = PersonFactory.create()
    outsider = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider.memberships.get().organisation,
    )

    assert person_for_user(outsider, person.pk, purpose=Purpose.PLAN) == person
    with pytest.raises(PermissionDenied):
        person_for_user(outsider, person.pk, purpose=Purpose.NETWORK_MAP)
    assert log_rows(person.pk) == [
        (outsider.pk, AccessAction.VIEW, Purpose.PLAN, True),
        (outsider.pk, AccessAction.VIEW, Purpose.NETWORK_MAP, False),
    ]


def test_withdrawing_consent_cuts_access_at_once() -> None:
    person = PersonFactory.create()
    outsider = user_with_role(Role.WORKER)
    consent = ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider.memberships.get().organisation,
    )
    person_for_user(outsider, person.pk, purpose=Purpose.PLAN)

    consent.withdrawn_at = timezone.now()
    consent.save()

    with pytest.raises(PermissionDenied):
        person_for_user(outsider, person.pk, purpose=Purpose.PLAN)
    assert [row[3] for row in log_rows(person.pk)] == [True, False]


def test_member_of_consented_district_team_reads_person() -> None:
    person = PersonFactory.create()
    membership = MembershipFactory.create(role=Role.COORDINATOR)
    team = DistrictTeamFactory.create()
    team.members.add(membership)
    ConsentFactory.create(person=person, purpose=Purpose.DISTRICT_TEAM, shared_with_team=team)

    found = person_for_user(membership.user, person.pk, purpose=Purpose.DISTRICT_TEAM)

    assert found == person
    assert log_rows(person.pk)[-1][3] is True


def test_consent_grants_reading_but_never_writing() -> None:
    person = PersonFactory.create()
    outsider = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider.memberships.get().organisation,
    )

    with pytest.raises(PermissionDenied):
        person_for_user(outsider, person.pk, purpose=Purpose.PLAN, write=True)
    assert log_rows(person.pk) == [(outsider.pk, AccessAction.UPDATE, Purpose.PLAN, False)]


def test_provider_editor_of_consented_organisation_is_still_refused() -> None:
    person = PersonFactory.create()
    editor = user_with_role(Role.PROVIDER_EDITOR)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.REFERRAL,
        shared_with_organisation=editor.memberships.get().organisation,
    )

    with pytest.raises(PermissionDenied):
        person_for_user(editor, person.pk, purpose=Purpose.REFERRAL)
    assert log_rows(person.pk)[-1][3] is False


def test_unknown_person_is_not_found() -> None:
    user = user_with_role(Role.WORKER)

    with pytest.raises(Http404):
        person_for_user(user, 999_999, purpose=Purpose.CASEWORK)
    assert not AccessLogEntry.objects.exists()


def test_unknown_purpose_is_a_programming_error() -> None:
    person = PersonFactory.create()
    user = user_with_role(Role.WORKER, person.organisation)

    with pytest.raises(ValueError, match="purpose"):
        person_for_user(user, person.pk, purpose="curiosity")


def test_persons_for_user_lists_own_and_consented_persons_only() -> None:
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)
    own = PersonFactory.create(organisation=organisation)
    shared = PersonFactory.create()
    ConsentFactory.create(person=shared, shared_with_organisation=organisation)
    withdrawn = PersonFactory.create()
    ConsentFactory.create(
        person=withdrawn, shared_with_organisation=organisation, withdrawn_at=timezone.now()
    )
    PersonFactory.create()

    assert set(persons_for_user(worker)) == {own, shared}


def test_persons_for_user_is_empty_for_roles_without_case_work() -> None:
    person = PersonFactory.create()
    planner = user_with_role(Role.PLANNER, person.organisation)

    assert not persons_for_user(planner).exists()


def test_a_team_consent_reaches_a_member_only_through_a_case_work_membership() -> None:
    """The consent filter names the user's case-work memberships: a user in the team
    through a provider-editor membership, and a case worker elsewhere, is refused; the
    same user in the team through the case-work membership reads the person."""
    person = PersonFactory.create()
    editing = MembershipFactory.create(role=Role.PROVIDER_EDITOR)
    working = MembershipFactory.create(role=Role.WORKER, user=editing.user)
    team = DistrictTeamFactory.create()
    team.members.add(editing)
    ConsentFactory.create(person=person, purpose=Purpose.DISTRICT_TEAM, shared_with_team=team)
    user = User.objects.get(pk=editing.user_id)

    with pytest.raises(PermissionDenied):
        person_for_user(user, person.pk, purpose=Purpose.DISTRICT_TEAM)
    assert person not in persons_for_user(user)

    team.members.add(working)
    user = User.objects.get(pk=editing.user_id)  # memberships are read once per user object
    assert person_for_user(user, person.pk, purpose=Purpose.DISTRICT_TEAM) == person
    assert person in persons_for_user(user)

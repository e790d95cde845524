"""Account services: users, memberships, teams and second-factor devices."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import services
from sozialraum.accounts.models import DistrictTeam, Membership, User
from sozialraum.accounts.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    totp_code,
    user_with_role,
)
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Nachbarschaft-Kiel-42"


def _wrong(device: TOTPDevice) -> str:
    return f"{(int(totp_code(device)) + 500_000) % 1_000_000:06d}"


# --- Users, memberships, teams --------------------------------------------------------------


def test_user_create_saves_the_user_with_memberships() -> None:
    city, welfare = OrganisationFactory.create(), OrganisationFactory.create()

    user = services.user_create(
        username="a.schmidt",
        password=GOOD_PASSWORD,
        email="a.schmidt@example.org",
        first_name="Anna",
        last_name="Schmidt",
        memberships=[(city, Role.WORKER), (welfare, Role.COORDINATOR)],
    )

    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert user.password.startswith("argon2")
    assert user.roles == {Role.WORKER, Role.COORDINATOR}
    assert user.display_name == "Anna Schmidt"


@pytest.mark.parametrize("password", ["12345678", "password", "short", "a.schmidt-1"])
def test_user_create_refuses_weak_passwords_and_writes_nothing(password: str) -> None:
    with pytest.raises(ValidationError):
        services.user_create(
            username="a.schmidt",
            password=password,
            memberships=[(OrganisationFactory.create(), Role.WORKER)],
        )
    assert not User.objects.exists()
    assert not Membership.objects.exists()


def test_user_create_can_skip_password_validation_for_demo_data() -> None:
    user = services.user_create(username="demo", password="demo", validate_password=False)
    assert user.check_password("demo")


def test_user_create_without_password_makes_an_account_that_cannot_sign_in() -> None:
    user = services.user_create(username="imported", password=None)
    assert not user.has_usable_password()


def test_user_create_refuses_an_invalid_or_taken_user_name() -> None:
    UserFactory.create(username="taken")
    for username in ("taken", "no spaces allowed", ""):
        with pytest.raises(ValidationError):
            services.user_create(username=username, password=GOOD_PASSWORD)


def test_user_create_refuses_an_unknown_role_and_writes_nothing() -> None:
    with pytest.raises(ValidationError):
        services.user_create(
            username="b.meyer",
            password=GOOD_PASSWORD,
            memberships=[(OrganisationFactory.create(), "overlord")],
        )
    assert not User.objects.filter(username="b.meyer").exists()


def test_membership_create_refuses_the_same_role_twice() -> None:
    membership = MembershipFactory.create()
    with pytest.raises(ValidationError):
        services.membership_create(
            user=membership.user, organisation=membership.organisation, role=membership.role
        )


def test_district_team_create_sets_districts_and_members() -> None:
    districts = [DistrictFactory.create(), DistrictFactory.create()]
    members = [MembershipFactory.create(), MembershipFactory.create(role=Role.COORDINATOR)]

    team = services.district_team_create(
        name="Stadtteil-Team Mitte", slug="mitte", districts=districts, members=members
    )

    team = DistrictTeam.objects.get(pk=team.pk)
    assert set(team.districts.all()) == set(districts)
    assert set(team.members.all()) == set(members)
    assert team.has_member(members[0].user)


# --- Second factor --------------------------------------------------------------------------


def test_enrol_start_makes_an_unconfirmed_app_and_drops_earlier_unconfirmed_ones() -> None:
    user = UserFactory.create()
    first = services.second_factor_enrol_start(user=user)

    second = services.second_factor_enrol_start(user=user)

    assert not second.confirmed
    assert list(TOTPDevice.objects.filter(user=user)) == [second]
    assert first.pk != second.pk


def test_enrol_confirm_with_the_right_code_confirms_and_returns_recovery_codes() -> None:
    user = UserFactory.create()
    device = services.second_factor_enrol_start(user=user)

    codes = services.second_factor_enrol_confirm(device=device, token=totp_code(device))

    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10
    assert all(len(code) == 9 and code[4] == "-" for code in codes)
    assert StaticToken.objects.filter(device__user=user).count() == 10


def test_enrol_confirm_with_a_wrong_code_counts_the_failure() -> None:
    device = services.second_factor_enrol_start(user=UserFactory.create())

    with pytest.raises(ValidationError) as error:
        services.second_factor_enrol_confirm(device=device, token=_wrong(device))

    assert error.value.code == "invalid"
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1


def test_enrol_confirm_of_an_already_confirmed_app_has_expired() -> None:
    device, _codes = services.second_factor_provision(user=UserFactory.create())
    with pytest.raises(ValidationError) as error:
        services.second_factor_enrol_confirm(device=device, token=totp_code(device))
    assert error.value.code == "expired"


def test_enrol_confirm_replaces_the_old_app() -> None:
    user = UserFactory.create()
    old, _codes = services.second_factor_provision(user=user)
    new = services.second_factor_enrol_start(user=user)

    services.second_factor_enrol_confirm(device=new, token=totp_code(new))

    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert old.pk != new.pk


def test_recovery_codes_create_replaces_the_codes_but_keeps_the_device() -> None:
    user = UserFactory.create()
    old = services.recovery_codes_create(user=user)
    device = StaticDevice.objects.get(user=user)

    new = services.recovery_codes_create(user=user, count=5)

    assert len(new) == 5
    assert not set(old) & set(new)
    assert StaticDevice.objects.get(user=user).pk == device.pk
    assert StaticToken.objects.filter(device=device).count() == 5


def test_provision_gives_a_working_app_and_recovery_codes() -> None:
    user = UserFactory.create()

    device, codes = services.second_factor_provision(user=user)

    assert device.confirmed
    assert services.second_factor_verify(user=user, code=totp_code(device)) == device
    assert services.second_factor_verify(user=user, code=codes[0]).pk == (
        StaticDevice.objects.get(user=user).pk
    )


def test_verify_uses_a_recovery_code_up() -> None:
    user = UserFactory.create()
    _device, codes = services.second_factor_provision(user=user)
    services.second_factor_verify(user=user, code=codes[1])

    with pytest.raises(ValidationError) as error:
        services.second_factor_verify(user=user, code=codes[1])

    assert error.value.code == "invalid"


def test_verify_without_any_device_is_just_wrong() -> None:
    with pytest.raises(ValidationError) as error:
        services.second_factor_verify(user=UserFactory.create(), code="123456")
    assert error.value.code == "invalid"


def test_verify_is_throttled_after_a_failure_and_does_not_count_throttled_tries() -> None:
    user = UserFactory.create()
    device, _codes = services.second_factor_provision(user=user)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with pytest.raises(ValidationError):
            services.second_factor_verify(user=user, code=_wrong(device))
        with pytest.raises(ValidationError) as throttled:
            services.second_factor_verify(user=user, code=totp_code(device))
        assert throttled.value.code == "throttled"
        clock.shift(1.5)
        assert services.second_factor_verify(user=user, code=totp_code(device)) == device

    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_throttling_grows_and_says_how_long_to_wait() -> None:
    user = UserFactory.create()
    device, _codes = services.second_factor_provision(user=user)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=8, throttling_failure_timestamp=timezone.now()
    )
    with pytest.raises(ValidationError) as error:
        services.second_factor_verify(user=user, code=totp_code(device))
    assert "Please wait 2\xa0minutes and try again." in error.value.messages[0]


def test_second_factor_disable_removes_a_residents_devices() -> None:
    resident = user_with_role(Role.RESIDENT)
    services.second_factor_provision(user=resident)

    services.second_factor_disable(user=resident)

    assert not TOTPDevice.objects.filter(user=resident).exists()
    assert not StaticDevice.objects.filter(user=resident).exists()


def test_second_factor_disable_refuses_staff() -> None:
    worker = user_with_role(Role.WORKER)
    services.second_factor_provision(user=worker)
    with pytest.raises(PermissionDenied):
        services.second_factor_disable(user=worker)
    assert TOTPDevice.objects.filter(user=worker).exists()


def test_second_factor_reset_removes_staff_devices_too() -> None:
    worker = user_with_role(Role.WORKER)
    services.second_factor_provision(user=worker)
    services.second_factor_reset(user=worker)
    assert not TOTPDevice.objects.filter(user=worker).exists()

"""My account: name, organisations and roles, teams, second-factor status."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts import services
from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    OrganisationFactory,
    UserFactory,
    signed_in_client,
    totp_code,
    user_with_role,
)
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")


def test_my_account_shows_organisations_roles_and_teams() -> None:
    organisation = OrganisationFactory.create(name="Diakonie Nord")
    worker = user_with_role(Role.WORKER, organisation)
    worker.first_name, worker.last_name = "Jana", "Petersen"
    worker.save()
    team = DistrictTeamFactory.create(name="Team Mürwik")
    team.members.add(worker.memberships.get())

    content = signed_in_client(worker).get(HOME).content.decode()

    assert "Jana Petersen" in content
    assert "Diakonie Nord" in content
    assert "Neighbourhood worker" in content
    assert team.get_absolute_url() in content
    assert reverse("accounts:password_change") in content


def test_staff_see_their_second_factor_without_a_switch_off_link() -> None:
    worker = user_with_role(Role.WORKER)
    client = signed_in_client(worker)
    services.recovery_codes_create(user=worker, count=2)

    content = client.get(HOME).content.decode()

    assert "You have 2 unused recovery codes." in content
    assert reverse("accounts:recovery_codes") in content
    assert reverse("accounts:second_factor_disable") not in content


def test_a_resident_without_second_factor_is_invited_to_set_one_up() -> None:
    client = Client()
    client.force_login(user_with_role(Role.RESIDENT))
    content = client.get(HOME).content.decode()
    assert reverse("accounts:second_factor_setup") in content
    assert reverse("accounts:recovery_codes") not in content


def test_a_resident_with_second_factor_may_switch_it_off() -> None:
    resident = user_with_role(Role.RESIDENT)
    device, _codes = services.second_factor_provision(user=resident)
    client = Client()
    client.force_login(resident)
    client.post(reverse("accounts:second_factor"), {"code": totp_code(device)})
    content = client.get(HOME).content.decode()
    assert reverse("accounts:second_factor_disable") in content


def test_a_user_without_organisation_is_told_so() -> None:
    client = Client()
    client.force_login(UserFactory.create())
    assert "You do not act for an organisation." in client.get(HOME).content.decode()


def test_my_account_needs_sign_in() -> None:
    response = Client().get(HOME)
    assert response["Location"] == f"{reverse('accounts:login')}?next={HOME}"


def test_the_app_that_verified_the_session_is_not_read_again() -> None:
    """A session verified with the authenticator app: the page reads the app once (the
    middleware's read); its status and last use are shown."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_otp.plugins.otp_totp.models import TOTPDevice

    resident = user_with_role(Role.RESIDENT)
    device, _codes = services.second_factor_provision(user=resident)
    client = Client()
    client.force_login(resident)
    client.post(reverse("accounts:second_factor"), {"code": totp_code(device)})
    table = connection.ops.quote_name(TOTPDevice._meta.db_table)
    with CaptureQueriesContext(connection) as reads:
        content = client.get(HOME).content.decode()
    assert len([q for q in reads.captured_queries if table in q["sql"]]) == 1
    assert "Your sign-in is protected by a code from your authenticator app." in content
    assert "Last used:" in content


def test_a_session_passed_with_a_recovery_code_still_shows_the_app() -> None:
    """Verified by a recovery code (not the app), the page looks the app up."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    worker = user_with_role(Role.WORKER)
    services.second_factor_provision(user=worker)
    codes = StaticDevice.objects.get(user=worker)
    client = Client()
    client.force_login(worker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = codes.persistent_id
    session.save()
    content = client.get(HOME).content.decode()
    assert "Your sign-in is protected by a code from your authenticator app." in content

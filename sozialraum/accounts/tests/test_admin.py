"""The administration: administrators past the second factor only, our sign-in page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import (
    UserFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")
LOGIN = reverse("accounts:login")


def test_an_administrator_past_the_second_factor_reaches_the_administration() -> None:
    response = signed_in_client(user_with_role(Role.ADMIN)).get(ADMIN)
    assert response.status_code == 200
    assert reverse("admin:accounts_user_changelist") in response.content.decode()


def test_an_administrator_by_role_may_edit_users_without_django_permissions() -> None:
    admin = user_with_role(Role.ADMIN)
    assert not admin.is_superuser and not admin.is_staff
    client = signed_in_client(admin)
    organisation = admin.memberships.get().organisation
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    change = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    assert client.get(change).status_code == 200


def test_an_administrator_without_the_second_factor_is_sent_to_it() -> None:
    admin = user_with_role(Role.ADMIN)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client = Client()
    client.force_login(admin)

    response = client.get(ADMIN)

    assert response["Location"].startswith(reverse("accounts:second_factor"))


def test_a_worker_is_turned_away_from_the_administration() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))

    response = client.get(ADMIN)
    assert response["Location"].startswith(ADMIN_LOGIN)

    followed = client.get(response["Location"], follow=True)
    assert followed.redirect_chain[-1][0] == reverse("start")
    assert "no access to the administration" in followed.content.decode()


def test_the_admin_login_sends_visitors_to_our_sign_in_page() -> None:
    response = Client().get(f"{ADMIN_LOGIN}?{urlencode({'next': '/verwaltung/accounts/'})}")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?{urlencode({'next': '/verwaltung/accounts/'})}"


def test_the_admin_login_ignores_a_next_address_on_another_site() -> None:
    response = Client().get(f"{ADMIN_LOGIN}?{urlencode({'next': 'https://evil.example/'})}")
    assert response["Location"] == f"{LOGIN}?{urlencode({'next': ADMIN})}"


def test_a_visitor_opening_the_administration_ends_up_on_our_sign_in_page() -> None:
    response = Client().get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)


def test_the_admin_sign_out_ends_the_session(settings: Settings) -> None:
    settings.LOGOUT_REDIRECT_URL = "districts:index"
    client = signed_in_client(user_with_role(Role.ADMIN))
    client.post(reverse("admin:logout"))
    assert "_auth_user_id" not in client.session


def test_the_reset_action_removes_a_users_second_factor() -> None:
    admin = user_with_role(Role.ADMIN)
    client = signed_in_client(admin)
    worker: User = user_with_role(Role.WORKER, admin.memberships.get().organisation)
    TOTPDevice.objects.create(user=worker, name="lost phone", confirmed=True)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "second_factor_reset", "_selected_action": [worker.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=worker).exists()


def test_a_superuser_counts_as_administrator() -> None:
    superuser = UserFactory.create(is_superuser=True)
    assert signed_in_client(superuser).get(ADMIN).status_code == 200

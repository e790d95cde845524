"""The reads every signed-in request makes, by plain statements
(:mod:`sozialraum.accounts.sessions`, :class:`sozialraum.accounts.middleware.OTPMiddleware`,
``User.role_memberships``), decide exactly what Django's and django-otp's own reads did:
an expired or unknown session signs nobody in, a deleted or foreign device verifies
nobody, and roles and case-work organisations follow the memberships."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.middleware import session_start
from sozialraum.accounts.models import User
from sozialraum.accounts.sessions import SessionStore
from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from sozialraum.lib.access import Role
from sozialraum.lib.sql import concrete_field_names, select_statement

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
TEAMS = reverse("accounts:teams")
VERIFY = reverse("accounts:second_factor")


def _django_session(user: User, device_id: str | None = None) -> str:
    """A signed-in session written by Django's own database store (as before this one)."""
    session = DjangoSessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "sozialraum.accounts.backends.UserReadingBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device_id is not None:
        session[DEVICE_ID_SESSION_KEY] = device_id
    session_start(session)
    session.create()
    assert session.session_key is not None
    return session.session_key


def _client(key: str) -> Client:
    client = Client()
    client.cookies["sessionid"] = key
    return client


def test_a_session_written_by_djangos_store_signs_its_user_in() -> None:
    user = UserFactory.create(first_name="Rike", last_name="Hansen")
    response = _client(_django_session(user)).get(HOME)
    assert response.status_code == 200
    assert "Rike Hansen" in response.content.decode()


def test_an_expired_session_signs_nobody_in() -> None:
    user = UserFactory.create()
    key = _django_session(user)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert SessionStore(key).load() == {}
    response = _client(key).get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_unknown_session_key_signs_nobody_in() -> None:
    store = SessionStore("x" * 32)
    assert store.load() == {}
    assert store.session_key is None
    assert _client("x" * 32).get(HOME).status_code == 302


def test_a_verified_session_loses_its_second_factor_when_the_device_is_deleted() -> None:
    worker = user_with_role(Role.WORKER)
    device = TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    client = _client(_django_session(worker, device.persistent_id))
    assert client.get(TEAMS).status_code == 200

    device.delete()

    response = client.get(TEAMS)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.get("/api/v1/plans/referrals/due").status_code == 403


def test_a_device_of_another_user_or_unconfirmed_verifies_nobody() -> None:
    worker = user_with_role(Role.WORKER)
    TOTPDevice.objects.create(user=worker, name="own", confirmed=True)
    foreign = TOTPDevice.objects.create(user=UserFactory.create(), name="x", confirmed=True)
    unconfirmed = StaticDevice.objects.create(user=worker, name="codes", confirmed=False)
    for device_id in (foreign.persistent_id, unconfirmed.persistent_id, "otp_totp.totpdevice/x"):
        response = _client(_django_session(worker, device_id)).get(TEAMS)
        assert response.status_code == 302, device_id
        assert response["Location"].startswith(VERIFY)


def test_a_static_device_verifies_the_session_it_was_passed_in() -> None:
    worker = user_with_role(Role.WORKER)
    codes = StaticDevice.objects.create(user=worker, name="codes", confirmed=True)
    assert _client(_django_session(worker, codes.persistent_id)).get(TEAMS).status_code == 200


def test_roles_and_organisations_follow_every_membership() -> None:
    own, other, third = OrganisationFactory.create_batch(3)
    user = user_with_role(Role.WORKER, own)
    user.memberships.create(organisation=other, role=Role.ADMIN)
    user.memberships.create(organisation=third, role=Role.PROVIDER_EDITOR)
    user = User.objects.get(pk=user.pk)

    assert user.roles == {Role.WORKER, Role.ADMIN, Role.PROVIDER_EDITOR}
    assert user.organisation_ids_with(frozenset({Role.WORKER, Role.ADMIN})) == {own.pk, other.pk}
    assert user.administered_organisation_ids == {other.pk}
    worker_membership = user.memberships.get(role=Role.WORKER)
    assert user.membership_ids_with(frozenset({Role.WORKER})) == {worker_membership.pk}
    assert sorted(user.role_memberships) == sorted(
        [(Role.WORKER, own.pk), (Role.ADMIN, other.pk), (Role.PROVIDER_EDITOR, third.pk)]
    )


def test_a_superuser_without_memberships_is_an_administrator_of_no_organisation() -> None:
    operator = UserFactory.create(is_superuser=True)
    assert operator.roles == {Role.ADMIN}
    assert operator.administered_organisation_ids == frozenset()


def test_the_signed_in_user_is_read_by_one_plain_statement() -> None:
    user = UserFactory.create(first_name="Rike")
    client = _client(_django_session(user))
    client.get(HOME)
    with CaptureQueriesContext(connection) as reads:
        assert client.get(HOME).status_code == 200
    table = connection.ops.quote_name(User._meta.db_table)
    user_reads = [q["sql"] for q in reads.captured_queries if f"FROM {table}" in q["sql"]]
    assert len(user_reads) == 1
    assert user_reads[0].startswith(
        select_statement(connection, User, concrete_field_names(User), [("id", "=")]).split("%s")[0]
    )


def test_a_session_naming_no_user_signs_nobody_in() -> None:
    user = UserFactory.create()
    key = _django_session(user)
    store = SessionStore(key)
    store[SESSION_KEY] = str(user.pk + 1000)
    store.save()
    response = _client(key).get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_deactivated_user_is_signed_out_on_the_next_request() -> None:
    user = UserFactory.create()
    client = _client(_django_session(user))
    assert client.get(HOME).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))

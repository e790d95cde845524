"""Test data for accounts: organisations, users with roles, signed-in clients."""

from __future__ import annotations

import factory
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.models import (
    DistrictTeam,
    Membership,
    Organisation,
    OrganisationKind,
    User,
)
from sozialraum.lib.access import Role

PASSWORD = "Quartier-Test-2026!"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Träger {n}")
    slug = factory.Sequence(lambda n: f"traeger-{n}")
    kind = OrganisationKind.WELFARE


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.WORKER


class DistrictTeamFactory(factory.django.DjangoModelFactory[DistrictTeam]):
    class Meta:
        model = DistrictTeam

    name = factory.Sequence(lambda n: f"Stadtteil-Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


def user_with_role(role: str, organisation: Organisation | None = None) -> User:
    """A user holding ``role`` in ``organisation`` (a new one if not given)."""
    membership = MembershipFactory.create(
        role=role, **({"organisation": organisation} if organisation else {})
    )
    return membership.user


def signed_in_client(user: User) -> Client:
    """A test client signed in as ``user``, past the second factor where the role needs it."""
    client = Client()
    client.force_login(user)
    if user.requires_second_factor:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def totp_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code an authenticator app shows for ``device`` now (or at Unix time ``at``)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"


def platform_operator() -> User:
    """A platform operator (a Django superuser): every organisation in the administration."""
    return UserFactory.create(is_superuser=True)

"""Writes on accounts: users, memberships, district teams and second-factor devices.

Second factor: a user has at most one confirmed authenticator app (``TOTPDevice``) and one
set of recovery codes (a ``StaticDevice`` with single-use ``StaticToken`` rows). Both devices
throttle guessing with django-otp's exponential back-off; a failed attempt is counted even
though the caller then reports an error, so verification never raises inside the
transaction that records the failure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.districts.models import District

from .models import (
    DistrictTeam,
    Membership,
    MembershipChange,
    MembershipChangeAction,
    Organisation,
    User,
)
from .otp import code_normalise, recovery_code_display

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator app"
STATIC_DEVICE_NAME = "recovery codes"


# --- Users, memberships, teams --------------------------------------------------------------


def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    memberships: Sequence[tuple[Organisation, str]] = (),
    validate_password: bool = True,
) -> User:
    """A new active user with the given memberships (organisation, role).

    ``password`` is checked against ``AUTH_PASSWORD_VALIDATORS`` unless
    ``validate_password`` is false (demo data, imports); ``None`` makes an account that can
    only be entered after a password reset. Raises ``ValidationError`` and writes nothing if
    any value is invalid.
    """
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password is None:
        user.set_unusable_password()
    else:
        if validate_password:
            password_validation.validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    with transaction.atomic():
        user.save()
        for organisation, role in memberships:
            membership_create(user=user, organisation=organisation, role=role)
    return user


def membership_create(
    *, user: User, organisation: Organisation, role: str, actor: User | None = None
) -> Membership:
    """``user`` holds ``role`` in ``organisation``; raises ``ValidationError`` if they do.
    The change is logged with ``actor`` (``None``: the system, e.g. demo data)."""
    membership = Membership(user=user, organisation=organisation, role=role)
    return membership_save(membership=membership, actor=actor)


def membership_save(*, membership: Membership, actor: User | None) -> Membership:
    """Saves a new or changed membership and logs it: added, role changed, or (when its
    user or organisation changed) the old one removed and the new one added."""
    membership.full_clean()
    with transaction.atomic():
        before = (
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .filter(pk=membership.pk)
            .first()
            if membership.pk
            else None
        )
        membership.save()
        for change in _membership_changes(before, membership, actor):
            change.save()
    return membership


def membership_delete(*, membership: Membership, actor: User | None) -> None:
    """Removes a membership and logs the removal."""
    with transaction.atomic():
        _membership_change(membership, MembershipChangeAction.REMOVED, actor).save()
        membership.delete()


def _membership_changes(
    before: Membership | None, after: Membership, actor: User | None
) -> list[MembershipChange]:
    if before is None:
        return [_membership_change(after, MembershipChangeAction.ADDED, actor)]
    moved = (before.user_id, before.organisation_id) != (after.user_id, after.organisation_id)
    if moved:
        return [
            _membership_change(before, MembershipChangeAction.REMOVED, actor),
            _membership_change(after, MembershipChangeAction.ADDED, actor),
        ]
    if before.role != after.role:
        change = _membership_change(after, MembershipChangeAction.ROLE_CHANGED, actor)
        change.previous_role = before.role
        return [change]
    return []


def _membership_change(membership: Membership, action: str, actor: User | None) -> MembershipChange:
    return MembershipChange(
        actor=actor,
        user=membership.user,
        username=membership.user.username,
        organisation=membership.organisation,
        organisation_name=membership.organisation.name,
        action=action,
        role=membership.role,
    )


def district_team_create(
    *,
    name: str,
    slug: str,
    districts: Iterable[District],
    members: Iterable[Membership] = (),
    description: str = "",
) -> DistrictTeam:
    """A district team working for ``districts``; members join through their membership."""
    team = DistrictTeam(name=name, slug=slug, description=description)
    team.full_clean()
    with transaction.atomic():
        team.save()
        team.districts.set(list(districts))
        team.members.set(list(members))
    return team


# --- Second factor --------------------------------------------------------------------------


def second_factor_enrol_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator app for ``user`` with a fresh secret.

    Earlier unconfirmed apps are removed; a confirmed app keeps working until the new one is
    confirmed with :func:`second_factor_enrol_confirm`.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def second_factor_enrol_confirm(*, device: TOTPDevice, token: str) -> list[str]:
    """Confirm an app set up with :func:`second_factor_enrol_start` by a code it shows.

    On success the app becomes the user's only one and a new set of recovery codes replaces
    the old; returns those codes as shown to the user. Raises ``ValidationError`` (codes
    ``invalid``, ``throttled`` or ``expired``); a wrong code is counted for throttling.
    """
    codes: list[str] = []
    with transaction.atomic():
        pending = TOTPDevice.objects.select_for_update().filter(pk=device.pk, confirmed=False)
        locked = pending.first()
        if locked is None:
            raise ValidationError(_("This set-up has expired. Please start again."), code="expired")
        verified = _token_verify(locked, token)
        if verified:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user_id=locked.user_id).exclude(pk=locked.pk).delete()
            codes = recovery_codes_create(user=locked.user)
    if not verified:
        raise _wrong_code()
    device.confirmed = True
    return codes


def second_factor_provision(*, user: User) -> tuple[TOTPDevice, list[str]]:
    """A confirmed authenticator app and fresh recovery codes in one go (demo, support).

    Replaces any app the user had. The caller hands the secret (``otp.totp_secret``) and
    the codes to the user over a trusted channel.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
        return device, recovery_codes_create(user=user)


def recovery_codes_create(*, user: User, count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """``count`` new single-use recovery codes for ``user``; the old ones stop working.

    The recovery-code device itself is kept, so a session verified with a recovery code
    stays verified. Returns the codes as shown to the user (``abcd-efgh``).
    """
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": STATIC_DEVICE_NAME, "confirmed": True}
        )
        device.token_set.all().delete()
        tokens: set[str] = set()
        while len(tokens) < count:
            token = StaticToken.random_token()
            if not token.isdigit():  # digits only would be taken for an app's code
                tokens.add(token)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return [recovery_code_display(token) for token in sorted(tokens)]


def second_factor_verify(*, user: User, code: str) -> Device:
    """The confirmed device of ``user`` that accepts ``code``.

    A code of digits only is checked against the authenticator app, anything else against
    the recovery codes (a recovery code is used up). Raises ``ValidationError`` with code
    ``invalid`` (the failure is counted) or ``throttled`` (not checked at all).
    """
    code = code_normalise(code)
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        verified = device is not None and _token_verify(device, code)
    if not verified or device is None:
        raise _wrong_code()
    return device


def second_factor_disable(*, user: User) -> None:
    """Remove a resident's second factor. Staff roles must keep theirs (PermissionDenied)."""
    if user.requires_second_factor:
        raise PermissionDenied(_("Your role requires a second factor."))
    second_factor_reset(user=user)


def second_factor_reset(*, user: User) -> None:
    """Remove all of ``user``'s devices (an administrator's help for a lost phone).

    Staff then set up a new app at their next sign-in; residents sign in with the password.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def _token_verify(device: TOTPDevice | StaticDevice, token: str) -> bool:
    """Whether ``device`` accepts ``token``; raises ``ValidationError`` while throttled.

    Precondition: ``device`` was read with ``select_for_update`` in the caller's transaction.
    """
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise _throttled((details or {}).get("locked_until"))
    return bool(device.verify_token(code_normalise(token)))


def _wrong_code() -> ValidationError:
    return ValidationError(
        _("That code is not correct. Please check it and try again."), code="invalid"
    )


def _throttled(locked_until: datetime | None) -> ValidationError:
    seconds = (locked_until - timezone.now()).total_seconds() if locked_until else 1
    if seconds < 60:
        count = max(1, math.ceil(seconds))
        wait = ngettext("%(count)d second", "%(count)d seconds", count) % {"count": count}
    else:
        wait = timeuntil(locked_until) if locked_until else ""
    return ValidationError(
        _("Too many wrong codes. Please wait %(wait)s and try again."),
        code="throttled",
        params={"wait": wait},
    )

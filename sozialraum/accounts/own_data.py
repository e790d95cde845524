"""A signed-in user's own data (GDPR Art. 15 and 17): everything stored about them, and
deleting their account.

This app owns the page (``/konto/meine-daten/``) and the account itself; the parts that
keep data about a user (neighbourly help, the Mitmach-Kommune, ...) register what they
show and how they delete it in their ``AppConfig.ready``, without this app importing
them::

    from sozialraum.accounts.own_data import OwnDataPart, own_data_register

    own_data_register(OwnDataPart(key="civic", export=civic_user_export,
                                  delete=civic_user_delete, order=30))

``export(user)`` returns the part's sections; ``delete(user=user)`` removes or anonymises the
part's rows about ``user`` and runs inside the deletion's transaction, before the account
row goes. Only a resident's own account can be deleted here: accounts that act for an
organisation (a worker, a coordinator, ...) are closed by an administrator, who knows
what their records must keep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.access import Role
from sozialraum.lib.export import ExportSection

from .models import Membership, User


@dataclass(frozen=True)
class OwnDataPart:
    """One part's data about a user: its sections and how it deletes them."""

    key: str
    export: Callable[[Any], list[ExportSection]]
    delete: Callable[..., None]
    order: int = 100


_PARTS: dict[str, OwnDataPart] = {}


def own_data_register(part: OwnDataPart) -> None:
    """Adds (or, with the same key, replaces) a part of the own-data page."""
    _PARTS[part.key] = part


def own_data_parts() -> list[OwnDataPart]:
    return sorted(_PARTS.values(), key=lambda part: (part.order, part.key))


ACCOUNT_FIELDS = ("username", "email", "first_name", "last_name", "date_joined", "last_login")


def _account(user: User) -> ExportSection:
    return ExportSection(
        key="account",
        title=_("Your account"),
        fields=[
            (name, getattr(User._meta.get_field(name), "verbose_name", name))
            for name in ACCOUNT_FIELDS
        ],
        records=[{name: getattr(user, name) for name in ACCOUNT_FIELDS}],
    )


def _memberships(user: User) -> ExportSection:
    rows = Membership.objects.filter(user=user).select_related("organisation")
    return ExportSection(
        key="memberships",
        title=_("Organisations and roles"),
        fields=[("organisation", _("Organisation")), ("role", _("Role"))],
        records=[{"organisation": m.organisation.name, "role": m.get_role_display()} for m in rows],
    )


def own_data_sections(user: User) -> list[ExportSection]:
    """Every section about ``user``: the account, its memberships, then each part's."""
    sections = [_account(user), _memberships(user)]
    for part in own_data_parts():
        sections += part.export(user)
    return sections


def may_delete_own_account(user: User) -> bool:
    """Residents (and users without any role) delete their own account; anyone acting
    for an organisation, and the platform's operators, do not."""
    return not (user.is_staff or user.is_superuser) and user.roles <= {Role.RESIDENT}


def account_delete(*, user: User) -> None:
    """Deletes ``user``'s account and everything kept about them: each part removes or
    anonymises its rows, then the sign-in records (which name the account) and the account
    with its memberships go. One transaction. The caller checks
    :func:`may_delete_own_account` and the password, and ends the session (other sessions
    hold only the account's id and no longer sign anyone in)."""
    with transaction.atomic():
        for part in own_data_parts():
            part.delete(user=user)
        names = {user.username, user.email} - {""}
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__in=names).delete()
        user.delete()

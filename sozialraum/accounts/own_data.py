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
row goes; the optional ``identifiers(user)`` gives the other strings that name the user in
that part (a help group member's name, phone and address), which the deletion also cleans
from the administrators' logs (Django admin's log and the log of membership changes): their
rows stay, with the account's bare id (``#42``) where the name or address stood. Only a
resident's own account can be deleted here: accounts that act for an organisation (a
worker, a coordinator, ...) are closed by an administrator, who knows what their records
must keep.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.access import Role
from sozialraum.lib.export import ExportSection

from .models import Membership, MembershipChange, User


@dataclass(frozen=True)
class OwnDataPart:
    """One part's data about a user: its sections and how it deletes them."""

    key: str
    export: Callable[[Any], list[ExportSection]]
    delete: Callable[..., None]
    order: int = 100
    identifiers: Callable[[Any], Iterable[str]] | None = None


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
        identifiers = account_identifiers(user)
        for part in own_data_parts():
            part.delete(user=user)
        names = {user.username, user.email} - {""}
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__in=names).delete()
        administrators_logs_clean(user=user, identifiers=identifiers)
        user.delete()


#: Shorter strings are not taken as names (they would match too much of the logs).
IDENTIFIER_MIN_LENGTH = 3


def account_identifiers(user: User) -> set[str]:
    """The strings that name ``user``: the account's user name, e-mail address and full
    name, and each part's identifiers (read before the parts anonymise them). A first or
    last name alone is not one: "Schmidt" would be replaced in every entry about someone
    else of that name (the entries about the account itself lose their whole label)."""
    found = {user.username, user.email, user.get_full_name()}
    for part in own_data_parts():
        if part.identifiers is not None:
            found.update(part.identifiers(user))
    return {text.strip() for text in found if len(text.strip()) >= IDENTIFIER_MIN_LENGTH}


def _names_pattern(identifiers: set[str]) -> re.Pattern[str]:
    """Any identifier as a whole word, ignoring case, longest first (an e-mail address
    before the name inside it); also as JSON escapes it (admin change messages are JSON)."""
    variants = identifiers | {json.dumps(text)[1:-1] for text in identifiers}
    alternatives = (re.escape(text) for text in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def administrators_logs_clean(*, user: User, identifiers: set[str]) -> None:
    """Replaces ``user``'s names (``identifiers``) with the account's bare id in Django
    admin's log (the entries about the account itself lose their whole label) and in the
    log of membership changes. Rows are kept: who changed what and when stays known."""
    pseudonym = f"#{user.pk}"
    MembershipChange.objects.filter(user=user).update(username=pseudonym)
    if not identifiers:
        return
    pattern = _names_pattern(identifiers)
    account_type = ContentType.objects.get_for_model(User)
    about_account = Q(content_type=account_type, object_id=str(user.pk))
    named = Q()
    for text in identifiers:
        named |= Q(object_repr__icontains=text) | Q(change_message__icontains=text)
    for entry in LogEntry.objects.filter(about_account | named).only(
        "object_repr", "change_message", "content_type_id", "object_id"
    ):
        own = entry.content_type_id == account_type.pk and entry.object_id == str(user.pk)
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=pseudonym if own else pattern.sub(pseudonym, entry.object_repr),
            change_message=pattern.sub(pseudonym, entry.change_message),
        )
    MembershipChange.objects.filter(username__in=identifiers).update(username=pseudonym)

"""A member's information under GDPR Art. 15: everything a help group keeps about them
(profile and contact details, posts, matches, messages, blocks, reports, time transfers
and movements) and who of the coordinators read their contact details (from the access
log). Shown on the member's own page and downloadable as JSON; the resident's own data
page across the apps reads the same sections (:func:`user_help_export`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.own_data import OwnDataPart, own_data_register
from sozialraum.audit.export import access_log_section
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import UserPurpose
from sozialraum.districts.models import District, geometry_fields
from sozialraum.lib.export import ExportSection

from .choices import Category
from .models import Block, Digest, Match, Member, Message, Movement, Post, Report, Transfer
from .services import user_help_data_delete

PROFILE_FIELDS = (
    "name", "status", "joined_at", "verified_at", "district", "offers", "available",
    "radius_km", "needs", "phone", "address", "without_smartphone",
)  # fmt: skip


def _label(model: type[Model], name: str) -> Any:
    return getattr(model._meta.get_field(name), "verbose_name", name)


def _value(row: Model, name: str) -> Any:
    field = row._meta.get_field(name)
    if getattr(field, "choices", None):
        return getattr(row, f"get_{name}_display")()
    value = getattr(row, name)
    return value if value is None or not field.is_relation else str(value)


def _section(key: str, rows: QuerySet[Any], fields: tuple[str, ...]) -> ExportSection:
    """The rows as a section whose columns are the model fields' names."""
    model = rows.model
    return ExportSection(
        key=key,
        title=model._meta.verbose_name_plural,
        fields=[(name, _label(model, name)) for name in fields],
        records=[{name: _value(row, name) for name in fields} for row in rows],
    )


def _profile(member: Member) -> ExportSection:
    record = {name: _value(member, name) for name in PROFILE_FIELDS if name != "district"}
    names = District.objects.filter(pk=member.district_id or 0).values_list("name", flat=True)
    record["district"] = names.first()
    labels = dict(Category.choices)
    record["offers"] = [str(labels.get(code, code)) for code in member.offers]
    return ExportSection(
        key="help_member",
        title=_("Your profile"),
        fields=[(name, _label(Member, name)) for name in PROFILE_FIELDS],
        records=[record],
    )


def contact_reads(user_id: int | None) -> QuerySet[AccessLogEntry]:
    """The log rows of coordinators reading the contact details of ``user_id``."""
    if user_id is None:
        return AccessLogEntry.objects.none()
    return AccessLogEntry.objects.filter(
        subject_user_id=user_id, purpose=UserPurpose.NEIGHBOURLY_HELP
    )


def _posts(member: Member) -> QuerySet[Post]:
    rows = Post.objects.filter(member=member).select_related("district")
    return rows.defer(*geometry_fields("district"))


def _reads(user_id: int | None) -> ExportSection:
    return access_log_section(
        contact_reads(user_id),
        key="help_contact_reads",
        title=_("Who of the coordinators read your address and phone"),
    )


def member_export(member: Member, *, reads: bool = True) -> list[ExportSection]:
    """Every section about ``member`` (not anonymised, so still linked to their user);
    with ``reads`` the coordinators' reads of their contact details (of every group)."""
    matches = Match.objects.filter(Q(post__member=member) | Q(member=member))
    return [
        _profile(member),
        _section("help_posts", _posts(member),
                 ("created_at", "kind", "category", "district", "text", "starts_on", "ends_on",
                  "times", "valid_until", "closed_at", "trusted_person")),
        _section("help_matches", matches.select_related("post", "member"),
                 ("created_at", "post", "author_agreed_at", "member_agreed_at")),
        _section("help_messages", Message.objects.filter(sender=member),
                 ("sent_at", "text", "trusted_person")),
        _section("help_blocks", Block.objects.filter(blocker=member).select_related("blocked"),
                 ("created_at", "blocked")),
        _section("help_reports", Report.objects.filter(reporter=member),
                 ("created_at", "reason", "resolved_at")),
        _section("help_transfers", Transfer.objects.filter(Q(helper=member) | Q(helped=member)),
                 ("proposed_at", "minutes", "category", "reason", "status", "decided_at")),
        _section("help_movements", Movement.objects.filter(member=member), ("at", "minutes")),
        _section("help_digests", Digest.objects.filter(member=member), ("sent_at", "until")),
    ] + ([_reads(member.user_id)] if reads else [])  # fmt: skip


def user_help_export(user: Any) -> list[ExportSection]:
    """The sections of every help group ``user`` is a member of, each key and title
    naming the group, and the coordinators' reads of their contact details once."""
    sections: list[ExportSection] = []
    members = list(
        Member.objects.filter(user=user, anonymised_at__isnull=True).select_related(
            "group__organisation"
        )
    )
    for member in members:
        slug, name = member.group.organisation.slug, member.group.name
        sections += [
            dataclasses.replace(s, key=f"{s.key}_{slug}", title=f"{name}: {s.title}")
            for s in member_export(member, reads=False)
        ]
    reads = _reads(user.pk)
    return sections + ([reads] if members or reads.records else [])


def user_help_identifiers(user: Any) -> list[str]:
    """What names ``user`` in the help groups: each membership's name, phone and address
    (cleaned from the administrators' logs when the account is deleted)."""
    rows = Member.objects.filter(user=user).values_list("name", "phone", "address")
    return [text for row in rows for text in row if text]


def register() -> None:
    """The member data on a user's own data page (:mod:`sozialraum.accounts.own_data`);
    deleting the account anonymises every membership (the ledgers keep their movements)."""
    own_data_register(
        OwnDataPart(
            key="help",
            export=user_help_export,
            delete=user_help_data_delete,
            order=20,
            identifiers=user_help_identifiers,
        )
    )

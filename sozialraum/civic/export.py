"""The Mitmach-Kommune's part of a person's Art. 15 export: the ideas, comments and
supports of the resident accounts that belong to the person, and the same sections on a
signed-in user's own data page (:func:`user_civic_export`). A person (case work) and a
resident's account are linked by their e-mail address, compared without regard to case;
a person without an e-mail address has no part here. Registered with
:func:`sozialraum.casework.export.export_register` and
:func:`sozialraum.accounts.own_data.own_data_register` by ``CivicConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.own_data import OwnDataPart, own_data_register
from sozialraum.casework.export import ExportSection, export_register
from sozialraum.casework.models import Person

from .models import Comment, Idea, Support, VerificationWithdrawal, VerifiedResident
from .services import civic_user_data_delete


def person_accounts(person: Person) -> list[Any]:
    """The user accounts with the person's e-mail address (none without one)."""
    if not person.email:
        return []
    return list(get_user_model().objects.filter(email__iexact=person.email))


def _ideas(accounts: list[Any]) -> ExportSection:
    ideas = (
        Idea.objects.filter(author__in=accounts).defer("photo").select_related("district", "state")
    )
    return ExportSection(
        key="civic_ideas",
        title=_("Ideas for the district"),
        fields=[
            ("title", _("Title")),
            ("text", _("Description")),
            ("category", _("Theme")),
            ("district", _("District")),
            ("address", _("Address or place")),
            ("latitude", _("Latitude")),
            ("longitude", _("Longitude")),
            ("show_name", _("Name shown")),
            ("state", _("State")),
            ("created_at", _("Proposed")),
        ],
        records=[
            {
                "title": i.title,
                "text": i.text,
                "category": i.get_category_display(),
                "district": i.district.name,
                "address": i.address,
                "latitude": i.latitude,
                "longitude": i.longitude,
                "show_name": i.show_name,
                "state": i.state.name,
                "created_at": i.created_at,
            }
            for i in ideas
        ],
    )


def _comments(accounts: list[Any]) -> ExportSection:
    comments = (
        Comment.objects.filter(author__in=accounts).select_related("idea").defer("idea__photo")
    )
    return ExportSection(
        key="civic_comments",
        title=_("Comments on ideas"),
        fields=[
            ("idea", _("Idea")),
            ("text", _("Comment")),
            ("created_at", _("Written")),
            ("hidden_at", _("Hidden")),
        ],
        records=[
            {
                "idea": c.idea.title,
                "text": c.text,
                "created_at": c.created_at,
                "hidden_at": c.hidden_at,
            }
            for c in comments
        ],
    )


def _supports(accounts: list[Any]) -> ExportSection:
    supports = Support.objects.filter(user__in=accounts).select_related("idea").defer("idea__photo")
    return ExportSection(
        key="civic_supports",
        title=_("Ideas supported"),
        fields=[("idea", _("Idea")), ("created_at", _("Supported"))],
        records=[{"idea": s.idea.title, "created_at": s.created_at} for s in supports],
    )


def civic_export(person: Person) -> list[ExportSection]:
    accounts = person_accounts(person)
    if not accounts:
        return []
    return [_ideas(accounts), _comments(accounts), _supports(accounts)]


def _verification(user: Any) -> ExportSection:
    rows = VerifiedResident.objects.filter(user=user).select_related("organisation")
    return ExportSection(
        key="civic_verification",
        title=_("Verified as a resident"),
        fields=[("organisation", _("Verified by the office")), ("verified_at", _("Verified"))],
        records=[
            {"organisation": str(v.organisation or ""), "verified_at": v.verified_at} for v in rows
        ],
    )


def _withdrawals(user: Any) -> ExportSection:
    rows = VerificationWithdrawal.objects.filter(user=user).select_related("organisation")
    return ExportSection(
        key="civic_verification_withdrawals",
        title=_("Verifications withdrawn"),
        fields=[
            ("organisation", _("Withdrawn by the office")),
            ("withdrawn_at", _("Withdrawn")),
            ("reason", _("Reason")),
        ],
        records=[
            {
                "organisation": str(w.organisation or ""),
                "withdrawn_at": w.withdrawn_at,
                "reason": w.reason,
            }
            for w in rows
        ],
    )


def user_civic_export(user: Any) -> list[ExportSection]:
    """The ideas, comments, supports, verification and withdrawn verifications of one
    signed-in user (their own data page)."""
    return [
        _ideas([user]),
        _comments([user]),
        _supports([user]),
        _verification(user),
        _withdrawals(user),
    ]


def register() -> None:
    export_register("civic", civic_export)
    own_data_register(
        OwnDataPart(key="civic", export=user_civic_export, delete=civic_user_data_delete, order=30)
    )

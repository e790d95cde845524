"""Who may edit which offer: the one access helper every editing page and API path uses.

Provider editors edit the offers of the organisations they are provider editors of;
administrators edit every offer. Reading offers is public and needs no helper.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sozialraum.accounts.models import Organisation
from sozialraum.lib.access import Role

from .models import Offer


def is_offer_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and Role.ADMIN in user.roles)


def providers_for_editor(user: Any) -> QuerySet[Organisation]:
    """The organisations whose offers ``user`` may create and edit (all for admins)."""
    if is_offer_admin(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.PROVIDER_EDITOR
    ).distinct()


def offers_for_editor(user: Any) -> QuerySet[Offer]:
    """The offers ``user`` may edit: their organisations' offers, or every offer for
    administrators."""
    if is_offer_admin(user):
        return Offer.objects.all()
    return Offer.objects.filter(provider__in=providers_for_editor(user))


def can_edit_offer(user: Any, offer: Offer) -> bool:
    return is_offer_admin(user) or providers_for_editor(user).filter(pk=offer.provider_id).exists()


def offer_for_editor(user: Any, pk: int) -> Offer:
    """The offer ``pk`` if ``user`` may edit it. Raises Http404 if there is no such offer
    and PermissionDenied if it belongs to an organisation the user does not edit for."""
    offer = get_object_or_404(Offer.objects.select_related("provider"), pk=pk)
    if not can_edit_offer(user, offer):
        raise PermissionDenied
    return offer

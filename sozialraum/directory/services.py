"""Writes for the offer directory: offers with their history, places with their district,
and providers. Imports of published offer lists run through these (see
:mod:`sozialraum.directory.exchange`).

Every write of an offer goes through :func:`offer_create`, :func:`offer_update` or
:func:`offer_confirm`; each validates (``full_clean``) and records an :class:`OfferChange`
naming who did it (a user, or the ``source`` of an import) and what changed. An update
that changes nothing writes nothing, so re-running an import is safe.

Callers check permissions before calling (e.g. that a user edits their own organisation's
offers); these functions do not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import Organisation, OrganisationKind, User
from sozialraum.districts.lookup import district_at, district_named
from sozialraum.lib.text import german_slug

from .models import Category, ChangeAction, CostOption, Offer, OfferChange, Place
from .search import offer_index_update, place_index_update


class CostOptionData(TypedDict, total=False):
    """One price as :func:`offer_create` and :func:`offer_update` take it."""

    amount: Decimal
    currency: str
    option: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class OfferData(TypedDict, total=False):
    """The parts of an offer a caller sets; a key left out is left as it is. ``categories``,
    ``places`` and ``cost_options`` replace the offer's current ones."""

    external_id: str | None
    provider: Organisation
    name: str
    description: str
    email: str
    phone: str
    url: str
    for_everyone: bool
    eligibility: str
    legal_basis: str
    languages: list[str]
    opening_hours: str
    fee: str
    is_demo: bool
    categories: Sequence[Category]
    places: Sequence[Place]
    cost_options: Sequence[CostOptionData]


class PlaceData(TypedDict, total=False):
    """The parts of a place :func:`place_upsert` sets; a key left out is left as it is."""

    name: str
    street_address: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    step_free_entrance: bool | None
    wheelchair: str
    accessible_toilet: bool | None
    hearing_loop: bool | None
    easy_language_material: bool | None
    guide_dogs_welcome: bool | None
    disabled_parking: bool | None


#: Every place field an editor or an import sets, in the order forms show them.
PLACE_FIELDS: tuple[str, ...] = tuple(PlaceData.__annotations__)


#: Offer fields written as they are given.
OFFER_FIELDS = (
    "external_id",
    "name",
    "description",
    "email",
    "phone",
    "url",
    "for_everyone",
    "eligibility",
    "legal_basis",
    "languages",
    "opening_hours",
    "fee",
    "is_demo",
)

_State = dict[str, Any]
#: Values a new offer's history entry leaves out: nothing was set.
_EMPTY: tuple[Any, ...] = (None, "", [])


# --- Offers ---------------------------------------------------------------------------------


def offer_create(
    *, provider: Organisation, data: OfferData, user: User | None = None, source: str = ""
) -> Offer:
    """Creates an offer of ``provider`` from ``data`` and records who created it (``user``,
    or the ``source`` of an import: one of them is required). Raises ValidationError (by
    field) and writes nothing if the data is invalid."""
    _author_checked(user, source)
    offer = Offer(provider=provider)
    with transaction.atomic():
        written = _offer_write(offer, {**data, "provider": provider}, current={})
        changes = {name: pair for name, pair in written.items() if pair[1] not in _EMPTY}
        _change_record(offer, ChangeAction.CREATED, changes, user, source)
        offer_index_update([offer.pk])
    return offer


def offer_update(
    *, offer: Offer, data: OfferData, user: User | None = None, source: str = ""
) -> OfferChange | None:
    """Sets the given parts of ``offer``; returns the history entry listing each changed
    field as ``[old, new]``, or None if nothing changed (then nothing is written). Raises
    ValidationError (by field) and writes nothing if the result would be invalid."""
    _author_checked(user, source)
    with transaction.atomic():
        current = offer_state(offer)
        if not _differences(current, _proposed(current, data)):
            return None
        changes = _offer_write(offer, data, current=current)
        offer_index_update([offer.pk])
        return _change_record(offer, ChangeAction.UPDATED, changes, user, source)


def offer_upsert(
    *, external_id: str, provider: Organisation, data: OfferData, source: str
) -> OfferOutcome:
    """Creates the offer with ``external_id`` or updates it to ``data`` (an import's
    write); the outcome says which, or that nothing changed."""
    offer = Offer.objects.filter(external_id=external_id).first()
    if offer is None:
        offer = offer_create(
            provider=provider, data={**data, "external_id": external_id}, source=source
        )
        return OfferOutcome(external_id, offer.name, "created")
    change = offer_update(offer=offer, data={**data, "provider": provider}, source=source)
    if change is None:
        return OfferOutcome(external_id, offer.name, "unchanged")
    return OfferOutcome(external_id, offer.name, "updated", tuple(change.changes))


def offer_confirm(*, offer: Offer, user: User) -> OfferChange:
    """Records that ``user`` (an editor of the provider) confirmed the offer is still
    right: sets ``last_confirmed_at`` to now and writes a history entry."""
    before = offer.last_confirmed_at
    offer.last_confirmed_at = timezone.now()
    with transaction.atomic():
        offer.save(update_fields=["last_confirmed_at", "updated_at"])
        changes = {"last_confirmed_at": [before, offer.last_confirmed_at]}
        offer_index_update([offer.pk])
        return _change_record(offer, ChangeAction.CONFIRMED, changes, user, "")


def offer_state(offer: Offer) -> _State:
    """The offer as the history compares it: plain values, relations as sorted labels
    (category codes, place labels, cost options as dicts), the provider by name."""
    state: _State = {name: getattr(offer, name) for name in OFFER_FIELDS}
    if offer.pk is None:
        return state
    state["provider"] = offer.provider.name
    state["categories"] = sorted(offer.categories.values_list("code", flat=True))
    state["places"] = sorted(_place_label(place) for place in offer.places.all())
    state["cost_options"] = _cost_labels(
        {name: getattr(option, name) for name in _COST_FIELDS}
        for option in offer.cost_options.all()
    )
    return state


_COST_FIELDS = ("amount", "currency", "option", "valid_from", "valid_to")


def _author_checked(user: User | None, source: str) -> None:
    if user is None and not source:
        raise ValueError("A change needs a user or a source.")


def _place_label(place: Place) -> str:
    return place.external_id or f"{place.name} (#{place.pk})"


def _cost_labels(options: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    labels = [
        {
            "amount": f"{Decimal(option['amount']):.2f}",
            "currency": option.get("currency", "EUR"),
            "option": option.get("option", ""),
            "valid_from": option.get("valid_from"),
            "valid_to": option.get("valid_to"),
        }
        for option in options
    ]
    return sorted(labels, key=lambda label: (Decimal(label["amount"]), label["option"]))


def _proposed(current: _State, data: OfferData) -> _State:
    """``current`` with ``data`` laid over it, in the form of :func:`offer_state`."""
    proposed = dict(current)
    for name in OFFER_FIELDS:
        if name in data:
            proposed[name] = data[name]  # type: ignore[literal-required]
    if "provider" in data:
        proposed["provider"] = data["provider"].name
    if "categories" in data:
        proposed["categories"] = sorted(category.code for category in data["categories"])
    if "places" in data:
        proposed["places"] = sorted(_place_label(place) for place in data["places"])
    if "cost_options" in data:
        proposed["cost_options"] = _cost_labels(data["cost_options"])
    return proposed


def _differences(before: _State, after: _State) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _offer_write(offer: Offer, data: OfferData, *, current: _State) -> dict[str, list[Any]]:
    """Validates and saves ``data`` into ``offer``; returns the differences to ``current``.
    Precondition: inside a transaction (relations are written after the row)."""
    for name in OFFER_FIELDS:
        if name in data:
            setattr(offer, name, data[name])  # type: ignore[literal-required]
    if "provider" in data:
        offer.provider = data["provider"]
    options = _cost_options_checked(data.get("cost_options"))
    offer.full_clean()
    offer.save()
    _relations_write(offer, data, options)
    return _differences(current, offer_state(offer))


def _cost_options_checked(given: Sequence[CostOptionData] | None) -> list[CostOption] | None:
    """Unsaved cost options for ``given`` after validation; None if not given."""
    if given is None:
        return None
    options = [CostOption(**option) for option in given]
    messages: list[str] = []
    for number, option in enumerate(options, start=1):
        try:
            option.full_clean(exclude=["offer"])
        except ValidationError as error:
            messages.extend(f"{number}: {message}" for message in error.messages)
    if messages:
        raise ValidationError({"cost_options": messages})
    return options


def _relations_write(offer: Offer, data: OfferData, options: list[CostOption] | None) -> None:
    if "categories" in data:
        offer.categories.set(data["categories"])
    if "places" in data:
        offer.places.set(data["places"])
    if options is not None:
        offer.cost_options.all().delete()
        for option in options:
            option.offer = offer
        CostOption.objects.bulk_create(options)


def _change_record(
    offer: Offer,
    action: str,
    changes: dict[str, list[Any]],
    user: User | None,
    source: str,
) -> OfferChange:
    return OfferChange.objects.create(
        offer=offer,
        offer_external_id=offer.external_id or "",
        offer_name=offer.name,
        user=user,
        source=source,
        action=action,
        changes=changes,
    )


# --- Places ---------------------------------------------------------------------------------


def place_upsert(
    *, data: PlaceData, external_id: str | None = None, district_named: str = ""
) -> tuple[Place, str]:
    """Creates the place, or updates the one with ``external_id``, and assigns the district
    its coordinates lie in (:func:`~sozialraum.districts.lookup.district_at`), else the
    district of the place's city that the source names (``district_named``, e.g. Kiel's
    day-care centres in a city without boundaries), else none. Returns the place and
    "created", "updated" or "unchanged" (then nothing was written). Raises ValidationError
    (by field) and writes nothing if invalid."""
    place = Place.objects.filter(external_id=external_id).first() if external_id else None
    place = place or Place(external_id=external_id)
    before = {name: getattr(place, name) for name in (*data, "district_id")}
    for name, value in data.items():
        setattr(place, name, value)
    place.full_clean(exclude=["district"])
    place.district = _district_of(place, district_named)
    after = {name: getattr(place, name) for name in before}
    if place.pk is not None and before == after:
        return place, "unchanged"
    outcome = "created" if place.pk is None else "updated"
    place.save()
    place_index_update([place.pk])
    return place, outcome


def _district_of(place: Place, named: str = "") -> Any:
    if place.latitude is not None and place.longitude is not None:
        found = district_at(place.latitude, place.longitude)
        if found is not None:
            return found
    return district_named(place.city, named) if named and place.city else None


# --- Providers ------------------------------------------------------------------------------

_CITY = re.compile(r"^(Landeshauptstadt|Stadt|Hansestadt)\b")
_ASSOCIATION = re.compile(r"\be\.\s*V\b|\bVerein\b|\bGbR\b")


def provider_kind_guess(name: str) -> str:
    """The kind of a provider known only by name: a city, an association (e.V., Verein,
    GbR) or else a welfare organisation. Used only when creating one."""
    if _CITY.search(name):
        return str(OrganisationKind.CITY_SOCIAL_SERVICES)
    if _ASSOCIATION.search(name):
        return str(OrganisationKind.ASSOCIATION)
    return str(OrganisationKind.WELFARE)


def _name_key(name: str) -> str:
    """Spellings that differ only in blanks, dots and case ("e.V." / "e. V") match."""
    return re.sub(r"[\s.]", "", name).casefold()


def provider_get_or_create(*, name: str, kind: str | None = None) -> tuple[Organisation, bool]:
    """The organisation called ``name`` (ignoring blanks, dots and case), or a new one of
    ``kind`` (guessed from the name if not given) with a slug made from the name; and
    whether it was created. An existing organisation keeps its kind."""
    name = " ".join(name.split())
    key = _name_key(name)
    for organisation in Organisation.objects.filter(name__istartswith=name[:1]):
        if _name_key(organisation.name) == key:
            return organisation, False
    slug = _free_slug(german_slug(name)[:190] or "organisation")
    organisation = Organisation(name=name, slug=slug, kind=kind or provider_kind_guess(name))
    organisation.full_clean()
    organisation.save()
    return organisation, True


def _free_slug(slug: str) -> str:
    taken = set(Organisation.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


# --- Imports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferOutcome:
    """What an import did (or, in a dry run, would do) to one offer."""

    external_id: str
    name: str
    action: str
    fields: tuple[str, ...] = ()

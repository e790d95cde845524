"""What the plan to take home says about an offer, so the person can act on it: where
(place, address, district), when (opening hours in words), what it costs, who may come and
how to get in touch. Kept as plain strings, so a final version freezes them with the rest
of its document and the page and the PDF show the same."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from sozialraum.directory.models import Fee, Offer
from sozialraum.directory.templatetags.offers import euros, opening_hours_rows


def offer_document(offer: Offer) -> dict[str, Any]:
    """The facts of ``offer`` as text; expects its provider, places with districts and
    cost options prefetched (one query each for the whole plan)."""
    provider = offer.provider
    return {
        "name": offer.name,
        "places": [_place(place) for place in offer.places.all()],
        "hours": _hours(offer.opening_hours),
        "cost": _cost(offer),
        "who": _("everyone") if offer.for_everyone else offer.eligibility,
        "note": offer.eligibility if offer.for_everyone else "",
        "phone": offer.phone or provider.phone,
        "email": offer.email or provider.email,
        "url": offer.url or provider.website,
    }


def _place(place: Any) -> dict[str, str]:
    district = place.district.name if place.district else ""
    return {"name": place.name, "address": place.address, "district": district}


def _hours(rule: str) -> str:
    """ "Monday to Friday 08:00–16:00; Saturday 10:00–12:00", or the rule as written if
    it is too intricate to put in words."""
    if not rule:
        return ""
    rows = opening_hours_rows(rule)
    if not rows:
        return rule
    return "; ".join(f"{days} {times}" for days, times in rows)


def _cost(offer: Offer) -> str:
    """ "3,00 € (geringes Einkommen), 4,00 € (everyone)", "free", or the fee as known."""
    if offer.fee == Fee.FREE:
        return str(offer.get_fee_display())
    options = list(offer.cost_options.all())
    if not options:
        return "" if offer.fee == Fee.UNKNOWN else str(offer.get_fee_display())
    return ", ".join(
        f"{euros(option.amount)} ({option.option or _('everyone')})" for option in options
    )


def offer_facts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) lines of an offer's document, the empty ones left out: the page and
    the PDF show the same lines."""
    places = [
        ", ".join(part for part in (p["name"], p["address"], p["district"]) if part)
        for p in document.get("places", [])
    ]
    lines = [
        (_("Where"), "; ".join(places)),
        (_("When"), document.get("hours", "")),
        (_("Cost"), document.get("cost", "")),
        (_("Who can come"), document.get("who", "")),
        (_("Good to know"), document.get("note", "")),
        (_("Phone"), document.get("phone", "")),
        (_("E-mail"), document.get("email", "")),
        (_("Website"), document.get("url", "")),
    ]
    return [(str(label), text) for label, text in lines if text]


def facts_once(document: dict[str, Any]) -> dict[str, Any]:
    """The plan document with each offer's facts shown once: the first entry of an offer
    (on the ladder, or referred to) keeps them, numbered ``offer_block``; a later entry of
    the same offer (its referral, or the offer used for another goal) carries
    ``facts_above`` (that number and the offer's name) instead. Works on frozen documents
    as well; ``document`` itself is left unchanged."""
    shown: dict[str, int] = {}
    goals = [
        {
            **goal,
            "ladder": [
                {**rung, "entries": [_once(entry, shown) for entry in rung["entries"]]}
                for rung in goal["ladder"]
            ],
        }
        for goal in document.get("goals", [])
    ]
    return {**document, "goals": goals}


def _once(entry: dict[str, Any], shown: dict[str, int]) -> dict[str, Any]:
    offer = entry.get("offer")
    if not offer:
        return entry
    key = json.dumps(offer, sort_keys=True)
    if key in shown:
        rest = {name: value for name, value in entry.items() if name != "offer"}
        return {**rest, "facts_above": {"block": shown[key], "name": offer["name"]}}
    shown[key] = len(shown) + 1
    return {**entry, "offer_block": shown[key]}


def facts_above_text(entry: dict[str, Any]) -> str:
    """The line a repeated offer's entry shows instead of its facts (see :func:`facts_once`)."""
    return _("Where, when, cost and contact: see above at “%(name)s”.") % {
        "name": entry["facts_above"]["name"]
    }

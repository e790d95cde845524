"""Fixtures the search's tests share: offers with random text from a small vocabulary,
at random places around a centre."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.directory.models import Offer
from sozialraum.directory.search import OfferQuery
from sozialraum.directory.search.plan import DEGREE_M
from sozialraum.directory.search.sql import ranked_page
from sozialraum.directory.services import offer_create, place_upsert
from sozialraum.districts.lookup import lookup_cache_clear

CENTRE = (54.79, 9.43)
#: A small vocabulary: the first words occur in most offers, the last ones in few.
VOCABULARY = [
    "Nachbarschaft",
    "Familien",
    "Senioren",
    "Beratung",
    "Bewegung",
    "Garten",
    "Musik",
    "Boule",
]


@pytest.fixture
def fresh_lookup() -> Iterator[None]:
    lookup_cache_clear()
    yield
    lookup_cache_clear()


def _text(rng: random.Random, words: int) -> str:
    weights = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
    return " ".join(rng.choices(VOCABULARY, weights=weights, k=words))


@pytest.fixture
def offers(fresh_lookup: None) -> list[Offer]:
    """60 offers with random text, one or two places within about 8 km, random access."""
    rng = random.Random(20261130)
    provider = OrganisationFactory.create()
    created = []
    for number in range(60):
        places = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            north, east = rng.uniform(-8000, 8000), rng.uniform(-8000, 8000)
            lat = CENTRE[0] + north / DEGREE_M
            lon = CENTRE[1] + east / (DEGREE_M * math.cos(math.radians(CENTRE[0])))
            spot, _ = place_upsert(
                data={
                    "name": f"Ort {number}",
                    "latitude": lat,
                    "longitude": lon,
                    "step_free_entrance": rng.random() < 0.5,
                }
            )
            places.append(spot)
        data: Any = {
            "name": f"{_text(rng, 2)} {number}",
            "description": _text(rng, rng.randint(3, 12)),
            "places": places,
        }
        created.append(offer_create(provider=provider, data=data, source="test"))
    return created


def page_ids(query: OfferQuery, *, everything: bool = False) -> list[tuple[int, float]]:
    """The ranked page of ``query`` as (offer id, rank rounded to 9 places); with
    ``everything``, every match ranked (the reference every fast path must equal)."""
    page = ranked_page(query, timezone.now(), everything=everything)
    return [(offer_id, round(rank, 9)) for offer_id, _place, _d, rank in page.rows]

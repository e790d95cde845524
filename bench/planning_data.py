"""Generates a city for the planning dashboard's benchmark and writes it with ``bulk_create``.

At scale 1: 250,000 residents (official population counts) in 100 districts of
"Benchstadt" (square boundaries on a 10 x 10 grid), 20,000 persons in case work with a
plan, goals, referrals (in every state), a review with two self-ratings each (life
satisfaction and participation in their goals' life areas), network maps for a quarter
of them, 5,000 offers of 20 providers (most with one place, some with two), 50,000
searches that found nothing, anonymous "nothing found" records, early-warning entries
with signals and contacts, barriers, residents' ideas, and budgets with their bookings.
Every count scales with ``scale`` (at least one of each); one seeded generator: the same
data on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from sozialraum.accounts.models import DistrictTeam, Organisation, OrganisationKind
from sozialraum.barriers.models import Barrier, BarrierKind, BarrierState, Office
from sozialraum.budgets.models import Booking, Budget, SpendingKind
from sozialraum.casework.models import Person
from sozialraum.civic.models import Idea, IdeaState
from sozialraum.directory.models import Category, Offer, Place, SearchMiss, Wheelchair
from sozialraum.districts.models import District, DistrictKind, PopulationCount
from sozialraum.earlywarning.models import Contact, ContactKind, Entry, EntryStatus, Outcome, Signal
from sozialraum.earlywarning.models import Rule as WarningRule
from sozialraum.networkmap.geometry import free_position
from sozialraum.networkmap.models import Contact as MapContact
from sozialraum.networkmap.models import MapVersion, NetworkMap, Ring, Sector
from sozialraum.plan.models import (
    AreaRating,
    GapReason,
    Goal,
    LifeArea,
    Plan,
    Referral,
    ReferralGap,
    ReferralState,
    Review,
    SelfRating,
)

SEED = 20_261_206
BATCH = 5_000
#: The full-scale counts (scale 1).
DISTRICTS = 100
RESIDENTS = 250_000
PERSONS = 20_000
OFFERS = 5_000
SEARCH_MISSES = 50_000
PROVIDERS = 20
CATEGORIES = 20
#: The south-west corner of the grid and a district's side, in degrees.
WEST, SOUTH, SIDE = 9.30, 54.70, 0.01
LIFE_AREAS = {
    "d4": "Unterwegs sein",
    "d5": "Für sich sorgen",
    "d7": "Beziehungen",
    "d8": "Arbeit und Bildung",
    "d9": "Freizeit und Gemeinschaft",
}
#: Age bands of the population counts and their shares of the residents.
BANDS = {(0, 65): Decimal("0.76"), (65, 80): Decimal("0.16"), (80, None): Decimal("0.08")}

_Model = TypeVar("_Model", bound=models.Model)


@dataclass(frozen=True)
class GeneratedCity:
    """What was written: the city, its districts, and how many rows of each model."""

    city: District
    districts: tuple[District, ...]
    counts: dict[str, int]

    @property
    def residents(self) -> int:
        return self.counts["residents"]


def _scaled(count: int, scale: float) -> int:
    return max(1, round(count * scale))


def _write(model: type[_Model], rows: Iterable[_Model]) -> list[_Model]:
    """``rows`` written in batches; the written objects (with primary keys)."""
    written: list[_Model] = []
    batch: list[_Model] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            written += model._default_manager.bulk_create(batch)
            batch = []
    if batch:
        written += model._default_manager.bulk_create(batch)
    return written


def _square(column: int, row: int) -> dict[str, Any]:
    lon, lat = WEST + column * SIDE, SOUTH + row * SIDE
    ring = [[lon, lat], [lon + SIDE, lat], [lon + SIDE, lat + SIDE], [lon, lat + SIDE], [lon, lat]]
    boundary = {"type": "Polygon", "coordinates": [ring]}
    return {
        "boundary": boundary,
        "boundary_display": boundary,
        "min_lon": lon,
        "min_lat": lat,
        "max_lon": lon + SIDE,
        "max_lat": lat + SIDE,
    }


def _districts(count: int) -> tuple[District, list[District]]:
    side = max(1, int(count**0.5 + 0.999))
    city = District.objects.create(
        name="Benchstadt", slug="benchstadt", code="bench:city", kind=DistrictKind.CITY
    )
    districts = _write(
        District,
        (
            District(
                name=f"Quartier {n + 1:03d}",
                slug=f"bench-quartier-{n + 1:03d}",
                code=f"bench:{n + 1}",
                kind=DistrictKind.DISTRICT,
                parent=city,
                **_square(n % side, n // side),
            )
            for n in range(count)
        ),
    )
    return city, districts


def _population(city: District, districts: Sequence[District], residents: int) -> int:
    """Counts per district and age band (and the city's sums) for the latest year."""
    year = timezone.localdate().year - 1
    per_district = residents // len(districts)
    rows, city_bands = [], dict.fromkeys(BANDS, 0)
    for district in districts:
        rows.append(PopulationCount(district=district, year=year, age_from=0, count=per_district))
        for (low, high), share in BANDS.items():
            count = int(per_district * share)
            city_bands[(low, high)] += count
            rows.append(
                PopulationCount(
                    district=district, year=year, age_from=low, age_to=high, count=count
                )
            )
    total = per_district * len(districts)
    rows.append(PopulationCount(district=city, year=year, age_from=0, count=total))
    rows += [
        PopulationCount(district=city, year=year, age_from=low, age_to=high, count=count)
        for (low, high), count in city_bands.items()
    ]
    _write(PopulationCount, rows)
    return total


def _point(rng: random.Random, district: District) -> tuple[float, float]:
    """A random (latitude, longitude) inside ``district``'s square."""
    assert district.min_lat is not None and district.min_lon is not None
    return district.min_lat + rng.random() * SIDE, district.min_lon + rng.random() * SIDE


def generate(scale: float = 1.0, seed: int = SEED) -> GeneratedCity:
    """Writes the city at ``scale`` (1: the full size above) and returns what it wrote."""
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    counts: dict[str, int] = {}
    city, districts = _districts(_scaled(DISTRICTS, scale))
    counts["districts"] = len(districts)
    counts["residents"] = _population(city, districts, _scaled(RESIDENTS, scale))

    providers = _write(
        Organisation,
        (
            Organisation(
                name=f"Träger {n + 1}", slug=f"bench-traeger-{n + 1}", kind=OrganisationKind.WELFARE
            )
            for n in range(_scaled(PROVIDERS, min(1.0, scale * 10)))
        ),
    )
    categories = _write(
        Category,
        (Category(code=f"bench_{n}", name=f"Kategorie {n + 1:02d}") for n in range(CATEGORIES)),
    )
    areas = [
        LifeArea.objects.get_or_create(code=code, defaults={"name": code, "plain_name": name})[0]
        for code, name in LIFE_AREAS.items()
    ]

    # Offers, each with a place in a district (one in five with a second one elsewhere).
    offer_count = _scaled(OFFERS, scale)
    offers = _write(
        Offer,
        (
            Offer(
                provider=rng.choice(providers),
                name=f"Angebot {n + 1}",
                last_confirmed_at=None
                if rng.random() < 0.2
                else now - dt.timedelta(days=rng.randrange(900)),
            )
            for n in range(offer_count)
        ),
    )
    place_districts = [rng.choice(districts) for _ in range(offer_count + offer_count // 5)]
    places = _write(
        Place,
        (
            Place(
                name=f"Ort {n + 1}",
                district=district,
                latitude=(point := _point(rng, district))[0],
                longitude=point[1],
                step_free_entrance=rng.random() < 0.4,
                wheelchair=Wheelchair.YES if rng.random() < 0.2 else Wheelchair.UNKNOWN,
            )
            for n, district in enumerate(place_districts)
        ),
    )
    offer_places = [
        Offer.places.through(offer_id=offer.pk, place_id=places[n].pk)
        for n, offer in enumerate(offers)
    ]
    offer_places += [
        Offer.places.through(offer_id=offers[n].pk, place_id=place.pk)
        for n, place in enumerate(places[offer_count:])
    ]
    _write(Offer.places.through, offer_places)
    offer_categories = [
        Offer.categories.through(offer_id=offer.pk, category_id=category.pk)
        for offer in offers
        for category in rng.sample(categories, 1 if rng.random() < 0.7 else 2)
    ]
    _write(Offer.categories.through, offer_categories)
    counts |= {"offers": len(offers), "places": len(places)}

    # Persons in case work, with a plan, goals, referrals, a review and two ratings.
    person_count = _scaled(PERSONS, scale)
    persons = _write(
        Person,
        (
            Person(
                organisation=rng.choice(providers),
                name=f"Person {n + 1} (fiktiv)",
                district=(home := rng.choice(districts)),
                latitude=(point := _point(rng, home))[0],
                longitude=point[1],
            )
            for n in range(person_count)
        ),
    )
    _write(Plan, (Plan(person=person) for person in persons))
    goals = _write(
        Goal,
        (
            Goal(
                person=person,
                life_area=area,
                text="Wieder unter Leute kommen",
                how_to_know="Ich gehe jede Woche hin.",
            )
            for person in persons
            for area in rng.sample(areas, 1 if rng.random() < 0.5 else 2)
        ),
    )
    states = [ReferralState.SUGGESTED, ReferralState.NOTHING_FOUND, *ReferralState.values]
    referrals = _write(
        Referral,
        (
            Referral(
                person=goal.person,
                goal=goal,
                offer=rng.choice(offers),
                state=(state := rng.choice(states)),
                reason="passt nicht" if state == ReferralState.NOT_SUITABLE else "",
            )
            for goal in goals
            if rng.random() < 0.7
        ),
    )
    areas_of: dict[int, list[LifeArea]] = {}
    for goal in goals:
        areas_of.setdefault(goal.person_id, []).append(goal.life_area)
    reviews = _write(
        Review, (Review(person=person, held_on=today - dt.timedelta(days=30)) for person in persons)
    )
    ratings = _write(
        SelfRating,
        (
            SelfRating(
                person_id=review.person_id,
                review=review if later else None,
                rated_on=today - dt.timedelta(days=30 if later else 200),
                life_satisfaction=rng.randrange(11),
            )
            for review in reviews
            for later in (False, True)
        ),
    )
    area_ratings = _write(
        AreaRating,
        (
            AreaRating(rating=rating, life_area=area, participation=rng.randrange(11))
            for rating in ratings
            for area in areas_of[rating.person_id]
        ),
    )
    counts |= {
        "persons": len(persons),
        "goals": len(goals),
        "referrals": len(referrals),
        "reviews": len(reviews),
        "self_ratings": len(ratings),
        "area_ratings": len(area_ratings),
    }

    # Network maps of a quarter of the persons: one version with four contacts.
    maps = _write(NetworkMap, (NetworkMap(person=person) for person in persons[::4]))
    versions = _write(MapVersion, (MapVersion(network_map=m, number=1) for m in maps))
    sectors, rings = list(Sector.values), list(Ring.values)

    def map_contacts() -> Iterable[MapContact]:
        for version in versions:
            for key in range(4):
                sector, ring = sectors[key % len(sectors)], rng.choice(rings)
                angle, distance = free_position(sector, ring, [])
                yield MapContact(
                    version=version,
                    key=key + 1,
                    name=f"Kontakt {key + 1}",
                    sector=sector,
                    ring=ring,
                    angle=angle,
                    distance=distance,
                )

    counts["network_maps"] = len(maps)
    counts["network_contacts"] = len(_write(MapContact, map_contacts()))

    # What was not found: searches, and anonymous records of referrals without a match.
    codes = [category.code for category in categories]
    counts["search_misses"] = len(
        _write(
            SearchMiss,
            (
                SearchMiss(
                    district=rng.choice(districts),
                    query_text="essen",
                    filters={"categories": rng.sample(codes, 1)} if rng.random() < 0.6 else {},
                )
                for _ in range(_scaled(SEARCH_MISSES, scale))
            ),
        )
    )
    month = today.replace(day=1)
    counts["referral_gaps"] = len(
        _write(
            ReferralGap,
            (
                ReferralGap(
                    district=rng.choice(districts),
                    outcome=ReferralState.NOTHING_FOUND,
                    reason=rng.choice(GapReason.values),
                    month=month,
                )
                for _ in range(_scaled(5_000, scale))
            ),
        )
    )

    # Early warning: a team per ten districts, entries for one person in twenty, a signal
    # each, a contact for every second entry.
    teams = _write(
        DistrictTeam,
        (
            DistrictTeam(name=f"Team {n + 1}", slug=f"bench-team-{n + 1}")
            for n in range((len(districts) + 9) // 10)
        ),
    )
    _write(
        DistrictTeam.districts.through,
        (
            DistrictTeam.districts.through(districtteam_id=teams[n // 10].pk, district_id=d.pk)
            for n, d in enumerate(districts)
        ),
    )
    team_of: dict[int | None, DistrictTeam] = {
        d.pk: teams[n // 10] for n, d in enumerate(districts)
    }
    entries = _write(
        Entry,
        (
            Entry(
                team=team_of[person.district_id],
                district=person.district,
                person=person,
                status=EntryStatus.OPEN if rng.random() < 0.5 else EntryStatus.DONE,
            )
            for person in persons[::20]
        ),
    )
    rule = WarningRule.objects.order_by("pk").first()
    if rule is not None:
        counts["signals"] = len(
            _write(Signal, (Signal(entry=entry, rule=rule, key="bench") for entry in entries))
        )
    contacts = _write(
        Contact,
        (
            Contact(entry=entry, kind=ContactKind.VISIT, outcome=rng.choice(Outcome.values))
            for entry in entries[::2]
        ),
    )
    counts |= {"warning_entries": len(entries), "warning_contacts": len(contacts)}

    # Barriers and ideas, spread over the districts.
    office = Office.objects.create(name="Tiefbauamt Benchstadt")
    barrier_states = [BarrierState.OPEN, BarrierState.FIXED, *BarrierState.values]
    counts["barriers"] = len(
        _write(
            Barrier,
            (
                Barrier(
                    district=(district := rng.choice(districts)),
                    kind=rng.choice(BarrierKind.values),
                    latitude=(point := _point(rng, district))[0],
                    longitude=point[1],
                    office=office,
                    state=rng.choice(barrier_states),
                    state_reason="Fiktiver Grund",
                )
                for _ in range(_scaled(2_000, scale))
            ),
        )
    )
    idea_state = IdeaState.objects.filter(initial=True).first() or IdeaState.objects.first()
    if idea_state is not None:
        counts["ideas"] = len(
            _write(
                Idea,
                (
                    Idea(
                        district=(district := rng.choice(districts)),
                        title="Eine Bank (fiktiv)",
                        text="Zum Ausruhen.",
                        category="seating",
                        latitude=(point := _point(rng, district))[0],
                        longitude=point[1],
                        state=idea_state,
                    )
                    for _ in range(_scaled(1_000, scale))
                ),
            )
        )

    # Budgets of every provider in every district this year, five bookings each.
    budgets = _write(
        Budget,
        (
            Budget(provider=provider, district=district, year=today.year, amount=Decimal(50_000))
            for provider in providers
            for district in districts
        ),
    )
    spending = list(SpendingKind.values)

    def bookings() -> Iterable[Booking]:
        for budget in budgets:
            for n in range(5):
                kind = spending[n % len(spending)]
                yield Booking(
                    budget=budget,
                    reference=f"B{budget.pk}-{n}",
                    booked_on=today,
                    kind=kind,
                    amount=Decimal(rng.randrange(100, 5_000)),
                    offer=rng.choice(offers) if kind == SpendingKind.OFFER else None,
                )

    counts["budgets"] = len(budgets)
    counts["bookings"] = len(_write(Booking, bookings()))
    return GeneratedCity(city=city, districts=tuple(districts), counts=counts)

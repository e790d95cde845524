"""Text -> point, offline: finds an address typed the way people write it in the address
index and says how well it matched (:class:`Quality`).

1. The text is taken apart (``normalise.address_parse``): street, house number, postcode,
   the rest. Known city names are recognised in the rest or at either end of the street
   text ("Essen Kettwiger Str. 10", "Kettwiger Straße Essen").
2. The street is looked up by its key among the streets of that city (or of all cities):
   the same key, then keys starting with it (typing in progress), then keys within a
   small edit distance (rapidfuzz ``ratio`` >= :data:`MIN_SIMILARITY`).
3. On the street: the house number itself (``exact``; a range such as "1-4" holds 1 to 4),
   else a point between the nearest known numbers below and above, on the same side of
   the street when known (``interpolated``), else the street's middle address (``street``).
4. Without a street: the centre of the addresses with that postcode or in that city
   (``place``); nothing at all: no result (``none``).

The street and city vocabulary is kept per process and reloaded when the index changes
(count and highest id of the addresses: one small query per call).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models
from django.db.models import Avg, Max, Q
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from sozialraum.districts.lookup import districts_at_many
from sozialraum.districts.models import District, DistrictKind
from sozialraum.lib.dataversion import data_version

from .models import Address
from .normalise import HouseNumber, ParsedAddress, address_parse, fold, street_key

#: Texts longer than this are cut (nobody types a longer address).
MAX_QUERY_LENGTH = 200

#: Most results one query gives.
MAX_RESULTS = 10

#: How close a street name must be to count as a typo of a known one (0..100).
MIN_SIMILARITY = 85

#: A street key's ending and its short form (for typos inside "Str.").
_STREET, _STREET_SHORT = "strasse", "str"

#: Words a city name may have ("Mülheim an der Ruhr").
_MAX_CITY_WORDS = 4


class Quality(models.TextChoices):
    """How a result was found, best first."""

    EXACT = "exact", _("house number exact")
    INTERPOLATED = "interpolated", _("interpolated between known house numbers")
    STREET = "street", _("street only")
    PLACE = "place", _("postcode or city only")
    NONE = "none", _("not found")


@dataclass(frozen=True)
class Match:
    """One answer: the point and district found, how (``quality``), the address as
    known (``label``; its parts ``street`` with the house number, ``postcode``, ``city``)
    and how close the street name was to the one typed (0..100)."""

    quality: Quality
    label: str
    lat: float
    lon: float
    district: District | None
    similarity: float = 100.0
    street: str = ""
    postcode: str = ""
    city: str = ""


@dataclass
class _Vocabulary:
    stamp: tuple[Any, ...] = ()
    cities: dict[str, str] = field(default_factory=dict)
    streets: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_city: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class _VocabularyCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._vocabulary = _Vocabulary()

    def clear(self) -> None:
        with self._lock:
            self._vocabulary = _Vocabulary()

    def current(self) -> _Vocabulary:
        # Any write to the index (a renamed street too) gives the public data a new version.
        stamp = (data_version(),)
        with self._lock:
            if self._vocabulary.stamp != stamp:
                self._vocabulary = _vocabulary_build(stamp)
            return self._vocabulary


def _vocabulary_build(stamp: tuple[Any, ...]) -> _Vocabulary:
    vocabulary = _Vocabulary(stamp)
    rows = Address.objects.order_by().values_list("city_key", "city", "street_key").distinct()
    for city_key, city, key in rows:
        vocabulary.cities.setdefault(city_key, city)
        if city_key not in vocabulary.streets[key]:
            vocabulary.streets[key].append(city_key)
            vocabulary.by_city[city_key].append(key)
    return vocabulary


_cache = _VocabularyCache()


# --- Street and city in the text ------------------------------------------------------------


def _city_of(text: str, cities: dict[str, str]) -> str | None:
    """The key of the known city ``text`` names, alone or as its first words
    ("Essen", "Essen-Werden"; not "Essener Straße")."""
    words = fold(text).split()
    for size in range(min(_MAX_CITY_WORDS, len(words)), 0, -1):
        if "".join(words[:size]) in cities:
            return "".join(words[:size])
    return None


def _city_at_ends(words: list[str], cities: dict[str, str]) -> tuple[str | None, list[str]]:
    """A known city at the start or end of ``words``, and the words without it."""
    for size in range(min(_MAX_CITY_WORDS, len(words) - 1), 0, -1):
        if "".join(words[:size]) in cities:
            return "".join(words[:size]), words[size:]
        if "".join(words[-size:]) in cities:
            return "".join(words[-size:]), words[:-size]
    return None, words


@dataclass(frozen=True)
class _Wanted:
    """What a text asks for: the street's key, the street as typed (folded words joined,
    abbreviations not written out), the city's key if a known city was named."""

    street: str
    typed: str
    city: str | None
    number: HouseNumber | None
    postcode: str


def _wanted(parsed: ParsedAddress, cities: dict[str, str]) -> _Wanted:
    """The street key and city key the parsed text asks for."""
    texts = list(parsed.others)
    street = parsed.street
    city = next((key for text in texts if (key := _city_of(text, cities))), None)
    if street is None:
        rest = [text for text in texts if _city_of(text, cities) is None]
        street = rest[0] if rest else ""
    words = fold(street).split()
    if city is None:
        city, words = _city_at_ends(words, cities)
    key = street_key(" ".join(words))
    return _Wanted(key, "".join(words), city, parsed.number, parsed.postcode)


# --- Streets ----------------------------------------------------------------------------------


def _short(key: str) -> str:
    return key.replace(_STREET, _STREET_SHORT)


def _similar(wanted: _Wanted, pool: list[str], limit: int) -> list[tuple[str, float]]:
    """Streets within a small edit distance: of the keys, then of the keys with "strasse"
    shortened to "str" against the text as typed (so that a typo inside "Str." counts as
    one letter, not as a different ending)."""
    found = process.extract(
        wanted.street, pool, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=limit
    )
    if found:
        return [(key, float(score)) for key, score, _index in found]
    short = {_short(key): key for key in pool}
    best: dict[str, float] = {}
    for text in {wanted.typed, _short(wanted.street)}:
        for key, score, _index in process.extract(
            text, list(short), scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=limit
        ):
            best[short[key]] = max(best.get(short[key], 0.0), float(score))
    return sorted(best.items(), key=lambda item: -item[1])[:limit]


def _streets(wanted: _Wanted, vocabulary: _Vocabulary, limit: int) -> list[tuple[str, str, float]]:
    """(city key, street key, similarity) of the streets the text may mean, best first:
    the same key, else keys starting with it (typing in progress), else similar keys."""
    if not wanted.street:
        return []
    pool = vocabulary.by_city[wanted.city] if wanted.city else list(vocabulary.streets)
    if wanted.street in vocabulary.streets and (not wanted.city or wanted.street in pool):
        found = [(wanted.street, 100.0)]
    else:
        starting = sorted((key for key in pool if key.startswith(wanted.street)), key=len)
        found = [(key, 100.0 * len(wanted.street) / len(key)) for key in starting[:limit]]
        found = found or _similar(wanted, pool, limit)
    pairs = [
        (city, key, score)
        for key, score in found
        for city in ([wanted.city] if wanted.city else vocabulary.streets[key])
    ]
    return pairs[:limit]


def _neighbours(rows: list[Address], number: int) -> tuple[Address | None, Address | None]:
    """The nearest known numbers below and above ``number``, on its side of the street if
    both sides have them (even and odd numbers)."""
    same_side = [row for row in rows if row.house_number % 2 == number % 2]
    for candidates in (same_side, rows):
        below = [row for row in candidates if row.house_number < number]
        above = [row for row in candidates if row.house_number > number]
        if below and above:
            return below[-1], above[0]
    return None, None


def _between(low: Address, high: Address, number: int) -> tuple[float, float]:
    share = (number - low.house_number) / (high.house_number - low.house_number)
    return (low.lat + share * (high.lat - low.lat), low.lon + share * (high.lon - low.lon))


def _on_street(rows: list[Address], number: HouseNumber | None, similarity: float) -> Match:
    """The best answer for ``number`` among the addresses of one street (by number); its
    district is filled in by :func:`geocode`."""
    first = rows[0]
    if number is not None:
        exact = [row for row in rows if row.number.covers(number.number)]
        same = [row for row in exact if row.house_suffix == number.suffix]
        if same:
            return _match(Quality.EXACT, same[0], same[0].lat, same[0].lon, similarity)
        low, high = (exact[0], exact[0]) if exact else _neighbours(rows, number.number)
        if low is not None and high is not None:
            lat, lon = (low.lat, low.lon) if low is high else _between(low, high, number.number)
            return _match(Quality.INTERPOLATED, first, lat, lon, similarity, number)
    middle = rows[len(rows) // 2]
    return _match(Quality.STREET, middle, middle.lat, middle.lon, similarity, None)


def _match(
    quality: Quality,
    row: Address,
    lat: float,
    lon: float,
    similarity: float,
    number: HouseNumber | bool | None = True,
) -> Match:
    """A match at ``lat``/``lon`` on ``row``'s street: with ``row``'s own number (True),
    another ``number``, or none."""
    written = str(row.number) if number is True else str(number or "")
    street = f"{row.street} {written}".strip()
    place = f"{row.postcode} {row.city}".strip()
    return Match(
        quality, f"{street}, {place}", lat, lon, None, similarity, street, row.postcode, row.city
    )


def _street_rows(streets: list[tuple[str, str, float]]) -> dict[tuple[str, str], list[Address]]:
    """The addresses of the streets (city key, street key), by house number (one query)."""
    wanted = Q()
    for city, key, _similarity in streets:
        wanted |= Q(city_key=city, street_key=key)
    grouped: dict[tuple[str, str], list[Address]] = defaultdict(list)
    for row in Address.objects.filter(wanted).order_by("house_number", "house_suffix"):
        grouped[(row.city_key, row.street_key)].append(row)
    return grouped


def _with_districts(matches: list[Match], kind: str | None = None) -> list[Match]:
    """The matches with the district of their point, as the districts are now (an
    address's own ``district`` is the one of its import)."""
    districts = districts_at_many([(match.lat, match.lon) for match in matches], kind=kind)
    return [replace(m, district=d) for m, d in zip(matches, districts, strict=True)]


# --- Places -----------------------------------------------------------------------------------


def _place(wanted: _Wanted) -> list[Match]:
    """The centre of the addresses with the postcode, else of the city (with the city's
    district)."""
    places = (({"postcode": wanted.postcode}, None), ({"city_key": wanted.city}, DistrictKind.CITY))
    for filters, kind in places:
        if not next(iter(filters.values())):
            continue
        rows = Address.objects.filter(**filters)
        centre = rows.aggregate(lat=Avg("lat"), lon=Avg("lon"), city=Max("city"))
        if centre["lat"] is not None:
            postcode = filters.get("postcode", "")
            label = f"{postcode} {centre['city']}".strip()
            match = Match(
                Quality.PLACE, label, centre["lat"], centre["lon"], None,
                postcode=postcode or "", city=centre["city"],
            )  # fmt: skip
            return _with_districts([match], kind)
    return []


def geocode(text: str, *, limit: int = 1) -> list[Match]:
    """Up to ``limit`` (at most :data:`MAX_RESULTS`) answers for ``text``, best first:
    by quality, then by how close the street name is. Empty when nothing matched."""
    limit = max(1, min(limit, MAX_RESULTS))
    vocabulary = _cache.current()
    wanted = _wanted(address_parse(text[:MAX_QUERY_LENGTH]), vocabulary.cities)
    streets = _streets(wanted, vocabulary, limit)
    rows = _street_rows(streets) if streets else {}
    matches = [
        _on_street(rows[(city, key)], wanted.number, similarity)
        for city, key, similarity in streets
        if rows.get((city, key))
    ]
    if not matches:
        return _place(wanted)
    order = list(Quality.values)
    matches.sort(key=lambda m: (order.index(m.quality), -m.similarity))
    return _with_districts(matches[:limit])


#: Results good enough to place a home, a place or an idea at (a street alone is too vague).
PLACING_QUALITIES = (Quality.EXACT, Quality.INTERPOLATED)


def address_point(text: str) -> tuple[float, float] | None:
    """The point (latitude, longitude) of the address ``text`` when the index knows its
    house number or numbers on both sides of it; else None. What every form that takes
    an address uses when no suggestion was chosen (also without JavaScript)."""
    found = geocode(text)
    if not found or found[0].quality not in PLACING_QUALITIES:
        return None
    return found[0].lat, found[0].lon


def geocode_cache_clear() -> None:
    """Forgets this process's vocabulary (the stamp makes this unnecessary in normal use)."""
    _cache.clear()

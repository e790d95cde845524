"""Generates realistic offers for the search benchmark and writes them with ``bulk_create``.

Names come from the kinds of offer a Quartier has ("Seniorentreff", "Mittagstisch",
"Beratung für pflegende Angehörige") combined with real Stadtteil names of Flensburg and
Kiel; addresses use the real street names of the shipped day-care files. Descriptions are
built from sentence pieces so that a few frequent words each appear in about a third of all
offers ("Nachbarschaft", "Familien", "Senioren") and rare words in about one in 2,000
("Boule", "Klöppeln", ...). Coordinates scatter around Flensburg and Kiel (and, at national
scale, across Germany). Everything is drawn from one seeded generator: the same data on
every run.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from sozialraum.accounts.models import Organisation, OrganisationKind
from sozialraum.directory.models import Category, CostOption, Fee, Offer, Place, Wheelchair

DATA = Path(__file__).resolve().parent.parent / "sozialraum" / "demo" / "data"
SEED = 20_241_126
BATCH = 5_000

#: (name pattern, category codes): ``{place}`` is a Stadtteil name.
KINDS: list[tuple[str, tuple[str, ...]]] = [
    ("Seniorentreff {place}", ("community_centre",)),
    ("Mittagstisch {place}", ("lunch_table",)),
    ("Mittagstisch für Senioren in {place}", ("lunch_table",)),
    ("Beratung für pflegende Angehörige", ("care_counselling",)),
    ("Pflegeberatung {place}", ("care_counselling",)),
    ("Quartierspunkt {place}", ("neighbourhood_point",)),
    ("Nachbarschaftstreff {place}", ("neighbourhood_meeting_point",)),
    ("Erzählcafé {place}", ("cafe",)),
    ("Sprachcafé {place}", ("cafe", "culture_education")),
    ("Familienzentrum {place}", ("children_families",)),
    ("Krabbelgruppe {place}", ("children_families",)),
    ("Kita {place}", ("children_day_care",)),
    ("Spielplatz {street}", ("playground",)),
    ("Fahrdienst für ältere Menschen", ("transport",)),
    ("Einkaufsbegleitung {place}", ("transport", "volunteering")),
    ("Ehrenamtsbörse {place}", ("volunteering",)),
    ("Selbsthilfegruppe {topic}", ("self_help",)),
    ("Sport im Park {place}", ("sport_movement",)),
    ("Gymnastik für Ältere", ("sport_movement",)),
    ("Bewegungstreff {place}", ("sport_movement",)),
    ("Lesekreis {place}", ("culture_education",)),
    ("Computerkurs für Einsteiger", ("culture_education",)),
    ("Wohnberatung {place}", ("housing", "counselling")),
    ("Tagesstätte {place}", ("work_day_structure",)),
    ("Schuldnerberatung", ("counselling",)),
    ("Entlastungsangebot für Angehörige", ("care_relief",)),
    ("Tagespflege {place}", ("care_relief",)),
]
TOPICS = ["Demenz", "Sucht", "Depression", "Trauer", "Diabetes", "Parkinson", "Krebs", "Angst"]
#: Words that each appear in about a third of the descriptions.
FREQUENT = ["Nachbarschaft", "Familien", "Senioren"]
#: Words that each appear in about one description in 2,000.
RARE = ["Boule", "Klöppeln", "Imkerei", "Origami", "Schach", "Plattdeutsch", "Tischtennis"]
OPENERS = [
    "Wir laden herzlich ein.",
    "Das Angebot ist offen für alle.",
    "Kommen Sie gern vorbei.",
    "Eine Anmeldung ist nicht nötig.",
    "Bitte melden Sie sich vorher telefonisch an.",
]
MIDDLES = [
    "Gemeinsam kochen, essen und ins Gespräch kommen.",
    "Hilfe bei Anträgen, Formularen und Fragen zur Pflege.",
    "Bewegung, Gymnastik und Spaziergänge in kleinen Gruppen.",
    "Kaffee, Kuchen und Zeit zum Erzählen.",
    "Unterstützung im Alltag durch ehrenamtliche Helferinnen und Helfer.",
    "Informationen zu Leistungen der Pflegeversicherung und Entlastung.",
    "Spielen, Basteln und Vorlesen für Kinder.",
    "Beratung in allen Lebenslagen, vertraulich und kostenlos.",
]
FREQUENT_SENTENCES = {
    "Nachbarschaft": "Ein Ort der Begegnung für die ganze Nachbarschaft.",
    "Familien": "Auch Familien mit kleinen Kindern sind willkommen.",
    "Senioren": "Besonders Senioren finden hier Gesellschaft.",
}
HOURS = [
    "Mo-Fr 09:00-12:00",
    "Mo-Fr 12:00-14:00",
    "Tu,Th 14:00-17:00",
    "We 15:00-18:00",
    "Mo-Fr 07:30-16:30",
    "Sa 10:00-13:00",
    "",
]
LANGUAGES = [("en", 0.2), ("tr", 0.08), ("ar", 0.06), ("ru", 0.05), ("pl", 0.04), ("uk", 0.04)]

#: (lat, lon, spread in degrees of latitude) of the cities offers cluster around.
FLENSBURG = (54.7836, 9.4321, 0.03)
KIEL = (54.3233, 10.1228, 0.04)
GERMAN_CITIES = [
    (52.52, 13.40, 0.08),
    (53.55, 9.99, 0.07),
    (48.14, 11.58, 0.06),
    (50.94, 6.96, 0.05),
    (50.11, 8.68, 0.04),
    (48.78, 9.18, 0.04),
    (51.23, 6.78, 0.04),
    (51.51, 7.47, 0.04),
    (51.34, 12.37, 0.04),
    (53.08, 8.80, 0.04),
    (52.37, 9.73, 0.04),
    (49.45, 11.08, 0.04),
]


@dataclass
class Words:
    """Real names from the shipped data: Stadtteile and streets of Flensburg and Kiel."""

    places: list[str] = field(default_factory=list)
    streets: list[str] = field(default_factory=list)


def real_words() -> Words:
    words = Words()
    stadtteile = json.loads((DATA / "flensburg" / "flensburg_stadtteile.geojson").read_text())
    for feature in stadtteile["features"]:
        words.places.append(re.sub(r"^\d+\s+", "", feature["properties"]["AREA_NAME"]))
    kiel_csv = (DATA / "kiel" / "kiel_bevoelkerung_altersgruppen_stadtteile.csv").read_text(
        encoding="utf-8"
    )
    words.places.extend(
        row["Stadtteil"] for row in csv.DictReader(kiel_csv.splitlines(), delimiter=";")
    )
    for kita in json.loads((DATA / "kiel" / "kitas_kiel.json").read_text()):
        words.streets.append(kita["address"]["street"])
    kitas = json.loads((DATA / "flensburg" / "kitas_flensburg.geojson").read_text())
    for feature in kitas["features"]:
        words.streets.append(re.sub(r"\s*\d.*$", "", feature["properties"]["address"]))
    words.places = sorted(set(filter(None, words.places)))
    words.streets = sorted(set(filter(None, words.streets)))
    return words


def coordinates(rng: random.Random, national: bool) -> tuple[float, float, str]:
    """(lat, lon, city) of one place."""
    roll = rng.random()
    if national and roll < 0.8:
        if roll < 0.3:
            return rng.uniform(47.4, 54.9), rng.uniform(6.0, 14.9), ""
        lat, lon, spread = rng.choice(GERMAN_CITIES)
        city = ""
    else:
        lat, lon, spread = FLENSBURG if rng.random() < 0.5 else KIEL
        city = "Flensburg" if (lat, lon, spread) == FLENSBURG else "Kiel"
    return rng.gauss(lat, spread), rng.gauss(lon, spread * 1.7), city


def description(rng: random.Random) -> str:
    parts = [rng.choice(OPENERS), rng.choice(MIDDLES)]
    parts.extend(FREQUENT_SENTENCES[word] for word in FREQUENT if rng.random() < 1 / 3)
    if rng.random() < len(RARE) / 2000:
        parts.append(f"Außerdem: {rng.choice(RARE)} für Interessierte.")
    parts.append(rng.choice(MIDDLES))
    return " ".join(parts)


def offer_fields(rng: random.Random, words: Words, now: dt.datetime) -> dict[str, Any]:
    pattern, codes = rng.choice(KINDS)
    name = pattern.format(
        place=rng.choice(words.places), street=rng.choice(words.streets), topic=rng.choice(TOPICS)
    )
    days = rng.uniform(0, 300) if rng.random() < 0.9 else rng.uniform(400, 900)
    languages = ["de"] + [code for code, share in LANGUAGES if rng.random() < share]
    return {
        "name": name[:200],
        "description": description(rng),
        "languages": languages,
        "opening_hours": rng.choice(HOURS),
        "fee": rng.choices([Fee.FREE, Fee.PAID, Fee.UNKNOWN], [0.45, 0.4, 0.15])[0],
        "last_confirmed_at": now - dt.timedelta(days=days),
        "is_demo": True,
        "_codes": codes,
    }


def place_fields(rng: random.Random, words: Words, national: bool) -> dict[str, Any]:
    lat, lon, city = coordinates(rng, national)
    return {
        "name": rng.choice(["Gemeindehaus", "Stadtteilhaus", "Bürgerhaus", "Treffpunkt", "Café"])
        + " "
        + rng.choice(words.places),
        "street_address": f"{rng.choice(words.streets)} {rng.randint(1, 120)}",
        "postal_code": f"{rng.randint(24000, 24999)}",
        "city": city,
        "latitude": lat,
        "longitude": lon,
        "step_free_entrance": rng.random() < 0.5 or None,
        "wheelchair": rng.choices(Wheelchair.values, [0.3, 0.2, 0.1, 0.4])[0],
        "accessible_toilet": rng.random() < 0.3 or None,
        "hearing_loop": rng.random() < 0.08 or None,
        "easy_language_material": rng.random() < 0.15 or None,
        "guide_dogs_welcome": rng.random() < 0.4 or None,
        "disabled_parking": rng.random() < 0.25 or None,
    }


def providers(count: int) -> list[Organisation]:
    rows = [
        Organisation(
            name=f"Bench-Träger {number:04d} e.V.",
            slug=f"bench-traeger-{number:04d}",
            kind=OrganisationKind.ASSOCIATION,
        )
        for number in range(count)
    ]
    return Organisation.objects.bulk_create(rows, batch_size=1000)


def batches(total: int, *, national: bool = False, seed: int = SEED) -> Iterator[int]:
    """Writes ``total`` offers (each at one place, one in twenty at two) with categories and
    prices, ``BATCH`` at a time with ``bulk_create``; yields the count written after each
    batch. Does not touch the search index."""
    rng = random.Random(seed)
    words = real_words()
    now = timezone.now()
    owners = providers(max(10, total // 200))
    categories = {c.code: c for c in Category.objects.all()}
    written = 0
    while written < total:
        size = min(BATCH, total - written)
        _write_batch(rng, words, now, owners, categories, size, national)
        written += size
        yield written


def _write_batch(
    rng: random.Random,
    words: Words,
    now: dt.datetime,
    owners: list[Organisation],
    categories: dict[str, Category],
    size: int,
    national: bool,
) -> None:
    fields = [offer_fields(rng, words, now) for _ in range(size)]
    codes = [row.pop("_codes") for row in fields]
    offers = Offer.objects.bulk_create(
        [Offer(provider=rng.choice(owners), **row) for row in fields], batch_size=1000
    )
    place_count = [2 if rng.random() < 0.05 else 1 for _ in offers]
    places = Place.objects.bulk_create(
        [Place(**place_fields(rng, words, national)) for _ in range(sum(place_count))],
        batch_size=1000,
    )
    place_links, category_links, prices = [], [], []
    position = 0
    for offer, count, offer_codes in zip(offers, place_count, codes, strict=True):
        for place in places[position : position + count]:
            place_links.append(Offer.places.through(offer_id=offer.pk, place_id=place.pk))
        position += count
        for code in offer_codes:
            category_links.append(
                Offer.categories.through(offer_id=offer.pk, category_id=categories[code].pk)
            )
        if offer.fee == Fee.PAID:
            low = Decimal(rng.randint(1, 12))
            prices.append(CostOption(offer=offer, amount=low, option="Geringes Einkommen"))
            prices.append(CostOption(offer=offer, amount=low + 1, option="Alle anderen"))
    Offer.places.through.objects.bulk_create(place_links, batch_size=2000)
    Offer.categories.through.objects.bulk_create(category_links, batch_size=2000)
    CostOption.objects.bulk_create(prices, batch_size=2000)

"""Offers for the demo: Flensburg's and Kiel's real day-care centres and Flensburg's real
playgrounds (open data), plus fictional offers of the other categories in Flensburg's
Stadtteile, each flagged ``is_demo`` (pages and exports mark them as demo data). Streets
are real, house numbers and offers are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import Organisation
from sozialraum.addresses.services import KnownAddress, addresses_from_places
from sozialraum.directory.exchange.cities import (
    kitas_flensburg_import,
    kitas_kiel_import,
    playgrounds_flensburg_import,
)
from sozialraum.directory.models import Category, Offer, Place
from sozialraum.directory.search import offer_index_rebuild
from sozialraum.directory.services import (
    CostOptionData,
    OfferData,
    PlaceData,
    offer_create,
    place_upsert,
)

STEP_FREE: PlaceData = {
    "step_free_entrance": True,
    "wheelchair": "yes",
    "accessible_toilet": True,
    "disabled_parking": True,
}
LIMITED: PlaceData = {
    "step_free_entrance": False,
    "wheelchair": "limited",
    "accessible_toilet": False,
}


@dataclass(frozen=True)
class DemoOffer:
    key: str
    name: str
    provider: str
    categories: tuple[str, ...]
    place: str
    street: str
    lat: float
    lon: float
    description: str
    opening_hours: str = ""
    fee: str = "free"
    costs: tuple[tuple[str, str], ...] = ()
    access: PlaceData = field(default_factory=lambda: PlaceData())
    languages: tuple[str, ...] = ("de",)
    legal_basis: str = ""
    eligibility: str = ""


LUNCH_COSTS = (("3.00", "Geringes Einkommen (mit Nachweis)"), ("4.00", "Alle anderen"))

OFFERS: tuple[DemoOffer, ...] = (
    DemoOffer(
        "lunch-nordstadt",
        "Mittagstisch im Nachbarschaftstreff Nordstadt",
        "nachbarschaftsverein-nordstadt",
        ("lunch_table",),
        "Nachbarschaftstreff Nordstadt",
        "Apenrader Straße 45",
        54.8005,
        9.4232,
        "Warmes Mittagessen in Gesellschaft, auch vegetarisch. Anmeldung bis 10 Uhr am Vortag.",
        "Mo-Fr 12:00-14:00",
        "paid",
        LUNCH_COSTS,
        STEP_FREE,
    ),
    DemoOffer(
        "treff-nordstadt",
        "Nachbarschaftstreff Nordstadt",
        "nachbarschaftsverein-nordstadt",
        ("neighbourhood_meeting_point",),
        "Nachbarschaftstreff Nordstadt",
        "Apenrader Straße 45",
        54.8005,
        9.4232,
        "Offener Treffpunkt für alle Generationen: Spielenachmittag, Repair-Café, Sprechstunde.",
        "Mo-Fr 10:00-18:00; Sa 10:00-13:00",
        access=STEP_FREE,
        languages=("de", "da"),
    ),
    DemoOffer(
        "begegnung-muerwik",
        "Begegnungsstätte Mürwik",
        "wohlfahrt-nord",
        ("community_centre",),
        "Begegnungsstätte Mürwik",
        "Mürwiker Straße 120",
        54.8121,
        9.4662,
        "Kurse, Vorträge und offener Mittagstreff für ältere Menschen im Stadtteil.",
        "Mo-Fr 09:00-17:00",
        access={**STEP_FREE, "hearing_loop": True},
    ),
    DemoOffer(
        "erzaehlcafe-juergensby",
        "Erzählcafé Jürgensby",
        "wohlfahrt-nord",
        ("cafe",),
        "Gemeindehaus Jürgensby",
        "Jürgensgaarder Straße 20",
        54.7868,
        9.4489,
        "Bei Kaffee und Kuchen erzählen Nachbarinnen und Nachbarn aus ihrem Leben.",
        "We 15:00-17:00",
        "paid",
        (("2.00", "Kaffee und Kuchen"),),
        LIMITED,
    ),
    DemoOffer(
        "quartierspunkt-neustadt",
        "Quartierspunkt Neustadt",
        "stadt-flensburg-soziales",
        ("neighbourhood_point",),
        "Quartierspunkt Neustadt",
        "Neustadt 30",
        54.7985,
        9.4290,
        "Beratung zu allen Fragen des Alltags, Hilfe bei Anträgen, Vermittlung ins Quartier.",
        "Tu,Th 10:00-16:00",
        access=STEP_FREE,
        languages=("de", "tr", "ar"),
    ),
    DemoOffer(
        "pflegeberatung",
        "Pflegeberatung im Stadtteil",
        "wohlfahrt-nord",
        ("care_counselling",),
        "Beratungsstelle Friesischer Berg",
        "Friesische Straße 60",
        54.7851,
        9.4178,
        "Unabhängige Beratung für Pflegebedürftige und Angehörige, auch als Hausbesuch.",
        "Mo-Th 09:00-15:00; Fr 09:00-12:00",
        access=STEP_FREE,
        legal_basis="SGB XI",
    ),
    DemoOffer(
        "entlastung",
        "Entlastung für pflegende Angehörige",
        "wohlfahrt-nord",
        ("care_relief",),
        "Beratungsstelle Friesischer Berg",
        "Friesische Straße 60",
        54.7851,
        9.4178,
        "Stundenweise Betreuung zu Hause, abrechenbar über den Entlastungsbetrag.",
        "Mo-Sa 08:00-20:00",
        "paid",
        (("28.00", "je Stunde, über § 45b SGB XI abrechenbar"),),
        STEP_FREE,
        legal_basis="SGB XI",
        eligibility="Pflegebedürftige ab Pflegegrad 1 und ihre Angehörigen",
    ),
    DemoOffer(
        "fahrdienst",
        "Fahrdienst „Mürwik hilft“",
        "muerwik-hilft",
        ("transport",),
        "Ehrenamtsbüro Mürwik",
        "Kielseng 5",
        54.8083,
        9.4582,
        "Ehrenamtliche fahren und begleiten zu Arztterminen, Einkäufen und Behörden.",
        "Mo-Fr 08:00-18:00",
    ),
    DemoOffer(
        "ehrenamt",
        "Ehrenamtsbörse Flensburg",
        "stadt-flensburg-soziales",
        ("volunteering",),
        "Rathaus Flensburg",
        "Am Pferdewasser 14",
        54.7830,
        9.4301,
        "Hier finden Sie Aufgaben, die zu Ihnen passen – vom Vorlesen bis zur Nachbarschaftshilfe.",
        "Tu 14:00-18:00",
        access=STEP_FREE,
    ),
    DemoOffer(
        "selbsthilfe-demenz",
        "Gesprächskreis für Angehörige von Menschen mit Demenz",
        "wohlfahrt-nord",
        ("self_help",),
        "Gemeindehaus Jürgensby",
        "Jürgensgaarder Straße 20",
        54.7868,
        9.4489,
        "Austausch und gegenseitige Unterstützung, begleitet von einer Fachkraft.",
        "Th 18:00-20:00",
        access=LIMITED,
    ),
    DemoOffer(
        "gymnastik-fruerlund",
        "Seniorengymnastik Fruerlund",
        "muerwik-hilft",
        ("sport_movement",),
        "Sporthalle Fruerlund",
        "Fruerlundhof 10",
        54.7997,
        9.4683,
        "Bewegung im Sitzen und Stehen, für alle Fitnessstufen.",
        "Tu 10:00-11:00",
        "paid",
        (("2.00", "je Termin"),),
        STEP_FREE,
    ),
    DemoOffer(
        "lesestube",
        "Offene Lesestube Altstadt",
        "nachbarschaftsverein-nordstadt",
        ("culture_education",),
        "Lesestube Altstadt",
        "Norderstraße 80",
        54.7917,
        9.4336,
        "Zeitungen, Bücher in Leichter Sprache und Vorlesestunden.",
        "Mo-Sa 10:00-16:00",
        access={**STEP_FREE, "easy_language_material": True},
        languages=("de", "da"),
    ),
    DemoOffer(
        "wohnberatung",
        "Wohnberatung: barrierefrei umbauen",
        "foerde-wohnen",
        ("housing",),
        "Kundenzentrum Förde Wohnen",
        "Husumer Straße 40",
        54.7739,
        9.4214,
        "Beratung zur Anpassung der Wohnung, Zuschüsse nach § 40 SGB XI.",
        "Mo,We 09:00-13:00",
        access=STEP_FREE,
        legal_basis="SGB XI",
    ),
    DemoOffer(
        "tagesstaette",
        "Tagesstätte Weiche",
        "wohlfahrt-nord",
        ("work_day_structure",),
        "Tagesstätte Weiche",
        "Westerallee 100",
        54.7704,
        9.4010,
        "Tagesstruktur, Beschäftigung und Gemeinschaft für Menschen mit seelischer Erkrankung.",
        "Mo-Fr 08:30-15:30",
        access=STEP_FREE,
        legal_basis="SGB IX",
        eligibility="Menschen mit seelischer Behinderung; Zugang über die Eingliederungshilfe",
    ),
    DemoOffer(
        "mittagstisch-weiche",
        "Senioren-Mittagstisch Weiche",
        "wohlfahrt-nord",
        ("lunch_table",),
        "Tagesstätte Weiche",
        "Westerallee 100",
        54.7704,
        9.4010,
        "Gemeinsames Mittagessen für ältere Menschen aus dem Quartier.",
        "Mo-Fr 12:00-13:30",
        "paid",
        LUNCH_COSTS,
        STEP_FREE,
    ),
)


def demo_offers_load(lines: list[str]) -> None:
    """The real open-data offers and the demo offers, each part only once."""
    if not Offer.objects.filter(external_id__startswith="flensburg-kita:").exists():
        for load in (kitas_flensburg_import, playgrounds_flensburg_import, kitas_kiel_import):
            lines.append(f"offers: {load(skip_invalid=True).summary}")
    if not Offer.objects.filter(is_demo=True).exists():
        with transaction.atomic():
            for demo in OFFERS:
                _demo_offer_create(demo)
        lines.append(f"offers: {len(OFFERS)} demo offers created")
    # Offers freshly loaded from their publishers count as confirmed at load time, so the
    # demo's resident search shows them; the staleness rule applies from then on.
    # The search index keeps its own copy of the date, so the offers are re-indexed: all of
    # them, so that compounds are split against every word of the loaded offers.
    unconfirmed = list(Offer.objects.filter(last_confirmed_at=None).values_list("pk", flat=True))
    Offer.objects.filter(pk__in=unconfirmed).update(last_confirmed_at=timezone.now())
    if unconfirmed:
        offer_index_rebuild()
    lines.append(demo_addresses_load())


def demo_addresses_load() -> str:
    """The addresses of the places of offers (with street, number, city and point) into
    the address index, those it lacks; a line for the report."""
    rows = (
        Place.objects.exclude(latitude=None)
        .exclude(longitude=None)
        .exclude(street_address="")
        .values_list("street_address", "postal_code", "city", "latitude", "longitude")
    )
    places = [
        KnownAddress(street, postcode, city, lat, lon)
        for street, postcode, city, lat, lon in rows
        if lat is not None and lon is not None
    ]
    added = addresses_from_places(places, source="demo: places of offers")
    return f"addresses: {added} added from the places of offers"


def _demo_offer_create(demo: DemoOffer) -> Offer:
    place, _state = place_upsert(
        external_id=f"demo-place:{demo.place}",
        data={
            "name": demo.place, "street_address": demo.street, "postal_code": "",
            "city": "Flensburg", "latitude": demo.lat, "longitude": demo.lon, **demo.access,
        },
    )  # fmt: skip
    costs: list[CostOptionData] = [
        {"amount": Decimal(amount), "currency": "EUR", "option": option,
         "valid_from": None, "valid_to": None}
        for amount, option in demo.costs
    ]  # fmt: skip
    data: OfferData = {
        "external_id": f"demo:{demo.key}",
        "name": demo.name,
        "description": demo.description,
        "opening_hours": demo.opening_hours,
        "fee": demo.fee,
        "languages": list(demo.languages),
        "legal_basis": demo.legal_basis,
        "for_everyone": not demo.eligibility,
        "eligibility": demo.eligibility,
        "is_demo": True,
        "categories": list(Category.objects.filter(code__in=demo.categories)),
        "places": [place],
        "cost_options": costs,
    }
    provider = Organisation.objects.get(slug=demo.provider)
    return offer_create(provider=provider, data=data, source="demo")

"""Demo network maps: each demo person gets a fictional map with two versions, the first
conversation a year ago and a review now, so the picture, the metrics, the starting points
and the comparison have something to show.

Idempotent: a person who has a map already is left alone. The demo loader calls
:func:`demo_network_maps_load` after the case-work demo has made its fictional persons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sozialraum.casework.demo import PERSONS
from sozialraum.casework.models import Person

from .choices import Bond, Ring, Sector
from .models import Contact, MapVersion, NetworkMap
from .services import contact_create, contact_update, map_version_create, tie_create

#: The fictional demo persons of the case-work demo, by name.
DEMO_NAMES = tuple(fields["name"] for _district, fields in PERSONS)


@dataclass(frozen=True)
class DemoContact:
    name: str
    role: str
    sector: str
    ring: int
    human: bool = True
    bond: int = Bond.CONTACT


@dataclass(frozen=True)
class DemoStory:
    """A first map, its ties (by name), and what a year changed."""

    contacts: tuple[DemoContact, ...]
    ties: tuple[tuple[str, str], ...]
    came: tuple[DemoContact, ...]
    went: tuple[str, ...]
    closer: tuple[str, ...]
    died: tuple[str, ...]


STORIES = (
    DemoStory(
        contacts=(
            DemoContact("Tochter Anke", "Tochter", Sector.FAMILY, Ring.CLOSE),
            DemoContact("Enkel Jonas", "Enkelkind", Sector.FAMILY, Ring.MIDDLE),
            DemoContact("Bruder Horst", "Bruder", Sector.FAMILY, Ring.DISTANT, bond=Bond.NONE),
            DemoContact("Frau Petersen", "Nachbar*in", Sector.FRIENDS, Ring.MIDDLE),
            DemoContact("Hausärztin Dr. Lorenzen", "Ärzt*in", Sector.PROFESSIONAL, Ring.MIDDLE),
            DemoContact(
                "Pflegedienst Förde",
                "Pflegefachkraft",
                Sector.PROFESSIONAL,
                Ring.CLOSE,
                human=False,
                bond=Bond.MULTIPLE,
            ),
        ),
        ties=(
            ("Tochter Anke", "Enkel Jonas"),
            ("Tochter Anke", "Hausärztin Dr. Lorenzen"),
            ("Tochter Anke", "Pflegedienst Förde"),
        ),
        came=(
            DemoContact(
                "Erzählcafé Nordstadt", "Treffpunkt", Sector.FRIENDS, Ring.MIDDLE, human=False
            ),
            DemoContact("Herr Jensen", "Bekannte*r", Sector.FRIENDS, Ring.DISTANT),
        ),
        went=("Bruder Horst",),
        closer=("Frau Petersen",),
        died=(),
    ),
    DemoStory(
        contacts=(
            DemoContact("Partner Uwe", "Lebensgefährt*in", Sector.FAMILY, Ring.CLOSE),
            DemoContact("Mutter Ilse", "Mutter", Sector.FAMILY, Ring.MIDDLE),
            DemoContact("Kollegin Sevda", "Arbeitskolleg*in", Sector.WORK, Ring.MIDDLE),
            DemoContact(
                "Werkstatt am Hafen",
                "Arbeit und Tagesstruktur",
                Sector.WORK,
                Ring.DISTANT,
                human=False,
            ),
            DemoContact(
                "Betreuer Herr Nissen", "Berater*in / Betreuer*in", Sector.PROFESSIONAL, Ring.MIDDLE
            ),
        ),
        ties=(("Partner Uwe", "Mutter Ilse"), ("Kollegin Sevda", "Werkstatt am Hafen")),
        came=(
            DemoContact(
                "Sportverein TSB", "Vereinskolleg*in", Sector.FRIENDS, Ring.MIDDLE, human=False
            ),
        ),
        went=(),
        closer=("Kollegin Sevda",),
        died=("Mutter Ilse",),
    ),
)


def demo_persons() -> Iterable[Person]:
    return Person.objects.filter(name__in=DEMO_NAMES).order_by("pk")


def demo_network_maps_load(persons: Iterable[Person] | None = None) -> list[str]:
    """Gives every demo person (or each of ``persons``) without a map a two-version map;
    returns one line per map made."""
    lines = []
    for index, person in enumerate(demo_persons() if persons is None else persons):
        if NetworkMap.objects.filter(person=person).exists():
            continue
        demo_network_map_make(person, STORIES[index % len(STORIES)])
        lines.append(f"demo network map with 2 versions: {person.name}")
    return lines


@transaction.atomic
def demo_network_map_make(person: Person, story: DemoStory) -> NetworkMap:
    """The story's first conversation a year ago, and the review today."""
    network_map = NetworkMap.objects.create(person=person)
    today = timezone.localdate()
    first = MapVersion.objects.create(
        network_map=network_map, number=1, title="Erstgespräch", date=today - dt.timedelta(days=365)
    )
    by_name = {c.name: _add(first, c) for c in story.contacts}
    for one, other in story.ties:
        tie_create(version=first, one=by_name[one], other=by_name[other])
    review = map_version_create(
        network_map=network_map, user=None, title="Überprüfung nach einem Jahr", date=today
    )
    _change(review, story)
    return network_map


def _add(version: MapVersion, contact: DemoContact) -> Contact:
    return contact_create(
        version=version,
        name=contact.name,
        role=contact.role,
        sector=contact.sector,
        ring=contact.ring,
        human=contact.human,
        bond=contact.bond,
    )


def _change(review: MapVersion, story: DemoStory) -> None:
    contacts = {contact.name: contact for contact in review.contacts.all()}
    for name in story.went:
        contacts[name].delete()
    for name in story.closer:
        contact_update(contact=contacts[name], ring=max(Ring.CLOSE, contacts[name].ring - 1))
    for name in story.died:
        contact_update(contact=contacts[name], deceased=True)
    for contact in story.came:
        _add(review, contact)

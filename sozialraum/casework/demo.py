"""Fictional persons for the demo, each clearly marked as fictional.

Owned by the demo worker's organisation (the city's social services), living in
Flensburg districts, each with a consent to share with the demo district team for its
case consultations. Idempotent: persons already there (by name and organisation) are
left as they are. Needs the demo's districts, organisations, users and team.
"""

from __future__ import annotations

from typing import Any

from sozialraum.accounts.models import DistrictTeam, Organisation, User
from sozialraum.audit.purposes import Purpose
from sozialraum.districts.lookup import point_inside
from sozialraum.districts.models import District

from .models import Evidence, Person
from .services import consent_record, person_create

ORGANISATION_SLUG = "stadt-flensburg-soziales"
WORKER_USERNAME = "lotsin"
TEAM_SLUG = "stadtteil-team-nordstadt"
FICTIONAL = "Fiktive Demo-Person: Name, Adresse und Angaben sind erfunden."

#: district slug and the person's fields (without coordinates: a point inside the district)
PERSONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "flensburg-nordstadt",
        {
            "name": "Erika Beispiel (fiktiv)",
            "preferred_name": "Frau Beispiel",
            "street_address": "Musterweg 1 (fiktiv)",
            "postal_code": "24939",
            "city": "Flensburg",
            "living_situation": "alone",
            "accessibility_needs": ["step_free", "accessible_toilet"],
            "communication_needs": f"Hört schlecht; bitte langsam sprechen. {FICTIONAL}",
        },
    ),
    (
        "flensburg-neustadt",
        {
            "name": "Murat Muster (fiktiv)",
            "street_address": "Beispielstraße 12 (fiktiv)",
            "postal_code": "24939",
            "city": "Flensburg",
            "living_situation": "family",
            "accessibility_needs": ["wheelchair"],
            "communication_needs": f"Deutsch und Türkisch. {FICTIONAL}",
        },
    ),
    (
        "flensburg-fruerlund",
        {
            "name": "Greta Probe (fiktiv)",
            "street_address": "Erfundener Ring 3 (fiktiv)",
            "postal_code": "24943",
            "city": "Flensburg",
            "living_situation": "assisted",
            "accessibility_needs": ["easy_language"],
            "communication_needs": f"Leichte Sprache. {FICTIONAL}",
        },
    ),
)


def load_demo_persons() -> list[str]:
    """Creates the fictional demo persons that are missing; returns one line per person
    created (or a line saying what is missing)."""
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    worker = User.objects.filter(username=WORKER_USERNAME).first()
    team = DistrictTeam.objects.filter(slug=TEAM_SLUG).first()
    if organisation is None or worker is None or team is None:
        return ["demo persons: skipped (demo organisation, worker or team missing)"]
    lines = []
    for district_slug, fields in PERSONS:
        district = District.objects.filter(slug=district_slug).first()
        if district is None:
            lines.append(f"demo persons: district {district_slug} missing, skipped")
            continue
        if Person.objects.filter(organisation=organisation, name=fields["name"]).exists():
            continue
        lines.append(_person_load(organisation, worker, team, district, fields))
    return lines


def _person_load(
    organisation: Organisation,
    worker: User,
    team: DistrictTeam,
    district: District,
    fields: dict[str, Any],
) -> str:
    latitude, longitude = point_inside(district)
    data = {**fields, "latitude": latitude, "longitude": longitude, "district": district}
    person = person_create(organisation=organisation, data=data, user=worker)  # type: ignore[arg-type]
    consent_record(
        person=person,
        data={
            "purpose": Purpose.DISTRICT_TEAM,
            "scope": "Name, Stadtteil, Bedarfe und Ziele für die Fallberatung im Team (Demo)",
            "shared_with_team": team,
            "evidence": Evidence.WRITTEN,
            "evidence_reference": "Demo-Einwilligung (fiktiv)",
        },
        user=worker,
    )
    return f"demo person created: {person.name} in {person.district}"

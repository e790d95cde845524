"""The demo's early warning: on the outreach list of "stadtteil-team-nordstadt" in
Flensburg, a fictional woman of 80+ living alone, discharged from hospital (reported with
her consent) and screened with PRISMA-7; a fictional man whose 80th birthday is near (a
preventive home visit); and a neighbour's concern at a fictional address, without a name.
Idempotent: persons are created once by name, the concern once by address, and the scan
adds nothing it added before."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import DistrictTeam, Organisation, User
from sozialraum.casework.demo import FICTIONAL
from sozialraum.casework.models import Evidence, Person
from sozialraum.casework.services import person_create
from sozialraum.districts.lookup import point_inside
from sozialraum.districts.models import District

from .models import Entry
from .scan import early_warning_scan, years_before
from .seed import rules_ensure
from .services import concern_report, person_event_report, screening_record

TEAM_SLUG = "stadtteil-team-nordstadt"
ORGANISATION_SLUG = "stadt-flensburg-soziales"
WORKER_USERNAME = "lotsin"
CONCERN_ADDRESS = "Erfundene Gasse 7 (fiktiv), 24939 Flensburg"

#: PRISMA-7 answers of the demo screening (score 4: over 85 no, male no, the rest yes but
#: "can count on someone": yes).
SCREENING = {
    "q1_over_85": False, "q2_male": False, "q3_limits": True, "q4_needs_help": True,
    "q5_stays_home": True, "q6_can_count": True, "q7_aid": True,
}  # fmt: skip


def _person(
    organisation: Organisation, worker: User, district: District, fields: dict[str, Any]
) -> Person | None:
    """The fictional person, created if missing; None if they were there already."""
    if Person.objects.filter(organisation=organisation, name=fields["name"]).exists():
        return None
    latitude, longitude = point_inside(district)
    data = {**fields, "latitude": latitude, "longitude": longitude, "district": district,
            "city": "Flensburg", "postal_code": "24939",
            "communication_needs": FICTIONAL}  # fmt: skip
    return person_create(organisation=organisation, data=data, user=worker)  # type: ignore[arg-type]


def _persons(team: DistrictTeam, organisation: Organisation, worker: User) -> list[str]:
    today = timezone.localdate()
    north = District.objects.get(slug="flensburg-nordstadt")
    lines = []
    hertha = _person(organisation, worker, north, {
        "name": "Hertha Hinweis (fiktiv)", "date_of_birth": dt.date(1942, 3, 2),
        "living_situation": "alone", "street_address": "Ausgedachter Weg 4 (fiktiv)",
    })  # fmt: skip
    if hertha is not None:
        person_event_report(
            person=hertha, team=team, event="hospital", on=today - dt.timedelta(days=3),
            evidence=Evidence.WRITTEN, user=worker,
        )  # fmt: skip
        screening_record(person=hertha, answers=SCREENING, held_on=today, user=worker)
        lines.append(f"early warning: {hertha.name} discharged, screened")
    walter = _person(organisation, worker, north, {
        "name": "Walter Vorsorge (fiktiv)",
        "date_of_birth": years_before(today + dt.timedelta(days=12), 80),
        "living_situation": "partner", "street_address": "Beispielhof 2 (fiktiv)",
    })  # fmt: skip
    if walter is not None:
        lines.append(f"early warning: {walter.name} (80th birthday in 12 days)")
    return lines


@transaction.atomic
def demo_early_warning_load() -> list[str]:
    """Loads what is missing of the demo's early warning; one line per thing created."""
    rules_ensure()
    team = DistrictTeam.objects.filter(slug=TEAM_SLUG).first()
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    worker = User.objects.filter(username=WORKER_USERNAME).first()
    north = District.objects.filter(slug="flensburg-nordstadt").first()
    if team is None or organisation is None or worker is None or north is None:
        return ["early warning: skipped (demo team, organisation, worker or district missing)"]
    lines = _persons(team, organisation, worker)
    if not Entry.objects.filter(team=team, address_label=CONCERN_ADDRESS).exists():
        concern_report(
            district=north, address_label=CONCERN_ADDRESS, reporter="neighbour",
            observations=["mail", "not_seen"], user=worker,
        )  # fmt: skip
        lines.append("early warning: a neighbour's concern (address only)")
    report = early_warning_scan()
    if sum(report.added.values()):
        lines.append(report.summary)
    return lines

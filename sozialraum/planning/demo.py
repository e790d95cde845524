"""The demo's findings and measure (fictional, marked "(Demo)"): two findings from
Flensburg's Nordstadt, one from the provider and one from the district team's welfare
organisation, grouped by the planning office, and one measure answering them.

Idempotent: nothing is added when a demo measure exists. Run after the demo
organisations and users.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from sozialraum.accounts.models import Organisation, User
from sozialraum.districts.models import District

from .models import Finding, Measure, MeasureStatus, Theme

DISTRICT_SLUG = "flensburg-nordstadt"
GROUP = "Treffpunkte für Ältere fehlen (Demo)"
MEASURE_TITLE = "Offener Mittagstisch im Nachbarschaftstreff Nordstadt (Demo)"

#: username, organisation slug, theme, text, evidence
FINDINGS = (
    (
        "traeger",
        "wohlfahrt-nord",
        Theme.LONELINESS,
        "Ältere Alleinlebende in der Nordstadt fragen oft nach einem Ort, an dem sie "
        "mittags in Gesellschaft essen können. Der nächste Mittagstisch ist in der "
        "Neustadt und für viele zu Fuß zu weit. (Demo)",
        "Zwölf Nachfragen am Telefon der Beratungsstelle in drei Monaten; Gespräche im "
        "Seniorentreff. (Demo, erfunden)",
    ),
    (
        "koordination",
        "wohlfahrt-nord",
        Theme.OFFERS,
        "Bei Hausbesuchen der Frühen Hinweise nennen mehrere Haushalte fehlende "
        "Treffpunkte in der Nähe als Grund, kaum noch aus dem Haus zu gehen. (Demo)",
        "Notizen aus der Teamsitzung des Stadtteil-Teams, ohne Namen. (Demo, erfunden)",
    ),
)


def demo_planning_load() -> list[str]:
    """Adds the demo findings and measure unless a demo measure exists."""
    if Measure.objects.filter(is_demo=True).exists():
        return []
    district = District.objects.filter(slug=DISTRICT_SLUG).first()
    planner = User.objects.filter(username="planung").first()
    if district is None or planner is None:
        return []
    with transaction.atomic():
        findings = [_finding(district, *row) for row in FINDINGS]
        measure = Measure.objects.create(
            title=MEASURE_TITLE,
            reason=(
                "Zwei Befunde aus der Nordstadt: Ältere Alleinlebende finden keinen "
                "Treffpunkt in Gehweite. Ein Mittagstisch zweimal pro Woche im "
                "bestehenden Nachbarschaftstreff. (Demo)"
            ),
            budget=Decimal("18000.00"),
            owner="Stadt Flensburg, Sozialplanung (Demo)",
            status=MeasureStatus.IN_PROGRESS,
            decided_on=dt.date(2026, 9, 15),
            created_by=planner,
            is_demo=True,
        )
        measure.districts.set([district])
        measure.findings.set(findings)
    return [f"planning: {len(findings)} findings and 1 measure (demo)"]


def _finding(district: District, username: str, organisation: str, *row: str) -> Finding:
    theme, text, evidence = row
    return Finding.objects.create(
        district=district,
        theme=theme,
        text=text,
        evidence=evidence,
        organisation=Organisation.objects.get(slug=organisation),
        recorded_by=User.objects.filter(username=username).first(),
        group=GROUP,
        is_demo=True,
    )

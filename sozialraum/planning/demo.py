"""The demo's findings and measure (fictional, marked "(Demo)"): two findings from
Flensburg's Nordstadt, one from the provider and one from the district team's welfare
organisation, grouped by the planning office, and one measure answering them, linked to
figures over time; and searches for a lunch table in the Nordstadt that found nothing
over three years (anonymous records, marked "(demo)" in the words searched for), so the
figures over time and the measure's effect show a course before and after its decision.

Idempotent: the findings and the measure are added when no demo measure exists, the
searches when none of them exists. Run after the demo organisations and users.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import Organisation, User
from sozialraum.directory.models import SearchMiss
from sozialraum.districts.models import District

from .figures.timeline import GOALS, MISSES, OFFER_RATE
from .models import Finding, Measure, MeasureStatus, Theme

DISTRICT_SLUG = "flensburg-nordstadt"
GROUP = "Treffpunkte für Ältere fehlen (Demo)"
MEASURE_TITLE = "Offener Mittagstisch im Nachbarschaftstreff Nordstadt (Demo)"
#: The figures over time the demo measure answers.
MEASURE_FIGURES = [MISSES, GOALS, OFFER_RATE]
#: The words of the demo's searches without result, and how many there were per year.
SEARCH_WORDS = "mittagstisch nordstadt (demo)"
SEARCHES_PER_YEAR = {2024: 6, 2025: 11, 2026: 4}

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
    """Adds the demo findings and measure unless a demo measure exists, and the demo
    searches unless one exists."""
    district = District.objects.filter(slug=DISTRICT_SLUG).first()
    planner = User.objects.filter(username="planung").first()
    if district is None or planner is None:
        return []
    lines = []
    with transaction.atomic():
        if not Measure.objects.filter(is_demo=True).exists():
            findings = [_finding(district, *row) for row in FINDINGS]
            _measure(district, planner, findings)
            lines.append(f"planning: {len(findings)} findings and 1 measure (demo)")
        if not SearchMiss.objects.filter(query_text=SEARCH_WORDS).exists():
            lines.append(f"planning: {_searches(district)} searches that found nothing (demo)")
    return lines


def _measure(district: District, planner: User, findings: list[Finding]) -> Measure:
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
        figures=MEASURE_FIGURES,
        created_by=planner,
        is_demo=True,
    )
    measure.districts.set([district])
    measure.findings.set(findings)
    return measure


def _searches(district: District) -> int:
    """Searches without result spread over each year's months (the last year's before
    today)."""
    today = timezone.localdate()
    misses = []
    for year, count in SEARCHES_PER_YEAR.items():
        for n in range(count):
            day = dt.date(year, 1 + (n * 12) // count, 10)
            if day <= today:
                at = dt.datetime(day.year, day.month, day.day, 11, tzinfo=dt.UTC)
                misses.append(SearchMiss(district=district, query_text=SEARCH_WORDS, at=at))
    SearchMiss.objects.bulk_create(misses)
    return len(misses)


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

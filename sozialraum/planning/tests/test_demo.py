"""The demo's findings and measure: fictional, marked, loaded once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory
from sozialraum.directory.models import SearchMiss
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.planning.demo import DISTRICT_SLUG, demo_planning_load
from sozialraum.planning.figures.timeline import GOALS, MISSES, OFFER_RATE
from sozialraum.planning.models import Finding, Measure

pytestmark = pytest.mark.django_db


def test_the_demo_adds_two_grouped_findings_and_a_measure_answering_them_once() -> None:
    district = DistrictFactory.create(slug=DISTRICT_SLUG)
    OrganisationFactory.create(slug="wohlfahrt-nord")
    for username in ("planung", "traeger", "koordination"):
        UserFactory.create(username=username)
    lines = demo_planning_load()
    assert lines[0] == "planning: 2 findings and 1 measure (demo)"
    assert lines[1].endswith("searches that found nothing (demo)")
    measure = Measure.objects.get()
    assert measure.figures == [MISSES, GOALS, OFFER_RATE]
    assert measure.is_demo and "(Demo)" in measure.title
    assert list(measure.districts.all()) == [district]
    findings = Finding.objects.all()
    assert {f.group for f in findings} == {"Treffpunkte für Ältere fehlen (Demo)"}
    assert all(f.is_demo and "(Demo)" in f.text for f in findings)
    assert set(measure.findings.all()) == set(findings)
    searches = SearchMiss.objects.count()
    assert demo_planning_load() == []
    assert Measure.objects.count() == 1 and SearchMiss.objects.count() == searches


def test_the_demo_searches_give_the_measure_a_course_before_and_after_its_decision() -> None:
    district = DistrictFactory.create(slug=DISTRICT_SLUG)
    OrganisationFactory.create(slug="wohlfahrt-nord")
    UserFactory.create(username="planung")
    demo_planning_load()
    by_year = Counter(at.year for at in SearchMiss.objects.values_list("at", flat=True))
    today = dt.date.today()
    assert by_year[2024] == 6 and by_year[2025] == 11
    assert by_year[2026] == sum(1 for n in range(4) if dt.date(2026, 1 + n * 3, 10) <= today)
    assert set(SearchMiss.objects.values_list("district", flat=True)) == {district.pk}

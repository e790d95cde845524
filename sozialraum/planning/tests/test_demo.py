"""The demo's findings and measure: fictional, marked, loaded once."""

from __future__ import annotations

import pytest

from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.planning.demo import DISTRICT_SLUG, demo_planning_load
from sozialraum.planning.models import Finding, Measure

pytestmark = pytest.mark.django_db


def test_the_demo_adds_two_grouped_findings_and_a_measure_answering_them_once() -> None:
    district = DistrictFactory.create(slug=DISTRICT_SLUG)
    OrganisationFactory.create(slug="wohlfahrt-nord")
    for username in ("planung", "traeger", "koordination"):
        UserFactory.create(username=username)
    assert demo_planning_load() == ["planning: 2 findings and 1 measure (demo)"]
    measure = Measure.objects.get()
    assert measure.is_demo and "(Demo)" in measure.title
    assert list(measure.districts.all()) == [district]
    findings = Finding.objects.all()
    assert {f.group for f in findings} == {"Treffpunkte für Ältere fehlen (Demo)"}
    assert all(f.is_demo and "(Demo)" in f.text for f in findings)
    assert set(measure.findings.all()) == set(findings)
    assert demo_planning_load() == []
    assert Measure.objects.count() == 1

"""The demo's fictional persons get plans: will, goals, ladders, a referral to a demo
offer, a finalised version; a second run changes nothing."""

from __future__ import annotations

import pytest

from sozialraum.casework.demo import PERSONS
from sozialraum.casework.models import Person
from sozialraum.demo.services import demo_load
from sozialraum.plan.demo import load_demo_plans
from sozialraum.plan.models import PlanVersion, Referral, VersionStatus
from sozialraum.plan.services import social_space_parts

pytestmark = pytest.mark.django_db


def test_every_fictional_demo_person_has_a_finalised_plan_and_a_second_run_changes_nothing() -> (
    None
):
    demo_load()
    names = [fields["name"] for _district, fields in PERSONS]
    persons = list(Person.objects.filter(name__in=names))
    assert len(persons) == len(names)
    for person in persons:
        assert "(fiktiv)" in person.name
        assert person.will_statements.count() == 1
        assert person.goals.count() == 2
        assert social_space_parts(person)
        version = PlanVersion.objects.get(plan__person=person)
        assert version.status == VersionStatus.FINAL
    assert Referral.objects.filter(person__in=persons, offer__is_demo=True).exists()

    counts = (PlanVersion.objects.count(), Referral.objects.count())
    assert load_demo_plans() == []
    assert (PlanVersion.objects.count(), Referral.objects.count()) == counts

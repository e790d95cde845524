"""Each rule fires at its boundary and not before; the scan is idempotent; inactive
rules and teams that may not see the person get nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from sozialraum.accounts.tests.factories import DistrictTeamFactory
from sozialraum.casework.models import LivingSituation
from sozialraum.earlywarning.models import Entry, Rule, RuleCode, Signal
from sozialraum.earlywarning.scan import early_warning_scan, years_before
from sozialraum.earlywarning.services import screening_record
from sozialraum.networkmap.tests.factories import (
    ContactFactory,
    MapVersionFactory,
    NetworkMapFactory,
)

from .conftest import World

TODAY = dt.date(2026, 12, 5)

#: Only the rule under test is active, so the others do not fire on the same person.
pytestmark = pytest.mark.django_db


def _only(code: str) -> None:
    Rule.objects.exclude(code=code).update(active=False)


def _codes(world: World) -> list[str]:
    return list(
        Signal.objects.filter(entry__person=world.person).values_list("rule__code", flat=True)
    )


def _young(world: World) -> None:
    """A person for whom no date-based rule fires by age."""
    world.person.date_of_birth = dt.date(1990, 1, 15)
    world.person.save()


@pytest.mark.parametrize(("born", "fires"), [
    (years_before(TODAY, 80), True),
    (years_before(TODAY, 80) + dt.timedelta(days=1), False),
])  # fmt: skip
def test_eighty_living_alone_fires_from_the_eightieth_birthday(
    world: World, born: dt.date, fires: bool
) -> None:
    _only(RuleCode.ALONE_80)
    world.person.date_of_birth = born
    world.person.save()

    early_warning_scan(today=TODAY)

    assert _codes(world) == ([RuleCode.ALONE_80] if fires else [])


def test_eighty_with_a_partner_does_not_fire(world: World) -> None:
    _only(RuleCode.ALONE_80)
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.living_situation = LivingSituation.PARTNER
    world.person.save()

    early_warning_scan(today=TODAY)

    assert _codes(world) == []


@pytest.mark.parametrize(("days_ahead", "fires"), [(-1, False), (0, True), (30, True), (31, False)])
@pytest.mark.parametrize("age", [75, 80])
def test_birthday_fires_within_the_rules_days_before_the_75th_and_80th(
    world: World, age: int, days_ahead: int, fires: bool
) -> None:
    _only(RuleCode.BIRTHDAY)
    world.person.date_of_birth = years_before(TODAY + dt.timedelta(days=days_ahead), age)
    world.person.save()

    early_warning_scan(today=TODAY)

    assert _codes(world) == ([RuleCode.BIRTHDAY] if fires else [])


def test_a_76th_birthday_does_not_fire(world: World) -> None:
    _only(RuleCode.BIRTHDAY)
    world.person.date_of_birth = years_before(TODAY + dt.timedelta(days=3), 76)
    world.person.save()

    early_warning_scan(today=TODAY)

    assert _codes(world) == []


@pytest.mark.parametrize(("days", "fires"), [(56, False), (57, True)])
def test_no_contact_fires_after_the_rules_weeks(world: World, days: int, fires: bool) -> None:
    _only(RuleCode.NO_CONTACT)
    opened = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(12)))
    world.person.created_at = opened
    world.person.save()

    early_warning_scan(today=TODAY)

    assert _codes(world) == ([RuleCode.NO_CONTACT] if fires else [])


def test_a_recent_screening_counts_as_contact(world: World) -> None:
    _only(RuleCode.NO_CONTACT)
    world.person.created_at = timezone.now() - dt.timedelta(days=400)
    world.person.save()
    answers = _answers(0)
    screening_record(person=world.person, answers=answers, held_on=TODAY, user=world.worker)

    early_warning_scan(today=TODAY)

    assert _codes(world) == []


def _map(world: World, before: list[bool], after: list[bool]) -> None:
    """Two versions whose contacts are alive (False) or deceased (True), keyed in order."""
    network_map = NetworkMapFactory.create(person=world.person)
    for number, contacts in ((1, before), (2, after)):
        version = MapVersionFactory.create(network_map=network_map, number=number)
        for key, deceased in enumerate(contacts):
            ContactFactory.create(version=version, key=key, deceased=deceased)


@pytest.mark.parametrize(("after", "fires"), [(3, False), (2, True)])
def test_network_shrink_fires_at_the_rules_loss(world: World, after: int, fires: bool) -> None:
    _only(RuleCode.NETWORK_SHRINK)
    _young(world)
    _map(world, [False] * 4, [False] * after)

    early_warning_scan(today=TODAY)

    assert _codes(world) == ([RuleCode.NETWORK_SHRINK] if fires else [])


def test_a_contact_newly_marked_deceased_is_a_bereavement(world: World) -> None:
    _only(RuleCode.NETWORK_SHRINK)
    Rule.objects.filter(code=RuleCode.BEREAVEMENT).update(active=True)
    _young(world)
    _map(world, [False, False, False], [True, False, False])

    early_warning_scan(today=TODAY)

    assert _codes(world) == [RuleCode.BEREAVEMENT]
    signal = Signal.objects.get()
    assert signal.detail == "A contact is marked deceased in network map version 2"


def _answers(yes: int, *, can_count: bool = True) -> dict[str, bool]:
    names = ["q1_over_85", "q2_male", "q3_limits", "q4_needs_help", "q5_stays_home", "q7_aid"]
    return {name: index < yes for index, name in enumerate(names)} | {"q6_can_count": can_count}


@pytest.mark.parametrize(("yes", "fires"), [(2, False), (3, True)])
def test_prisma7_fires_from_score_three(world: World, yes: int, fires: bool) -> None:
    screening = screening_record(
        person=world.person, answers=_answers(yes), held_on=TODAY, user=world.worker
    )

    assert screening.score == yes
    assert _codes(world) == ([RuleCode.SCREENING] if fires else [])


def test_prisma7_counts_no_one_to_count_on_as_a_point(world: World) -> None:
    screening = screening_record(
        person=world.person, answers=_answers(2, can_count=False), held_on=TODAY, user=world.worker
    )

    assert screening.score == 3
    assert _codes(world) == [RuleCode.SCREENING]


def test_the_scan_is_idempotent(world: World) -> None:
    world.person.date_of_birth = years_before(TODAY + dt.timedelta(days=5), 80)
    world.person.created_at = timezone.now() - dt.timedelta(days=400)
    world.person.save()

    first = early_warning_scan(today=TODAY)
    second = early_warning_scan(today=TODAY)

    assert dict(first.added) == {RuleCode.BIRTHDAY: 1, RuleCode.NO_CONTACT: 1}
    assert sum(second.added.values()) == 0
    assert Signal.objects.count() == 2
    assert Entry.objects.count() == 1


def test_a_dismissed_signal_does_not_come_back(world: World) -> None:
    from sozialraum.earlywarning.services import entry_dismiss

    _only(RuleCode.ALONE_80)
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()
    early_warning_scan(today=TODAY)
    entry_dismiss(entry=Entry.objects.get(), reason="Wohnt bei der Tochter.", user=world.worker)

    assert sum(early_warning_scan(today=TODAY).added.values()) == 0


def test_an_inactive_rule_fires_nothing(world: World) -> None:
    Rule.objects.update(active=False)
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()

    report = early_warning_scan(today=TODAY)

    assert Signal.objects.count() == 0
    assert "none (all inactive)" in report.summary


def test_a_team_that_may_not_see_the_person_gets_no_signal(world: World) -> None:
    """A second team works for the same district but has no member of the person's
    organisation and no consent: it gets nothing."""
    other = DistrictTeamFactory.create()
    other.districts.add(world.district_a)
    _only(RuleCode.ALONE_80)
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()

    early_warning_scan(today=TODAY)

    assert list(Entry.objects.values_list("team_id", flat=True)) == [world.team_a.pk]


def test_a_closed_case_is_not_scanned(world: World) -> None:
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.closed_at = timezone.now()
    world.person.save()

    early_warning_scan(today=TODAY)

    assert Signal.objects.count() == 0


def test_the_command_prints_a_one_line_summary(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()

    call_command("earlywarning_scan")

    out = capsys.readouterr().out
    assert out.startswith("earlywarning_scan: 1 signal(s) added (alone_80 1)")


def test_a_person_in_a_part_of_the_teams_district_reaches_the_team(world: World) -> None:
    """The person's district is a Stadtbezirk within the Stadtteil the team works for."""
    from sozialraum.districts.tests.factories import DistrictFactory

    part = DistrictFactory.create(parent=world.district_a)
    world.person.district = part
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()
    _only(RuleCode.ALONE_80)

    early_warning_scan(today=TODAY)

    entry = Entry.objects.get()
    assert (entry.team, entry.district) == (world.team_a, part)

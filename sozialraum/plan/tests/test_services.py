"""Will, goals, ladder and the plan's versions: the rules of the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sozialraum.directory.tests._pages import offer_make
from sozialraum.plan.models import (
    PlanVersion,
    ResourceEntry,
    Rung,
    VersionStatus,
    WillStatement,
)
from sozialraum.plan.services import (
    plan_document,
    plan_draft,
    plan_finalise,
    plan_participant_add,
    plan_step_add,
    resource_add,
    review_record,
    self_rating_record,
    social_space_parts,
    will_record,
)

from .factories import goal_make, life_area, person_make, quartier_entry, worker_of

pytestmark = pytest.mark.django_db


def test_the_nine_life_areas_are_seeded() -> None:
    from sozialraum.plan.models import LifeArea

    assert list(LifeArea.objects.values_list("code", flat=True)) == [f"d{n}" for n in range(1, 10)]


def test_the_will_is_kept_verbatim_and_dated() -> None:
    person = person_make()
    words = "  Ich will in meiner Wohnung bleiben.\nUnd mein Enkel soll  kommen. "
    will_record(person=person, text=words, said_on=dt.date(2026, 3, 1), user=worker_of(person))
    statement = WillStatement.objects.get(person=person)
    assert statement.text == words
    assert statement.said_on == dt.date(2026, 3, 1)


def test_a_plan_cannot_be_finalised_without_a_social_space_part() -> None:
    person = person_make()
    goal = goal_make(person)
    resource_add(goal=goal, rung=Rung.SELF, text="Ich rufe selbst an.")
    resource_add(goal=goal, rung=Rung.PROFESSIONAL, text="Assistenz", professional_kind="ASS")

    with pytest.raises(ValidationError) as refused:
        plan_finalise(person=person, user=worker_of(person))
    assert refused.value.code == "no_social_space_part"
    assert "social-space part" in refused.value.messages[0]
    assert not PlanVersion.objects.filter(status=VersionStatus.FINAL).exists()


@pytest.mark.parametrize("rung", [Rung.NETWORK, Rung.QUARTIER])
def test_a_network_or_neighbourhood_entry_lets_the_plan_be_finalised(rung: str) -> None:
    person = person_make()
    resource_add(goal=goal_make(person), rung=rung, text="Nachbarin Frau K. geht mit")

    version = plan_finalise(person=person, user=worker_of(person))
    assert version.status == VersionStatus.FINAL
    assert version.finalised_at is not None
    assert version.document["goals"][0]["text"] == "Wieder unter Leute kommen"


def test_a_quartier_entry_with_an_offer_is_a_social_space_part() -> None:
    person = person_make()
    offer = offer_make("Offener Treff")
    quartier_entry(goal_make(person), offer)
    assert social_space_parts(person) == ["Institutions and offers of the Quartier: Mittagstisch"]


def test_only_a_quartier_entry_may_link_an_offer() -> None:
    person = person_make()
    with pytest.raises(ValidationError) as refused:
        resource_add(goal=goal_make(person), rung=Rung.SELF, text="x", offer=offer_make())
    assert "offer" in refused.value.message_dict
    assert not ResourceEntry.objects.exists()


def test_professional_help_names_its_kind() -> None:
    person = person_make()
    with pytest.raises(ValidationError) as refused:
        resource_add(goal=goal_make(person), rung=Rung.PROFESSIONAL, text="Begleitung")
    assert "professional_kind" in refused.value.message_dict


def test_finalising_freezes_a_version_and_a_later_change_makes_a_new_draft() -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    quartier_entry(goal)
    plan_step_add(person=person, what="Hingehen", who="Frau K.", due_on=dt.date(2026, 5, 1))
    plan_participant_add(person=person, name="Frau K.", role="Nachbarin")
    first = plan_finalise(person=person, user=user)

    goal.text = "Anders formuliert"
    goal.save()
    plan_step_add(person=person, what="Anrufen", who="Lotsin", due_on=dt.date(2026, 5, 2))

    first.refresh_from_db()
    draft = plan_draft(person=person)
    assert (first.number, draft.number) == (1, 2)
    assert first.steps.count() == 1
    assert draft.steps.count() == 2, "the draft starts as a copy of the final version"
    assert draft.participants.count() == 1
    assert plan_document(person=person, version=first)["goals"][0]["text"] == (
        "Wieder unter Leute kommen"
    )
    assert plan_document(person=person, version=draft)["goals"][0]["text"] == "Anders formuliert"


def test_a_review_records_what_happened_and_the_self_ratings() -> None:
    person = person_make()
    goal = goal_make(person)
    area = life_area("d9")
    self_rating_record(
        person=person, rated_on=dt.date(2026, 1, 1), life_satisfaction=3, participation={area: 2}
    )
    review = review_record(
        person=person,
        held_on=dt.date(2026, 4, 1),
        what_happened={goal: "War zweimal dort."},
        life_satisfaction=6,
        participation={area: 5},
        user=worker_of(person),
    )
    assert review.goal_reviews.get().what_happened == "War zweimal dort."
    ratings = list(person.self_ratings.values_list("life_satisfaction", "review_id"))
    assert ratings == [(3, None), (6, review.pk)]
    assert review.self_rating.areas.get().participation == 5


def test_the_rating_rows_are_read_in_two_queries_oldest_first(
    django_assert_num_queries: Any,
) -> None:
    from sozialraum.plan.selectors import rating_rows

    person = person_make()
    goal = goal_make(person)
    first, second = life_area("d9"), life_area("d7")
    self_rating_record(
        person=person,
        rated_on=dt.date(2026, 1, 1),
        life_satisfaction=3,
        participation={first: 2, second: 4},
    )
    review_record(
        person=person,
        held_on=dt.date(2026, 4, 1),
        what_happened={goal: "War zweimal dort."},
        life_satisfaction=6,
        participation={first: 5},
        user=worker_of(person),
    )
    self_rating_record(  # another person's rating stays out
        person=person_make(), rated_on=dt.date(2026, 2, 1), life_satisfaction=9, participation={}
    )
    with django_assert_num_queries(2):
        rows, areas = rating_rows(person)
    assert [(r.rated_on.month, r.at_review, r.life_satisfaction) for r in rows] == [
        (1, False, 3),
        (4, True, 6),
    ]
    assert [r.participation for r in rows] == [{"d7": 4, "d9": 2}, {"d9": 5}]
    assert [area.code for area in areas] == ["d7", "d9"]


def test_a_self_rating_above_ten_is_refused() -> None:
    person = person_make()
    with pytest.raises(ValidationError) as refused:
        self_rating_record(
            person=person, rated_on=dt.date(2026, 1, 1), life_satisfaction=11, participation={}
        )
    assert "life_satisfaction" in refused.value.message_dict


def test_a_network_entry_links_a_contact_of_the_persons_own_network_map() -> None:
    from sozialraum.networkmap.tests.factories import ContactFactory

    person = person_make()
    goal = goal_make(person)
    own = ContactFactory.create(version__network_map__person=person, name="Enkel Jonas")
    entry = resource_add(goal=goal, rung=Rung.NETWORK, text="Fährt mich hin", contact=own)
    assert entry.contact == own
    document = plan_document(person=person, version=None)
    network = document["goals"][0]["ladder"][1]
    assert network["entries"] == [{"text": "Fährt mich hin", "detail": "contact: Enkel Jonas"}]

    foreign = ContactFactory.create()
    with pytest.raises(ValidationError) as refused:
        resource_add(goal=goal, rung=Rung.NETWORK, text="x", contact=foreign)
    assert "contact" in refused.value.message_dict
    with pytest.raises(ValidationError) as wrong_rung:
        resource_add(goal=goal, rung=Rung.SELF, text="x", contact=own)
    assert "contact" in wrong_rung.value.message_dict


def test_a_change_to_a_goal_after_finalising_starts_a_new_draft() -> None:
    person = person_make()
    goal = goal_make(person)
    quartier_entry(goal)
    plan_finalise(person=person, user=worker_of(person))

    resource_add(goal=goal, rung=Rung.SELF, text="Ich frage selbst nach.")
    statuses = list(
        PlanVersion.objects.filter(plan__person=person)
        .order_by("number")
        .values_list("number", "status")
    )
    assert statuses == [(1, "final"), (2, "draft")]


def test_missing_life_areas_are_recreated_and_a_second_call_changes_nothing() -> None:
    from sozialraum.plan.models import LifeArea
    from sozialraum.plan.services import life_areas_ensure

    LifeArea.objects.filter(code__in=["d1", "d2"]).delete()
    assert life_areas_ensure() == 2
    assert life_areas_ensure() == 0
    assert LifeArea.objects.count() == 9


def test_the_plan_document_lists_running_referrals_with_the_quartier_rung() -> None:
    from sozialraum.plan.models import GapReason, ReferralState
    from sozialraum.plan.services import referral_move

    from .factories import referral_make

    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    referral_make(person, goal, user, offer_make("Offener Treff"))
    ended = referral_make(person, goal, user, offer_make("Chor"))
    referral_move(
        referral=ended, state=ReferralState.NOT_SUITABLE, user=user, reason=GapReason.WRONG_TIMES
    )
    quartier = plan_document(person=person, version=None)["goals"][0]["ladder"][2]
    assert quartier["rung"] == "quartier"
    assert [(e["text"], e["detail"]) for e in quartier["entries"]] == [
        ("Offener Treff", "referral: suggested")
    ]
    assert quartier["entries"][0]["offer"]["name"] == "Offener Treff"

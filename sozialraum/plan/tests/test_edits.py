"""Changing and removing ladder entries, places that matter and referrals: through the
access helper, with a history that names who changed what and keeps what was removed;
a place outside the person's city is questioned."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.casework.models import Person
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role
from sozialraum.plan.models import (
    PersonalPlace,
    PlaceMark,
    PlanChange,
    PlanChangeAction,
    PlanChangeKind,
    Referral,
    ResourceEntry,
    Rung,
)
from sozialraum.plan.services import place_add, resource_add

from .factories import goal_make, person_make, referral_make, worker_of

pytestmark = pytest.mark.django_db


def url(name: str, person_pk: int, **kwargs: int) -> str:
    return reverse(f"plan:{name}", kwargs={"pk": person_pk, **kwargs})


def _place(person: Person, name: str = "Bank am Hafen") -> PersonalPlace:
    data = {"name": name, "latitude": 54.79, "longitude": 9.43, "mark": PlaceMark.LIKED}
    return place_add(person=person, data=data)


def _square(west: float, south: float, east: float, north: float) -> dict[str, object]:
    """A square boundary with its bounding box, as a district is stored."""
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "boundary": {"type": "Polygon", "coordinates": [ring]},
        "min_lon": west,
        "min_lat": south,
        "max_lon": east,
        "max_lat": north,
    }


def test_a_worker_changes_a_ladder_entry_and_the_goal_page_shows_the_history() -> None:
    person = person_make()
    goal = goal_make(person)
    entry = resource_add(goal=goal, rung=Rung.SELF, text="Ich koche gern")
    worker = worker_of(person)
    client = signed_in_client(worker)
    edit = url("resource_edit", person.pk, goal_pk=goal.pk, entry_pk=entry.pk)
    assert "Ich koche gern" in client.get(edit).content.decode()
    response = client.post(edit, {"rung": Rung.SELF, "text": "Ich backe gern"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Ich backe gern"
    change = PlanChange.objects.get(kind=PlanChangeKind.RESOURCE, object_id=entry.pk)
    assert change.action == PlanChangeAction.CHANGED
    assert change.user == worker
    assert change.changes == {"text": ["Ich koche gern", "Ich backe gern"]}
    page = client.get(url("goal", person.pk, goal_pk=goal.pk)).content.decode()
    assert "Ich koche gern → Ich backe gern" in page


def test_removing_a_ladder_entry_keeps_its_content_in_the_history() -> None:
    person = person_make()
    goal = goal_make(person)
    entry = resource_add(goal=goal, rung=Rung.FOR_OTHERS, text="Nachbarn helfen")
    client = signed_in_client(worker_of(person))
    remove = url("resource_remove", person.pk, goal_pk=goal.pk, entry_pk=entry.pk)
    assert client.get(remove).status_code == 200
    assert ResourceEntry.objects.filter(pk=entry.pk).exists(), "a GET only asks"
    assert client.post(remove).status_code == 302
    assert not ResourceEntry.objects.filter(pk=entry.pk).exists()
    change = PlanChange.objects.get(object_id=entry.pk, kind=PlanChangeKind.RESOURCE)
    assert change.action == PlanChangeAction.REMOVED
    assert change.changes["text"] == ["Nachbarn helfen", None]
    assert change.changes["rung"] == [Rung.FOR_OTHERS, None]
    page = client.get(url("goal", person.pk, goal_pk=goal.pk)).content.decode()
    assert "Nachbarn helfen" in page
    assert "What I can do for others" in page, "a choice is shown by its label"


def test_a_worker_changes_and_removes_a_place_with_history_on_the_map_page() -> None:
    person = person_make()
    place = _place(person)
    client = signed_in_client(worker_of(person))
    edit = url("place_edit", person.pk, place_pk=place.pk)
    data = {"name": "Bank am Hafen", "latitude": "54.79", "longitude": "9.43"}
    response = client.post(edit, {**data, "mark": PlaceMark.AVOIDED, "note": "zu laut"})
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.mark, place.note) == (PlaceMark.AVOIDED, "zu laut")
    changed = PlanChange.objects.get(kind=PlanChangeKind.PLACE, action="changed")
    assert changed.changes == {"mark": ["liked", "avoided"], "note": ["", "zu laut"]}
    assert client.post(url("place_remove", person.pk, place_pk=place.pk)).status_code == 302
    assert not PersonalPlace.objects.filter(pk=place.pk).exists()
    removed = PlanChange.objects.get(kind=PlanChangeKind.PLACE, action="removed")
    assert removed.changes["name"] == ["Bank am Hafen", None]
    page = client.get(url("personal_map", person.pk)).content.decode()
    assert "I like it → I avoid it" in page
    assert "zu laut" in page


def test_a_worker_changes_and_removes_a_referral_with_history() -> None:
    person = person_make()
    goal = goal_make(person)
    worker = worker_of(person)
    referral = referral_make(person, goal, worker)
    client = signed_in_client(worker)
    edit = url("referral_edit", person.pk, referral_pk=referral.pk)
    assert client.get(edit).status_code == 200
    data = {"follow_up_on": "2030-05-04", "do_not_contact": "on", "note_for_provider": "Di"}
    assert client.post(edit, data).status_code == 302
    referral.refresh_from_db()
    assert referral.do_not_contact is True
    assert referral.note_for_provider == "Di"
    change = PlanChange.objects.get(kind=PlanChangeKind.REFERRAL, action="changed")
    assert change.changes["do_not_contact"] == [False, True]
    page = client.get(url("referral", person.pk, referral_pk=referral.pk)).content.decode()
    assert "no → yes" in page
    assert (
        client.post(url("referral_remove", person.pk, referral_pk=referral.pk)).status_code == 302
    )
    assert not Referral.objects.filter(pk=referral.pk).exists()
    removed = PlanChange.objects.get(kind=PlanChangeKind.REFERRAL, action="removed")
    assert removed.changes["offer"] == [str(referral.offer), None]
    assert removed.goal == goal


def test_a_worker_of_another_organisation_changes_and_removes_nothing() -> None:
    person = person_make()
    goal = goal_make(person)
    owner = worker_of(person)
    entry = resource_add(goal=goal, rung=Rung.SELF, text="Ich koche gern")
    place = _place(person)
    referral = referral_make(person, goal, owner)
    client = signed_in_client(user_with_role(Role.WORKER))
    urls = [
        url("resource_edit", person.pk, goal_pk=goal.pk, entry_pk=entry.pk),
        url("resource_remove", person.pk, goal_pk=goal.pk, entry_pk=entry.pk),
        url("place_edit", person.pk, place_pk=place.pk),
        url("place_remove", person.pk, place_pk=place.pk),
        url("referral_edit", person.pk, referral_pk=referral.pk),
        url("referral_remove", person.pk, referral_pk=referral.pk),
    ]
    for target in urls:
        assert client.get(target).status_code in (403, 404), target
        posted = client.post(target, {"text": "x", "name": "x", "note_for_provider": "x"})
        assert posted.status_code in (403, 404), target
    entry.refresh_from_db()
    place.refresh_from_db()
    referral.refresh_from_db()
    assert (entry.text, place.name, referral.note_for_provider) == (
        "Ich koche gern",
        place.name,
        "",
    )
    assert not PlanChange.objects.exists()


def test_another_persons_entry_is_not_found_through_this_person() -> None:
    person = person_make()
    other = person_make(organisation=person.organisation)
    goal = goal_make(other)
    entry = resource_add(goal=goal, rung=Rung.SELF, text="fremd")
    client = signed_in_client(worker_of(person))
    target = url("resource_remove", person.pk, goal_pk=goal.pk, entry_pk=entry.pk)
    assert client.post(target).status_code == 404
    assert ResourceEntry.objects.filter(pk=entry.pk).exists()


# --- A place outside the person's city ----------------------------------------------------


def _flensburg_person() -> Person:
    city = DistrictFactory.create(
        name="Flensburg", kind=DistrictKind.CITY, **_square(9.3, 54.7, 9.6, 54.9)
    )
    quarter = DistrictFactory.create(
        kind=DistrictKind.QUARTER, parent=city, **_square(9.4, 54.75, 9.5, 54.82)
    )
    return person_make(district=quarter)


def _place_post(latitude: str, longitude: str, **extra: str) -> dict[str, str]:
    return {
        "name": "See",
        "latitude": latitude,
        "longitude": longitude,
        "mark": PlaceMark.WISHED,
        **extra,
    }


def test_a_place_outside_the_city_is_questioned_and_not_saved() -> None:
    person = _flensburg_person()
    client = signed_in_client(worker_of(person))
    response = client.post(url("personal_map", person.pk), _place_post("54.32", "10.13"))
    assert response.status_code == 200
    assert "This place lies outside Flensburg. Please confirm that it is right." in (
        response.content.decode()
    )
    assert 'type="checkbox" name="confirm_outside"' in response.content.decode()
    assert not PersonalPlace.objects.filter(person=person).exists()


def test_a_confirmed_place_outside_the_city_is_saved() -> None:
    person = _flensburg_person()
    client = signed_in_client(worker_of(person))
    data = _place_post("54.32", "10.13", confirm_outside="on")
    assert client.post(url("personal_map", person.pk), data).status_code == 302
    assert PersonalPlace.objects.get(person=person).latitude == 54.32


def test_a_place_inside_the_city_is_saved_without_asking() -> None:
    person = _flensburg_person()
    client = signed_in_client(worker_of(person))
    data = _place_post("54.85", "9.35")
    assert client.post(url("personal_map", person.pk), data).status_code == 302
    assert PersonalPlace.objects.filter(person=person).count() == 1


def test_changing_a_place_to_a_point_outside_the_city_is_questioned() -> None:
    person = _flensburg_person()
    place = _place(person)
    client = signed_in_client(worker_of(person))
    edit = url("place_edit", person.pk, place_pk=place.pk)
    response = client.post(edit, _place_post("54.32", "10.13"))
    assert "outside Flensburg" in response.content.decode()
    place.refresh_from_db()
    assert place.latitude == 54.79
    assert not PlanChange.objects.exists()


def test_in_a_city_without_boundaries_a_place_far_from_home_is_questioned() -> None:
    city = DistrictFactory.create(name="Kiel", kind=DistrictKind.CITY)
    person = person_make(
        district=DistrictFactory.create(parent=city), latitude=54.32, longitude=10.13
    )
    client = signed_in_client(worker_of(person))
    far = client.post(url("personal_map", person.pk), _place_post("54.79", "9.43"))
    assert "outside Kiel" in far.content.decode()
    near = client.post(url("personal_map", person.pk), _place_post("54.33", "10.14"))
    assert near.status_code == 302
    assert District.objects.count() == 2
    assert PersonalPlace.objects.filter(person=person).count() == 1

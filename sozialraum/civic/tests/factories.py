"""Test data for the Mitmach-Kommune: a district, residents, someone who answers for the
city, and ideas placed in the district."""

from __future__ import annotations

from typing import Any

from sozialraum.accounts.models import Organisation, OrganisationKind, User
from sozialraum.accounts.tests.factories import OrganisationFactory, user_with_role
from sozialraum.civic.models import Idea, IdeaState, VerifiedResident
from sozialraum.civic.services import idea_propose
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District
from sozialraum.lib.access import Role

#: A point inside the district made by :func:`district_make` (the defaults).
LAT, LON = 54.785, 9.405


def district_make(**fields: Any) -> District:
    fields.setdefault("name", "Jürgensby")
    return square_district(9.40, 54.78, **fields)


def resident_make(*, verified: bool = True, **fields: Any) -> User:
    """A resident, by default verified by a city office (so they may support ideas)."""
    user = user_with_role(Role.RESIDENT)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    if verified:
        VerifiedResident.objects.create(user=user)
    return user


def city_organisation(kind: str = OrganisationKind.CITY_PLANNING) -> Organisation:
    return OrganisationFactory.create(kind=kind)


def answerer_make(role: str = Role.PLANNER, kind: str = OrganisationKind.CITY_PLANNING) -> User:
    """A user holding ``role`` in a new organisation of ``kind`` (by default: a planner of
    the city, who answers ideas)."""
    return user_with_role(role, city_organisation(kind))


def idea_make(author: User | None = None, **fields: Any) -> Idea:
    values: dict[str, Any] = {
        "title": "Eine Bank am Spielplatz (fiktiv)",
        "text": "Zum Ausruhen für ältere Menschen.",
        "category": "seating",
        "latitude": LAT,
        "longitude": LON,
        "address": "Spielplatzweg 1",
    }
    values.update(fields)
    return idea_propose(author=author or resident_make(), **values)


def civic_payloads(*, title: str, text: str, address: str, comment: str, answer: str) -> Idea:
    """An idea whose every free-text field (title, text, address, a comment, the city's
    published answer) holds the given texts, for the injection walk."""
    from sozialraum.civic.services import answer_draft, answer_publish, comment_add

    district_make(name="Ideenquartier")
    idea = idea_make(title=title, text=text, address=address)
    comment_add(idea=idea, author=resident_make(), text=comment)
    city = answerer_make()
    draft = answer_draft(
        idea=idea, user=city, state=IdeaState.objects.get(key="planned"), text=answer
    )
    answer_publish(answer=draft, user=city, mail=False)
    return idea

"""Demo ideas in Flensburg (fictional, marked "(fiktiv)"): the demo resident's bench and
two more ideas in other districts, supported by fictional neighbours, one answered by the
demo planner ("planned").

Idempotent: an idea whose title exists is left as it is. Run after the demo users and
Flensburg's districts; without them it reports that it did nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sozialraum.accounts.models import Organisation, User
from sozialraum.accounts.services import user_create
from sozialraum.districts.lookup import point_inside
from sozialraum.districts.models import District
from sozialraum.lib.access import Role

from .models import Idea, IdeaState
from .services import (
    answer_draft,
    answer_publish,
    idea_propose,
    idea_support,
    resident_verify,
)

RESIDENT = "bewohnerin"
PLANNER = "planung"
NEIGHBOURS_ORGANISATION = "nachbarschaftsverein-nordstadt"
#: username, first name (fictional neighbours who support ideas; they cannot sign in).
NEIGHBOURS = (("nachbar-demo-1", "Nele"), ("nachbar-demo-2", "Nils"), ("nachbar-demo-3", "Nora"))

#: district slug, title, text, category, show name, supporters, answer (state, text)
IDEAS: tuple[tuple[str, str, str, str, bool, int, tuple[str, str] | None], ...] = (
    (
        "flensburg-nordstadt",
        "Eine Bank an der Bushaltestelle (fiktiv)",
        "An der Haltestelle warten viele ältere Menschen lange. Eine Bank mit Lehne würde "
        "ihnen helfen.",
        "seating",
        False,
        3,
        (
            "planned",
            "Vielen Dank für Ihre Idee. Das Tiefbauamt stellt im Frühjahr eine Bank mit "
            "Lehne auf. (Demo)",
        ),
    ),
    (
        "flensburg-juergensby",
        "Mehr Bäume auf dem Platz (fiktiv)",
        "Im Sommer ist es auf dem Platz sehr heiß. Bäume würden Schatten geben.",
        "green",
        True,
        2,
        None,
    ),
    (
        "flensburg-muerwik",
        "Abgesenkter Bordstein am Einkaufszentrum (fiktiv)",
        "Mit dem Rollator oder Rollstuhl kommt man dort schlecht über die Straße.",
        "accessibility",
        False,
        1,
        None,
    ),
)


def _neighbours(planner: User) -> list[User]:
    """The demo neighbours who support ideas, verified by the demo planner."""
    organisation = Organisation.objects.get(slug=NEIGHBOURS_ORGANISATION)
    found = []
    for username, first_name in NEIGHBOURS:
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            password=None,
            first_name=first_name,
            last_name="Nachbar (Demo)",
            memberships=[(organisation, Role.RESIDENT)],
        )
        resident_verify(user=user, actor=planner)
        found.append(user)
    return found


def _idea(row: tuple[Any, ...], author: User, neighbours: list[User], planner: User) -> str:
    slug, title, text, category, show_name, supporters, answer = row
    district = District.objects.filter(slug=slug).first()
    lat, lon = point_inside(district) if district else (None, None)
    if lat is None or lon is None:
        return f"civic: district {slug} missing, idea left out"
    idea = idea_propose(
        author=author, title=title, text=text, category=category,
        latitude=lat, longitude=lon, show_name=show_name,
    )  # fmt: skip
    for neighbour in neighbours[:supporters]:
        idea_support(idea=idea, user=neighbour)
    if answer is not None:
        state, answer_text = answer
        draft = answer_draft(
            idea=idea, user=planner, state=IdeaState.objects.get(key=state), text=answer_text
        )
        answer_publish(answer=draft, user=planner, mail=False)
    return f"civic: idea created: {title}"


def demo_ideas_load() -> list[str]:
    """Creates the missing demo ideas and reports each."""
    author = User.objects.filter(username=RESIDENT).first()
    planner = User.objects.filter(username=PLANNER).first()
    if author is None or planner is None:
        return ["civic: demo users missing, no ideas created"]
    lines = []
    with transaction.atomic():
        neighbours = _neighbours(planner)
        for row in IDEAS:
            if Idea.objects.filter(title=row[1]).exists():
                lines.append(f"civic: idea already there: {row[1]}")
                continue
            lines.append(_idea(row, author, neighbours, planner))
    return lines

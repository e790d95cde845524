"""Links on a district team's page to the parts that hold the team's work (worklist,
conferences, ...), registered by those parts in their ``AppConfig.ready`` without this
app importing them::

    from sozialraum.accounts.team_page import TeamLink, team_link_register

    team_link_register(TeamLink(
        key="worklist", title=_("Worklist"), url_name="teamwork:worklist",
        allows=is_team_member, order=10,
    ))

A link's URL takes the team's ``slug``; ``allows(user, team)`` says whether ``user``
may follow it (the page shows only those).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


def _anyone(user: Any, team: Any) -> bool:
    return True


@dataclass(frozen=True)
class TeamLink:
    """One link of the team page: its text, the URL name (taking ``slug``), who may
    follow it, its place."""

    key: str
    title: Any
    url_name: str
    allows: Callable[[Any, Any], bool] = _anyone
    order: int = 100


_LINKS: dict[str, TeamLink] = {}


def team_link_register(link: TeamLink) -> None:
    """Adds (or, with the same key, replaces) a link of the team page."""
    _LINKS[link.key] = link


def team_links(user: Any, team: Any) -> list[tuple[str, str]]:
    """(title, URL) of the links ``user`` may follow on ``team``'s page, in order."""
    links = sorted(_LINKS.values(), key=lambda link: (link.order, link.key))
    return [
        (str(link.title), reverse(link.url_name, kwargs={"slug": team.slug}))
        for link in links
        if link.allows(user, team)
    ]

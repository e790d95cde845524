"""This app's links on a district team's page (registered in
:class:`~.apps.TeamworkConfig`), shown to the team's case-work members only."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.team_page import TeamLink, team_link_register

from .access import is_team_member

LINKS = (
    ("worklist", _("Worklist"), "teamwork:worklist"),
    ("conferences", _("Case conferences"), "teamwork:conferences"),
    ("tasks", _("Tasks"), "teamwork:tasks"),
    ("projects", _("Quartier projects"), "teamwork:projects"),
    ("hours", _("Hours per quarter"), "teamwork:hours"),
)


def register() -> None:
    for order, (key, title, url_name) in enumerate(LINKS, start=10):
        team_link_register(
            TeamLink(key=key, title=title, url_name=url_name, allows=is_team_member, order=order)
        )

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamworkConfig(AppConfig):
    name = "sozialraum.teamwork"
    label = "teamwork"
    verbose_name = _("District team work")

    def ready(self) -> None:
        from . import links, start

        links.register()
        start.register()

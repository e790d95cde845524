from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "sozialraum.planning"
    label = "planning"
    verbose_name = _("Social planning")

    def ready(self) -> None:
        from . import district_links, start

        district_links.register()
        start.register()

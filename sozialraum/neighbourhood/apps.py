from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodConfig(AppConfig):
    name = "sozialraum.neighbourhood"
    label = "neighbourhood"
    verbose_name = _("Neighbourly help")

    def ready(self) -> None:
        from . import export, start

        start.register()
        export.register()

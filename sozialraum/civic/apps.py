from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivicConfig(AppConfig):
    name = "sozialraum.civic"
    label = "civic"
    verbose_name = _("Ideas for the district")

    def ready(self) -> None:
        from . import export, start

        start.register()
        export.register()

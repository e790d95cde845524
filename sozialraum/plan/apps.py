from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "sozialraum.plan"
    label = "plan"
    verbose_name = _("Person-centred planning")

    def ready(self) -> None:
        from . import export, person_section, start

        person_section.register()
        export.register()
        start.register()

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "sozialraum.casework"
    label = "casework"
    verbose_name = _("Case work")

    def ready(self) -> None:
        # The plan's person-page section and its part of the Art. 15 export register
        # themselves when their modules load; load them with the app, not with the URLs.
        from . import export_plan, start, start_plan, views_plan  # noqa: F401

        start.register()
        start_plan.register()

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkMapConfig(AppConfig):
    name = "sozialraum.networkmap"
    label = "networkmap"
    verbose_name = _("Network map")

    def ready(self) -> None:
        from . import export, person_section

        person_section.register()
        export.register()

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarriersConfig(AppConfig):
    name = "sozialraum.barriers"
    label = "barriers"
    verbose_name = _("Neighbourhood walks and barriers")

    def ready(self) -> None:
        from . import district_links, offer_notes, start

        district_links.register()
        offer_notes.register()
        start.register()

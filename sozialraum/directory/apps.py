from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "sozialraum.directory"
    label = "directory"
    verbose_name = _("Offer directory")

    def ready(self) -> None:
        from . import start
        from .residents import start as resident_start

        start.register()
        resident_start.register()

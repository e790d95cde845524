from __future__ import annotations

from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared helpers; an app only so that the base templates and static files are found."""

    name = "sozialraum.lib"
    label = "lib"

    def ready(self) -> None:
        # Registers the ``<id:...>`` path converter before any URLconf is loaded.
        from . import converters  # noqa: F401

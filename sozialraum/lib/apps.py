from __future__ import annotations

from django.apps import AppConfig


class LibConfig(AppConfig):
    """Shared helpers: the base templates and static files, and the public data's version
    (:mod:`sozialraum.lib.dataversion`)."""

    name = "sozialraum.lib"
    label = "lib"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Registers the ``<id:...>`` path converter before any URLconf is loaded.
        from . import converters  # noqa: F401
        from .dataversion import triggers_install_after_migrate

        # After every migrate and flush: tables added since are watched too.
        post_migrate.connect(triggers_install_after_migrate, sender=self)

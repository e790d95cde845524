from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "sozialraum.audit"
    label = "audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .triggers import triggers_ensure_after_migrate

        # A flush (as tests between transactional cases do) may drop the triggers on
        # SQLite; post_migrate follows every migrate and flush and puts them back.
        post_migrate.connect(triggers_ensure_after_migrate, sender=self)

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "sozialraum.budgets"
    label = "budgets"
    verbose_name = _("Pooled budgets")

    def ready(self) -> None:
        from . import start

        start.register()

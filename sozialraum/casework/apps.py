from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "sozialraum.casework"
    label = "casework"
    verbose_name = _("Case work")

    def ready(self) -> None:
        from sozialraum.lib.access import access_refused

        from . import start
        from .access import role_refusal_log

        start.register()
        access_refused.connect(role_refusal_log, dispatch_uid="casework_role_refusal_log")

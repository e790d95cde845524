from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data and its `sozialraum demo` command."""

    name = "sozialraum.demo"
    label = "demo"
    verbose_name = _("Demo")

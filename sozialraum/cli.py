"""The `sozialraum` command: Django's management commands (`sozialraum migrate`, `sozialraum
demo`, `sozialraum import_population`, ...) with the project's settings."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)

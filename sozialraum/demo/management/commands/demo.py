from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sozialraum.demo.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = (
        "Loads the demo: Flensburg's and Kiel's real districts and population from the copies "
        "in sozialraum/demo/data, fictional organisations, a district team and one user per "
        "role. Idempotent: what exists already is left alone. Prints the demo logins."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo_load()
        for line in report.lines:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD})"))
        for login in report.logins:
            self.stdout.write(f"  {login.username:<14} {login.role:<16} {login.organisation}")
            if login.recovery_codes:
                codes = " ".join(login.recovery_codes)
                self.stdout.write(f"  {'':<14} zweiter Faktor – Wiederherstellungscodes: {codes}")
        self.stdout.write(
            "Mitarbeitende melden sich mit Passwort und einem Wiederherstellungscode an "
            "(jeder Code gilt einmal) oder richten eine Authenticator-App ein."
        )
        self.stdout.write(f"demo: {len(report.logins)} logins ready")

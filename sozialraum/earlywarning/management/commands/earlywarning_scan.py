"""Evaluates the early-warning rules that follow from dates and data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sozialraum.earlywarning.scan import early_warning_scan


class Command(BaseCommand):
    help = (
        "Evaluates the active early-warning rules based on dates and data (80 or older "
        "living alone, 75th/80th birthday ahead, no contact for N weeks, network map shrank "
        "or shows a newly deceased contact) for every open case with a district, and puts "
        "each person found on the outreach list of the district teams that may see them. "
        "Idempotent: a rule fires once per person, team and occasion. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(early_warning_scan().summary)

"""Remind providers of their stale offers (a scheduled job, e.g. daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.directory.services_editing import stale_reminders_send


class Command(BaseCommand):
    help = (
        "Finds offers nobody confirmed within OFFER_STALE_DAYS days (residents no longer "
        "find them) and mails each provider organisation the list of its stale offers: to "
        "the organisation's e-mail address, or else to its provider editors. A provider "
        "already reminded within the last 7 days is not mailed again, so running this "
        "repeatedly is safe. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="Address of the site put before the links in the mail, e.g. "
            "https://sozialraum.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = stale_reminders_send(base_url=options["base_url"].rstrip("/"))
        self.stdout.write(report.summary)

"""Scheduled (e.g. daily): e-mail each help group member the new posts near them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.neighbourhood.digest import digests_send


class Command(BaseCommand):
    help = (
        "E-mails every verified help group member with an e-mail address the open posts of "
        "others posted since their last digest in districts near them and in the categories "
        "they help with (no e-mail when there is nothing new), records each digest sent, and "
        "prints a one-line summary. Idempotent: a post is listed to a member once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links, e.g. https://sozialraum.example",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = digests_send(base_url=options["base_url"].rstrip("/"))
        self.stdout.write(f"{run.sent} digest(s) sent, listing {run.posts} post(s).")

"""What the offer import commands share: their options and how they print the outcome."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sozialraum.directory.exchange.imports import OfferImportReport
from sozialraum.lib.commands import add_encoding_argument, add_import_flags


def import_arguments(parser: CommandParser, default: Path, what: str) -> None:
    """--path (default: the shipped demo file), --skip-invalid, --dry-run and --encoding."""
    parser.add_argument(
        "--path", type=Path, default=default, help=f"{what} (default: the shipped demo data)."
    )
    import_flags(parser)


def import_flags(parser: CommandParser) -> None:
    """--skip-invalid, --dry-run and --encoding, as every import command takes them."""
    add_import_flags(
        parser, dry_run_help="Write nothing; list the offers that would be created or updated."
    )
    add_encoding_argument(parser, "the input files (JSON and CSV)")


def write_report(command: BaseCommand, report: OfferImportReport) -> None:
    """Prints skipped records to stderr; in a dry run each change to stdout; then the
    summary line."""
    for problem in report.problems:
        command.stderr.write(_("Skipped: %(problem)s") % {"problem": problem})
    if report.dry_run:
        for outcome in report.changed:
            fields = f" ({', '.join(outcome.fields)})" if outcome.fields else ""
            command.stdout.write(f"{outcome.action}: {outcome.external_id} {outcome.name}{fields}")
    command.stdout.write(report.summary)

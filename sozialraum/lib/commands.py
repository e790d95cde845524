"""What management commands share: reporting a failed import, a progress bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NoReturn, Protocol

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.utils.translation import gettext as _

from .textfiles import DEFAULT_ENCODING


class HasProblems(Protocol):
    """An import error carrying its problems (``file, line N, field F: reason``)."""

    @property
    def problems(self) -> Sequence[object]: ...


def raise_with_problems(
    command: BaseCommand, error: HasProblems, *, skip_invalid: bool = False
) -> NoReturn:
    """Prints each problem to stderr and stops the command with a CommandError; the
    closing line suggests --skip-invalid only when it was not given."""
    for problem in error.problems:
        command.stderr.write(str(problem))
    if skip_invalid:
        message = _("Nothing imported: %(count)d problems.")
    else:
        message = _("Nothing imported: %(count)d problems (--skip-invalid imports the rest).")
    raise CommandError(message % {"count": len(error.problems)})


def add_skip_invalid_argument(parser: CommandParser) -> None:
    """The ``--skip-invalid`` option of commands that import files of entries."""
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="Leave invalid entries out, import the rest and list what was skipped "
        "(a file that cannot be read or holds nothing valid still stops the import).",
    )


def add_import_flags(parser: CommandParser, *, dry_run_help: str) -> None:
    """--skip-invalid and --dry-run, as every import command takes them."""
    add_skip_invalid_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help=dry_run_help)


def add_encoding_argument(parser: CommandParser, files: str = "") -> None:
    """The ``--encoding`` option of commands that read text files: of the CSV files (JSON
    files then are always UTF-8), or of the ``files`` named."""
    what = f"Encoding of {files}" if files else "Encoding of the CSV files"
    parser.add_argument(
        "--encoding",
        default=DEFAULT_ENCODING,
        help=f"{what} (default: UTF-8, with or without byte-order mark; e.g. latin-1 or "
        "cp1252)." + ("" if files else " JSON files are always UTF-8."),
    )


#: Fewest records for which a progress bar is worth drawing.
PROGRESS_MINIMUM = 100
_BAR_WIDTH = 30


def progress_bar(stream: OutputWrapper, label: str) -> Callable[[int, int], None]:
    """A callback ``(done, total)`` that draws ``label [#####-----] done/total`` on one
    terminal line of ``stream``, and ends the line when done. Draws nothing when the
    stream is not a terminal (a log, a pipe) or the run has fewer than
    :data:`PROGRESS_MINIMUM` records; redraws at most once per per cent."""
    is_terminal = stream.isatty()
    drawn = [-1]

    def draw(done: int, total: int) -> None:
        if not is_terminal or total < PROGRESS_MINIMUM:
            return
        percent = done * 100 // total
        if percent == drawn[0] and done != total:
            return
        drawn[0] = percent
        filled = done * _BAR_WIDTH // total
        bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
        end = "\n" if done >= total else ""
        stream.write(f"\r{label} [{bar}] {done}/{total}{end}", ending="")
        stream.flush()

    return draw

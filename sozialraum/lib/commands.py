"""What management commands share: reporting a failed import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn, Protocol

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class HasProblems(Protocol):
    """An import error carrying its problems (``file, line N, field F: reason``)."""

    @property
    def problems(self) -> Sequence[object]: ...


def raise_with_problems(command: BaseCommand, error: HasProblems) -> NoReturn:
    """Prints each problem to stderr and stops the command with a CommandError."""
    for problem in error.problems:
        command.stderr.write(str(problem))
    raise CommandError(
        _("Nothing imported: %(count)d problems (--skip-invalid imports the rest).")
        % {"count": len(error.problems)}
    )

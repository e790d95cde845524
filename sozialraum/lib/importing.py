"""What every import of published data reports: the problems it met (:class:`ImportProblem`:
file, line, field, reason) and, when it writes nothing because of them,
:class:`DataImportError` with all of them. District, directory and network-map imports
share these, so a command or page shows any import's problems the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ImportProblem:
    """Why one cell, line or file could not be imported; ``line`` and ``field`` are None
    when the problem concerns a whole file or line. ``whole_file``: the file could not be
    read or gave nothing; no import goes on past such a problem, skipping or not."""

    file: str
    line: int | None
    field: str | None
    message: str
    whole_file: bool = False

    @property
    def record(self) -> tuple[str, str]:
        """Which record the problem is about (its line, or its feature), so that several
        problems of one record count once."""
        if self.line is not None:
            return (self.file, str(self.line))
        return (self.file, (self.field or "").split(".")[0])

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place = _("%(place)s, line %(line)d") % {"place": place, "line": self.line}
        if self.field is not None:
            place = _("%(place)s, field %(field)s") % {"place": place, "field": self.field}
        return f"{place}: {self.message}"


class DataImportError(Exception):
    """The input has problems and nothing was written; ``problems`` lists all of them."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

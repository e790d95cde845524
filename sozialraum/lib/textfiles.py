"""Reading an import's text file in a given encoding, with a message that names the file
and the line where decoding failed (importers report it as a problem of the whole file)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

#: What importers read unless told otherwise (a UTF-8 byte-order mark is dropped).
DEFAULT_ENCODING = "utf-8-sig"


class TextFileError(Exception):
    """The file cannot be read or decoded; ``line`` is where decoding failed, if known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_text(path: Path, encoding: str = DEFAULT_ENCODING) -> str:
    """The text of ``path`` decoded as ``encoding``; TextFileError if it cannot be read,
    the encoding is unknown, or a byte does not decode (naming that byte's line)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TextFileError(_("cannot be read: %(error)s") % {"error": error.strerror}) from error
    try:
        return data.decode(encoding)
    except LookupError as error:
        raise TextFileError(_("unknown encoding %(encoding)s") % {"encoding": encoding}) from error
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = _(
            "is not %(encoding)s text (byte %(byte)d; give its encoding with --encoding, "
            "e.g. --encoding latin-1)"
        ) % {"encoding": encoding, "byte": error.start}
        raise TextFileError(message, line) from error

"""Reading the text out of a PDF made by reportlab, for assertions: its content streams
inflated, and the strings of the text operators joined."""

from __future__ import annotations

import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
_STRING = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def pdf_text(data: bytes) -> str:
    """The text shown by ``Tj`` operators in every (Flate or ASCII85+Flate) stream."""
    texts = []
    for raw in _STREAM.findall(data):
        content = _inflate(raw)
        for match in _STRING.findall(content):
            texts.append(_unescape(match).decode("cp1252", errors="replace"))
    return " ".join(texts)


def _inflate(raw: bytes) -> bytes:
    for candidate in (raw, _ascii85(raw)):
        try:
            return zlib.decompress(candidate)
        except (zlib.error, ValueError, TypeError):
            continue
    return raw


def _ascii85(raw: bytes) -> bytes:
    import base64

    text = raw.strip()
    if text.endswith(b"~>"):
        text = text[:-2]
    return base64.a85decode(text)


def _unescape(value: bytes) -> bytes:
    """PDF string escapes: ``\\(``, ``\\)``, ``\\\\`` and octal ``\\ddd``."""

    def one(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        return bytes([int(escaped, 8)]) if escaped[:1].isdigit() else escaped

    return re.sub(rb"\\([0-7]{1,3}|.)", one, value)

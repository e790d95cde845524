"""Notes beside a place's accessibility facts on the offer page, from parts that know
more about the place (a neighbourhood walk's report), registered in their
``AppConfig.ready`` without this app importing them::

    from sozialraum.directory.place_notes import place_notes_register

    place_notes_register("barriers", walk_notes)  # (places) -> {place pk: [text, ...]}

The notes are plain text; the template escapes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

PlaceNotes = Callable[[Sequence[Any]], dict[int, list[str]]]

_SOURCES: dict[str, PlaceNotes] = {}


def place_notes_register(key: str, source: PlaceNotes) -> None:
    """Adds (or, with the same key, replaces) a source of notes."""
    _SOURCES[key] = source


def place_notes(places: Sequence[Any]) -> dict[int, list[str]]:
    """Every registered source's notes on these places, by place pk."""
    notes: dict[int, list[str]] = {}
    if not places:
        return notes
    for key in sorted(_SOURCES):
        for pk, texts in _SOURCES[key](places).items():
            notes.setdefault(pk, []).extend(texts)
    return notes

"""German compounds split from the collection's own words: "Seniorengymnastik" is
"Senioren" + "Gymnastik" because the offers use "Senioren" on its own; "Nachbarschaftstreff"
is "Wald" + "Kita" because they use "Kita". No dictionary: a split is accepted only where
the collection knows a part as a word of its own.

The index uses :func:`split` on every word it holds (``index.py``: an offer with
"Seniorengymnastik" is also found by "Gymnastik"); a query uses it on a word the index
does not know (``repair.py``: "Seniorentreff" looks for "Senioren" and "Treff").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

#: Linking elements a modifier may end in ("Beratung-s-stelle", "Senior-en-treff").
LINKS = ("s", "n", "en", "es", "e", "er")
#: The shortest modifier and head a split may leave.
MIN_MODIFIER = 3
MIN_HEAD = 4
#: The shortest known word that makes the rest of a word its part.
MIN_KNOWN = 4
#: Endings of derived words, never a head of their own.
_SUFFIX_TEXT = """
    ungen schaft schaften heiten keiten lichen liche licher liches ischen ische isches
    ierung ierungen ation ationen erinnen innen chen lein ismus istin isten
"""
SUFFIXES = frozenset(_SUFFIX_TEXT.split())
#: How deep a part is split again ("Seniorenmittagstisch" -> "Senioren" + "Mittagstisch").
MAX_DEPTH = 2


def modifier_forms(modifier: str) -> list[str]:
    """A modifier as written and without each linking element it may end in."""
    forms = [modifier]
    for link in LINKS:
        if modifier.endswith(link) and len(modifier) - len(link) >= MIN_MODIFIER:
            forms.append(modifier[: -len(link)])
    return forms


def cuts(word: str) -> Iterator[tuple[str, str]]:
    """Every (modifier, head) a word may be cut into, the longest head first."""
    if not word.isalpha():
        return
    for start in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        yield word[:start], word[start:]


def candidates(word: str) -> set[str]:
    """Every part :func:`split` may ask ``known`` about."""
    found: set[str] = set()
    for modifier, head in cuts(word):
        found.add(head)
        found.update(modifier_forms(modifier))
    return found


def split(
    word: str, known: Callable[[str], bool], *, depth: int = MAX_DEPTH, both: bool = False
) -> list[str]:
    """The parts of ``word`` (none if it is not a compound of known parts): the cut whose
    head and modifier are both ``known`` words (the longest head first), else the one with
    the longest known head, else the one with the longest known modifier. ``both``: only
    a cut into two known words. The parts are split again, ``depth`` levels in all."""
    return sorted(_split(word, known, depth, both))


def _split(word: str, known: Callable[[str], bool], depth: int, both: bool) -> set[str]:
    if depth == 0:
        return set()
    options = list(cuts(word))

    def sure(part: str) -> bool:
        return len(part) >= MIN_KNOWN and part not in SUFFIXES and known(part)

    def modifier(cut: tuple[str, str]) -> str | None:
        return next((form for form in modifier_forms(cut[0]) if sure(form)), None)

    rules: list[tuple[Callable[[tuple[str, str]], bool], list[tuple[str, str]]]] = [
        (lambda cut: sure(cut[1]) and modifier(cut) is not None, options),
        (lambda cut: sure(cut[1]), options),
        (lambda cut: modifier(cut) is not None, options[::-1]),
    ]
    for rule, order in rules[:1] if both else rules:
        chosen = next((cut for cut in order if rule(cut) and cut[1] not in SUFFIXES), None)
        if chosen is None:
            continue
        first = modifier(chosen) or chosen[0]
        parts = {first, chosen[1]}
        for part in (first, chosen[1]):
            parts |= _split(part, known, depth - 1, both)
        return parts
    return set()

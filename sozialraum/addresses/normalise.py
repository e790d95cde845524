"""German addresses as people write them, reduced to keys that compare equal.

Rules (each with a test in ``tests/test_normalise.py``):

- Case is ignored; "ß" is "ss"; umlauts and their transcriptions are the same
  ("Müller" = "Mueller"); other accents are dropped ("Café" = "Cafe").
- Punctuation and spaces do not separate names: "Schauenburger Straße",
  "Schauenburgerstraße" and "Schauenburger-Straße" have one key.
- "Str." / "str" / "Straße" / "Strasse" at the end of a word are one ending; the words
  "St." (Sankt) and "Pl." (Platz) are written out.
- A house number is a number with an optional one-letter suffix ("10a" = "10 a" = "10A")
  or a range ("1-4", "1–4"); a range stands for its first number.
- A postcode is five digits anywhere in the text; the city is what is left beside the
  street and number, before or after them, with or without a comma.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TRANSCRIPTIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")

#: Whole words written out before comparing (after folding).
_ABBREVIATIONS = {"st": "sankt", "pl": "platz"}

#: "...str" at the end of a word is "...strasse" ("Hauptstr.", "Str.").
_STREET_ENDING = "str"

_POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_HOUSE_NUMBER = re.compile(
    r"(?<![\w])(?P<number>\d{1,4})\s*(?P<suffix>[^\W\d_])?"
    r"(?:\s*[-–]\s*(?P<last>\d{1,4})\s*[^\W\d_]?)?(?![\w])"
)
_PARTS = re.compile(r"[,;\n]+")


def fold(text: str) -> str:
    """Lower case, umlauts transcribed, "ß" as "ss", accents dropped, and every run of
    other characters than letters and digits as one space (no leading or trailing)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_TRANSCRIPTIONS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_ALPHANUMERIC.sub(" ", text).strip()


def _word(word: str) -> str:
    word = _ABBREVIATIONS.get(word, word)
    if word.endswith(_STREET_ENDING):
        return f"{word}asse"
    return word


def street_key(name: str) -> str:
    """The key of a street name: folded, abbreviations written out, words joined."""
    return "".join(_word(word) for word in fold(name).split())


def place_key(name: str) -> str:
    """The key of a city name ("Mülheim an der Ruhr" -> "muelheimanderruhr")."""
    return "".join(fold(name).split())


@dataclass(frozen=True)
class HouseNumber:
    """A house number: ``number`` with a lower-case one-letter ``suffix`` ("" if none);
    ``last`` is the end of a range ("1-4": number 1, last 4), else None."""

    number: int
    suffix: str = ""
    last: int | None = None

    def __str__(self) -> str:
        text = f"{self.number}{self.suffix}"
        return f"{text}-{self.last}" if self.last is not None else text

    def covers(self, number: int) -> bool:
        """Whether ``number`` is this number or lies in its range."""
        return self.number <= number <= (self.last if self.last is not None else self.number)


def _house_number(match: re.Match[str]) -> HouseNumber:
    last = match["last"]
    first = int(match["number"])
    return HouseNumber(
        number=first,
        suffix=(match["suffix"] or "").casefold(),
        last=int(last) if last is not None and int(last) > first else None,
    )


def house_number_parse(text: str, suffix: str = "") -> HouseNumber | None:
    """The house number written as ``text`` ("10a", "10 a", "1-4"), with a suffix given
    separately in ``suffix`` (as official data keep it); None if ``text`` is none."""
    match = _HOUSE_NUMBER.fullmatch(f"{text.strip()}{suffix.strip()}")
    return None if match is None else _house_number(match)


@dataclass(frozen=True)
class ParsedAddress:
    """An address typed as one line, taken apart: ``street`` is the text before the house
    number (None when no number was found), ``others`` the remaining texts (the city,
    or, without a number, street and city in the order written), ``postcode`` the five
    digits found anywhere ("" if none)."""

    street: str | None
    number: HouseNumber | None
    postcode: str
    others: tuple[str, ...]


def address_parse(text: str) -> ParsedAddress:
    """``text`` taken apart into street, house number, postcode and the rest."""
    postcode_match = _POSTCODE.search(text)
    postcode = postcode_match.group(1) if postcode_match else ""
    if postcode_match:
        text = text[: postcode_match.start()] + " " + text[postcode_match.end() :]
    parts = [part.strip() for part in _PARTS.split(text)]
    parts = [part for part in parts if fold(part)]
    for index, part in enumerate(parts):
        # The last number with words before it: "Straße des 17. Juni 5" is number 5.
        matches = [m for m in _HOUSE_NUMBER.finditer(part) if fold(part[: m.start()])]
        if matches:
            match = matches[-1]
            rest = [part[match.end() :], *parts[:index], *parts[index + 1 :]]
            others = tuple(other.strip() for other in rest if fold(other))
            street = part[: match.start()].strip()
            return ParsedAddress(street, _house_number(match), postcode, others)
    return ParsedAddress(None, None, postcode, tuple(parts))

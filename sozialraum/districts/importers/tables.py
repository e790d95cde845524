"""Any city's population table: residents by district, year and age band, as a long table
(one row per district, year and band: statistics offices' GENESIS exports) or a wide one
(one row per district, a column per band), in CSV with ``;``, ``,``, tab or ``|``.

Numbers are read as German statistics write them: ``1.306``, ``1 306``, ``1306``, ``1306,0``;
the DIN 55301 / GENESIS symbols ``.`` (unknown or secret), ``-`` (nothing), ``x`` (not
applicable), ``/`` (not reliable) and ``...`` are missing values, never numbers. Age bands
are read from German labels ("0 bis unter 3", "00 - < 03", "75 und älter", "unter 18") or
the platform's notation (``0-17``, ``65+``, ``total``). The bands found are checked for
gaps and overlaps and mapped onto the platform's standard bands (see
:data:`~sozialraum.districts.selectors.STANDARD_BANDS`), and the report says how.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from sozialraum.lib.importing import ImportProblem
from sozialraum.lib.text import UMLAUTS
from sozialraum.lib.textfiles import DEFAULT_ENCODING

from ..models import band_label
from ..population import STANDARD_BANDS, TOTAL, Band, PopulationData, band_order
from .records import ParsedImport, PopulationRecord, Progress, parse_year, read_rows

LONG = "long"
WIDE = "wide"
BY_CODE = "code"
BY_NAME = "name"

#: DIN 55301 / GENESIS symbols for a value that is not a number.
MISSING_SYMBOLS = frozenset({".", "-", "x", "X", "/", "...", "…", "–"})
_NUMBER = re.compile(r"[0-9]{1,3}(?:([. \u00a0\u202f])[0-9]{3})*(?:,0+)?|[0-9]+(?:,0+)?")

_AGE = r"0*(?P<{}>[0-9]{{1,3}})"
_BAND_PATTERNS = (
    # "0 bis unter 3", "00 - < 03", "3 bis unter 6 Jahre", "0-3" is NOT here (inclusive below)
    re.compile(rf"{_AGE.format('start')}\s*(?:bis\s+unter|-\s*<|–\s*<)\s*{_AGE.format('end')}"),
    # "unter 18", "unter 3 Jahre", "< 3"
    re.compile(rf"(?:unter|<)\s*{_AGE.format('end')}"),
    # "75 und älter", "80 und aelter", "75 Jahre und mehr", "65+", "65 und ueber"
    re.compile(rf"{_AGE.format('start')}\s*(?:\+|und\s+(?:älter|aelter|mehr|über|ueber))"),
    re.compile(rf"(?:über|ueber|ab)\s*{_AGE.format('start')}"),
    # "0-17", "18 bis 29", "6 – 9": both ends included
    re.compile(rf"{_AGE.format('start')}\s*(?:-|–|bis)\s*{_AGE.format('last')}"),
)
_TOTAL_LABELS = {"total", "insgesamt", "gesamt", "summe", "alle", "zusammen", "einwohner"}
_UNIT_WORDS = re.compile(r"\b(?:jahren?|j\.|j)\b|\bjahre\b")


def parse_band(text: str) -> Band | None:
    """The band ``[age_from, age_to)`` a label names, or None if it names none.

    >>> parse_band("0 bis unter 3"), parse_band("75 und älter"), parse_band("unter_18")
    ((0, 3), (75, None), (0, 18))
    """
    label = unicodedata.normalize("NFC", text).replace("_", " ").casefold().strip()
    label = " ".join(_UNIT_WORDS.sub(" ", label).split())
    if label in _TOTAL_LABELS:
        return TOTAL
    for pattern in _BAND_PATTERNS:
        match = pattern.fullmatch(label)
        if match is None:
            continue
        groups = match.groupdict()
        start = int(groups.get("start") or 0)
        if groups.get("last") is not None:
            end: int | None = int(groups["last"]) + 1
        else:
            end = int(groups["end"]) if groups.get("end") is not None else None
        if end is None or end > start:
            return (start, end)
    return None


def parse_number(text: str) -> int | None:
    """A count as German statistics write it, None for a DIN 55301 symbol (missing);
    ValueError for anything else (a fraction, a stray character)."""
    value = text.strip()
    if value in MISSING_SYMBOLS:
        return None
    match = _NUMBER.fullmatch(value)
    if match is None:
        raise ValueError(_('"%(value)s" is not a whole number') % {"value": text})
    digits = value.split(",")[0]
    return int(re.sub(r"[. \u00a0\u202f]", "", digits))


@dataclass(frozen=True)
class TableOptions:
    """How to read a population table.

    Both: ``year_field`` (a column of years or reference dates) or ``year``. Long:
    ``age_field`` and ``value_field``; ``where`` keeps only rows whose column holds the
    value (e.g. ``Geschlecht=Insgesamt``). Wide: ``bands``, each ``(column, band label)``,
    the label optionally with the column's own year (``total@2011``); without ``bands``
    every column whose header is an age label is a band. ``district_by``: the district
    field holds the code (the part after ``city:``) or the name. ``columns``: the file has
    no header line and these are its columns. ``name_field``: a column that must hold
    (nearly) the name of the district found by code (guards against a renumbering).
    ``complete``: a gap or overlap between the bands is a problem, not only a note.
    """

    layout: str
    district_field: str
    district_by: str = BY_CODE
    year: int | None = None
    year_field: str | None = None
    age_field: str | None = None
    value_field: str | None = None
    where: tuple[tuple[str, str], ...] = ()
    bands: tuple[tuple[str, str], ...] = ()
    encoding: str = DEFAULT_ENCODING
    source: str = ""
    columns: tuple[str, ...] = ()
    name_field: str | None = None
    complete: bool = False

    def arguments(self) -> list[str]:
        """The options of ``sozialraum import_population`` that give these options."""
        flags: list[tuple[str, object]] = [
            ("--layout", self.layout),
            ("--district-field", self.district_field),
            ("--district-by", self.district_by),
            ("--year", self.year),
            ("--year-field", self.year_field),
            ("--age-field", self.age_field),
            ("--value-field", self.value_field),
            *(("--where", f"{column}={value}") for column, value in self.where),
            *(("--band", f"{column}={band}") for column, band in self.bands),
            ("--columns", ",".join(self.columns)),
            ("--name-field", self.name_field),
            ("--source", self.source),
        ]
        words = [word for flag, value in flags if value for word in (flag, str(value))]
        return words + (["--complete"] if self.complete else [])


def name_key(name: str) -> str:
    """How district names are compared: case, umlaut spelling, blanks, ``_``, ``-``, ``/`` and a
    leading number ("03 Nordstadt" is "Nordstadt") do not matter."""
    folded = unicodedata.normalize("NFC", name).translate(UMLAUTS).casefold()
    words = re.sub(r"[-_/]", " ", folded).split()
    return " ".join(words[1:] if len(words) > 1 and words[0].isdigit() else words)


#: How alike (difflib ratio of :func:`name_key`) a name must be to the district's name
#: (``name_field``): enough for Kiel's "Bluecherpatz", not for another district's name.
NAME_SIMILARITY = 0.85


def same_name(name: str, canonical: str) -> bool:
    """Whether ``name`` is (nearly) ``canonical``: a misspelling, not another name."""
    ratio = difflib.SequenceMatcher(None, name_key(name), name_key(canonical)).ratio()
    return ratio >= NAME_SIMILARITY


def split_band(label: str) -> tuple[str, int | None]:
    """A band label and the year it carries: ``"total@2011"`` is ``("total", 2011)``;
    ValueError for a year that is not one."""
    band, separator, year = label.partition("@")
    if not separator:
        return label, None
    if not re.fullmatch(r"[0-9]{4}", year.strip()):
        raise ValueError(_('"%(year)s" is not a year') % {"year": year})
    return band.strip(), int(year)


@dataclass(frozen=True)
class _Column:
    position: int
    field: str
    band: Band
    year: int | None = None


class _Reader:
    """Reads one table into ``parsed``: the state shared by the steps."""

    def __init__(
        self,
        path: Path,
        options: TableOptions,
        districts: Mapping[str, str],
        city: str,
        progress: Progress | None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.file = path.name
        self.options = options
        self.districts = districts
        self.names = names or {}
        self.city = city
        self.parsed = ParsedImport(encoding=options.encoding)
        self.rows = read_rows(path, self.parsed, delimiter=None)
        #: The header line's number; None for a file without one (``columns``).
        self.header_line: int | None = None
        self.header: list[str] = list(options.columns)
        if self.rows and not options.columns:
            self.header_line = self.rows[0][0]
            self.header = [" ".join(c.split()) for c in self.rows[0][1]]
        self.name_position = -1
        self.seen: dict[tuple[str, int, Band], int] = {}
        self.missing = 0
        self.filtered = 0
        self.progress = progress

    def data_rows(self) -> Iterator[tuple[int, list[str]]]:
        """The rows after the header, telling ``progress`` of each."""
        rows = self.rows[0 if self.header_line is None else 1 :]
        for number, row in enumerate(rows, 1):
            if self.progress is not None:
                self.progress(number, len(rows))
            yield row

    def position(self, field: str, option: str) -> int | None:
        if field in self.header:
            return self.header.index(field)
        message = _('has no column "%(field)s" (%(option)s); its columns are: %(columns)s') % {
            "field": field,
            "option": option,
            "columns": ", ".join(self.header),
        }
        self.parsed.file_problem(self.file, message, self.header_line)
        return None

    def find_name_field(self) -> bool:
        """Where ``name_field`` is (if given); False if the file lacks it."""
        if self.options.name_field is None:
            return True
        position = self.position(self.options.name_field, "--name-field")
        self.name_position = -1 if position is None else position
        return position is not None

    def district(self, line: int, row: list[str], position: int) -> str | None:
        value = " ".join(row[position].split())
        if self.options.district_by == BY_NAME:
            code = self.districts.get(name_key(value))
        else:
            code = f"{self.city}:{value}"
            code = code if code in self.districts.values() else None
        if code is None:
            message = _('"%(value)s" is not a district of %(city)s') % {
                "value": value,
                "city": self.city,
            }
            self.parsed.problem(self.file, line, self.options.district_field, message)
        elif self.name_position >= 0:
            return self.checked_name(line, row, code, value)
        return code

    def checked_name(self, line: int, row: list[str], code: str, value: str) -> str | None:
        """``code`` if the row's name is (nearly) the district's, else a problem."""
        name = " ".join(row[self.name_position].split())
        canonical = self.names.get(code, name)
        if same_name(name, canonical):
            return code
        message = _('"%(name)s" is not the name of district %(value)s (%(canonical)s)') % {
            "name": name,
            "value": value,
            "canonical": canonical,
        }
        self.parsed.problem(self.file, line, self.options.name_field, message)
        return None

    def count(
        self, line: int, code: str, year: int, column: _Column, text: str
    ) -> PopulationRecord | None:
        try:
            count = parse_number(text)
        except ValueError as error:
            self.parsed.problem(self.file, line, column.field, str(error))
            return None
        if count is None:
            self.missing += 1
            return None
        key = (code, year, column.band)
        if key in self.seen:
            message = _("%(band)s of %(code)s in %(year)d appears twice (first on line %(line)d)")
            self.parsed.problem(
                self.file,
                line,
                column.field,
                message
                % {
                    "band": band_label(*column.band),
                    "code": code,
                    "year": year,
                    "line": self.seen[key],
                },
            )
            return None
        self.seen[key] = line
        source = self.options.source or self.file
        return PopulationRecord(
            code, year, *column.band, count, source, self.file, line, column.field
        )

    def wide(self) -> None:
        options = self.options
        district = self.position(options.district_field, "--district-field")
        year = self.position(options.year_field, "--year-field") if options.year_field else -1
        columns = self.wide_columns()
        named = self.find_name_field()
        if district is None or year is None or not columns or not named:
            return
        for line, row in self.data_rows():
            if len(row) < len(self.header):
                self.width_problem(line, row)
                continue
            row_year = self.year(line, row, year)
            code = self.district(line, row, district)
            if code is None:
                continue
            for column in columns:
                the_year = row_year if column.year is None else column.year
                if the_year is None:
                    continue
                record = self.count(line, code, the_year, column, row[column.position])
                if record is not None:
                    self.parsed.population.append(record)

    def wide_columns(self) -> list[_Column]:
        pairs = self.options.bands or tuple(
            (field, field) for field in self.header if parse_band(field) is not None
        )
        columns = []
        for field, given in pairs:
            try:
                label, year = split_band(given)
            except ValueError as error:
                self.parsed.file_problem(self.file, str(error))
                continue
            band = parse_band(label)
            if band is None:
                message = _('"%(label)s" is not an age band (e.g. 0-17, 65+, total)')
                self.parsed.file_problem(self.file, message % {"label": label})
                continue
            position = self.position(field, "--band")
            if position is not None:
                columns.append(_Column(position, field, band, year))
        if not pairs:
            self.parsed.file_problem(self.file, _("has no column that is an age band"))
        return columns

    def long(self) -> None:
        options = self.options
        district = self.position(options.district_field, "--district-field")
        age = self.position(options.age_field or "", "--age-field")
        value = self.position(options.value_field or "", "--value-field")
        year = self.position(options.year_field, "--year-field") if options.year_field else -1
        filters = [(self.position(column, "--where"), wanted) for column, wanted in options.where]
        named = self.find_name_field()
        if None in (district, age, value, year) or any(p is None for p, _w in filters) or not named:
            return
        assert district is not None and age is not None and value is not None and year is not None
        for line, row in self.data_rows():
            if len(row) < len(self.header):
                self.width_problem(line, row)
                continue
            if any(row[p].strip() != wanted for p, wanted in filters if p is not None):
                self.filtered += 1
                continue
            self.long_row(line, row, district, age, value, year)

    def long_row(
        self, line: int, row: list[str], district: int, age: int, value: int, year: int
    ) -> None:
        options = self.options
        band = parse_band(row[age])
        if band is None:
            message = _('"%(label)s" is not an age band') % {"label": row[age].strip()}
            self.parsed.problem(self.file, line, options.age_field, message)
            return
        the_year = self.year(line, row, year)
        code = self.district(line, row, district)
        if code is None or the_year is None:
            return
        column = _Column(value, options.value_field or "", band)
        record = self.count(line, code, the_year, column, row[value])
        if record is not None:
            self.parsed.population.append(record)

    def year(self, line: int, row: list[str], position: int) -> int | None:
        """The row's year: from its year column (``position`` >= 0), else ``--year``."""
        if position < 0:
            return self.options.year
        try:
            return parse_year(row[position])
        except ValueError as error:
            self.parsed.problem(self.file, line, self.options.year_field, str(error))
            return None

    def width_problem(self, line: int, row: list[str]) -> None:
        message = _("expected %(expected)d fields, found %(found)d") % {
            "expected": len(self.header),
            "found": len(row),
        }
        self.parsed.problem(self.file, line, None, message)


def read_table(
    path: Path,
    options: TableOptions,
    districts: Mapping[str, str],
    city: str,
    progress: Progress | None = None,
    names: Mapping[str, str] | None = None,
) -> ParsedImport:
    """Residents by district, year and band from the table at ``path``.

    ``districts``: the city's districts, code by :func:`name_key` of the name; ``city``:
    the city's code; ``names``: their names by code (for ``name_field``). Rows naming
    another district are problems. Where the bands of a district and year cover every age
    without gap or overlap and the table has no total, their sum is added as the total
    (with ``complete``, a gap or overlap is a problem). Notes: missing values, rows left
    out by ``where``, and how the bands map onto the standard bands. ``progress`` is told
    of each row read.
    """
    reader = _Reader(path, options, districts, city, progress, names)
    if reader.rows:
        reader.wide() if options.layout == WIDE else reader.long()
    parsed = reader.parsed
    notes = []
    if reader.missing:
        message = _("%(count)d values are missing (DIN 55301 symbols . - x /) and were left out")
        notes.append(message % {"count": reader.missing})
    if reader.filtered:
        notes.append(_("%(count)d rows were left out by --where") % {"count": reader.filtered})
    bands = sorted({(r.age_from, r.age_to) for r in parsed.population} - {TOTAL}, key=band_order)
    if bands and options.complete:
        for gap in _gaps(bands):
            parsed.problem(reader.file, reader.header_line, None, gap)
    if bands:
        notes.extend(band_notes(bands))
        if TOTAL not in {(r.age_from, r.age_to) for r in parsed.population} and not _gaps(bands):
            parsed.population.extend(_totals(parsed.population, bands))
    parsed.notes.extend(ImportProblem(reader.file, None, None, note) for note in notes)
    return parsed


def _gaps(bands: Sequence[Band]) -> list[str]:
    """Where the bands leave ages out or count them twice (bands sorted by start)."""
    found = []
    reached: int | None = 0
    for start, end in bands:
        if reached is None or start < reached:
            found.append(
                _("%(band)s overlaps the bands before it") % {"band": band_label(start, end)}
            )
        elif start > reached:
            found.append(_("no band covers ages %(gap)s") % {"gap": band_label(reached, start)})
        if reached is not None:
            reached = None if end is None else max(reached, end)
    if reached is not None:
        found.append(_("no band covers ages %(gap)s") % {"gap": band_label(reached, None)})
    return found


def band_notes(bands: Sequence[Band]) -> list[str]:
    """How the table's bands (sorted, total excluded) relate to the platform's: gaps and
    overlaps, and which standard bands they give (as published or as a sum)."""
    data = PopulationData()
    for band in bands:
        data.add(0, band[0], band[1], 1)
    given = [band_label(*band) for band in STANDARD_BANDS if data.count(0, *band) is not None]
    lacking = [band_label(*band) for band in STANDARD_BANDS if data.count(0, *band) is None]
    notes = _gaps(bands)
    notes.append(
        _("standard age bands given: %(given)s; not given: %(lacking)s")
        % {"given": ", ".join(given) or "-", "lacking": ", ".join(lacking) or "-"}
    )
    return notes


def _totals(records: Sequence[PopulationRecord], bands: Sequence[Band]) -> list[PopulationRecord]:
    """The total of each district and year that has every band: their sum."""
    groups: dict[tuple[str, int], list[PopulationRecord]] = {}
    for record in records:
        groups.setdefault((record.district_code, record.year), []).append(record)
    totals = []
    for (code, year), group in groups.items():
        if len(group) == len(bands):
            first = group[0]
            total = sum(record.count for record in group)
            totals.append(
                PopulationRecord(
                    code, year, *TOTAL, total, first.source, first.file, first.line, "total"
                )
            )
    return totals

"""Writes of pooled budgets: a budget set by the city, a booking recorded by a provider
(checked against its budget), the year's target share, and bookings imported from CSV in
one transaction (all or nothing, or skipping the records with problems when asked)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Organisation
from sozialraum.directory.models import Offer
from sozialraum.districts.models import District
from sozialraum.lib.importing import DataImportError, ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING, TextFileError, read_text

from .models import Booking, Budget, ShareTarget, SpendingKind

#: The columns of a bookings file, as the export writes them and the import reads them.
COLUMNS = (
    "traeger",
    "stadtteil",
    "buchungsnummer",
    "datum",
    "art",
    "betrag",
    "angebot",
    "stunden",
    "notiz",
)
REQUIRED = frozenset({"traeger", "stadtteil", "buchungsnummer", "datum", "art", "betrag"})
_AMOUNT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*(?:,[0-9]{1,2})?|[0-9]+(?:[,.][0-9]{1,2})?")


def budget_set(*, provider: Organisation, district: District, year: int, amount: Decimal) -> Budget:
    """The budget of ``provider`` in ``district`` and ``year``, created or changed."""
    budget = Budget.objects.filter(provider=provider, district=district, year=year).first()
    budget = budget or Budget(provider=provider, district=district, year=year)
    budget.amount = amount
    budget.full_clean()
    budget.save()
    return budget


def target_set(*, year: int, share_percent: Decimal) -> ShareTarget:
    target = ShareTarget.objects.filter(year=year).first() or ShareTarget(year=year)
    target.share_percent = share_percent
    target.full_clean()
    target.save()
    return target


def booking_record(booking: Booking, *, user: Any) -> Booking:
    """Checks (:meth:`.Booking.clean`) and saves ``booking``, recording who wrote it."""
    booking.recorded_by = user
    booking.full_clean()
    booking.save()
    return booking


# --- CSV ------------------------------------------------------------------------------------


def bookings_csv(bookings: Iterable[Booking]) -> str:
    """Bookings as the import reads them (semicolons, German decimal commas)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for b in bookings:
        writer.writerow(
            [
                b.budget.provider.name,
                b.budget.district.slug,
                b.reference,
                b.booked_on.isoformat(),
                b.kind,
                _german_decimal(b.amount),
                b.offer_id or "",
                _german_decimal(b.hours) if b.hours is not None else "",
                b.note,
            ]
        )
    return out.getvalue()


def _german_decimal(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[ImportProblem] = field(default_factory=list)


class _Row:
    """One line of a bookings file being read; problems name file, line and field."""

    def __init__(self, file: str, line: int, values: dict[str, str]) -> None:
        self.file, self.line, self.values = file, line, values
        self.problems: list[ImportProblem] = []

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(ImportProblem(self.file, self.line, column, message))

    def text(self, column: str) -> str:
        return " ".join((self.values.get(column) or "").split())

    def date(self) -> dt.date | None:
        text = self.text("datum")
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.problem(
            "datum", _('"%(value)s" is not a date (YYYY-MM-DD or DD.MM.YYYY)') % {"value": text}
        )
        return None

    def decimal(self, column: str, *, required: bool) -> Decimal | None:
        text = self.text(column)
        if not text:
            if required:
                self.problem(column, _("is empty"))
            return None
        if not _AMOUNT.fullmatch(text):
            self.problem(column, _('"%(value)s" is not an amount like 1.234,56') % {"value": text})
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            self.problem(column, _('"%(value)s" is not a number') % {"value": text})
            return None
        if value <= 0:
            self.problem(column, _("must be more than 0"))
            return None
        return value

    def kind(self) -> str | None:
        text = self.text("art").casefold()
        for value, label in SpendingKind.choices:
            if text in {value, str(label).casefold()}:
                return value
        choices = ", ".join(value for value, _label in SpendingKind.choices)
        self.problem(
            "art", _('"%(value)s" is none of %(choices)s') % {"value": text, "choices": choices}
        )
        return None


@dataclass
class _Lookups:
    providers: dict[str, Organisation]
    districts: dict[str, District]
    budgets: dict[tuple[int, int, int], Budget]


def _lookups() -> _Lookups:
    providers = {o.name: o for o in Organisation.objects.only("pk", "name")}
    districts = {d.slug: d for d in District.objects.only("pk", "slug", "name")}
    budgets = {
        (b.provider_id, b.district_id, b.year): b
        for b in Budget.objects.select_related("provider").only(
            "pk", "provider_id", "district_id", "year", "provider__name"
        )
    }
    return _Lookups(providers, districts, budgets)


@dataclass
class _Fields:
    provider: Organisation | None
    district: District | None
    booked_on: dt.date | None
    kind: str | None
    amount: Decimal | None
    hours: Decimal | None
    reference: str
    offer_id: int | None


def _fields(row: _Row, lookups: _Lookups) -> _Fields:
    provider = lookups.providers.get(row.text("traeger"))
    if provider is None:
        message = _('no organisation is called "%(value)s"')
        row.problem("traeger", message % {"value": row.text("traeger")})
    district = lookups.districts.get(row.text("stadtteil"))
    if district is None:
        message = _('no district has the short name "%(value)s"')
        row.problem("stadtteil", message % {"value": row.text("stadtteil")})
    reference = row.text("buchungsnummer")
    if not reference:
        row.problem("buchungsnummer", _("is empty"))
    offer_text = row.text("angebot")
    offer_id = int(offer_text) if offer_text.isdigit() else None
    if offer_text and offer_id is None:
        row.problem("angebot", _('"%(value)s" is not an offer number') % {"value": offer_text})
    return _Fields(
        provider,
        district,
        row.date(),
        row.kind(),
        row.decimal("betrag", required=True),
        row.decimal("stunden", required=False),
        reference,
        offer_id,
    )


#: Model fields by the file's column names, so a rule's message names the column.
_COLUMN_OF = {"booked_on": "datum", "offer": "angebot", "hours": "stunden", "amount": "betrag"}


def _booking_from(row: _Row, lookups: _Lookups) -> Booking | None:
    """The booking a line describes (a stored one with its changes, or a new one), or
    None with the line's problems recorded."""
    f = _fields(row, lookups)
    if row.problems or f.provider is None or f.district is None or f.booked_on is None:
        return None
    budget = lookups.budgets.get((f.provider.pk, f.district.pk, f.booked_on.year))
    if budget is None:
        message = _("%(provider)s has no budget for %(district)s in %(year)d")
        values = {
            "provider": f.provider.name,
            "district": f.district.name,
            "year": f.booked_on.year,
        }
        row.problem("datum", message % values)
        return None
    booking = Booking.objects.filter(budget=budget, reference=f.reference).first()
    booking = booking or Booking(budget=budget, reference=f.reference)
    booking.booked_on, booking.kind, booking.note = f.booked_on, f.kind or "", row.text("notiz")
    booking.amount, booking.hours = f.amount or Decimal(0), f.hours
    booking.offer = Offer.objects.filter(pk=f.offer_id).first() if f.offer_id else None
    if f.offer_id and booking.offer is None:
        row.problem("angebot", _("there is no offer %(value)d") % {"value": f.offer_id})
        return None
    try:
        booking.full_clean(exclude=["recorded_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                row.problem(_COLUMN_OF.get(name), message)
        return None
    return booking


def _bookings_read(rows: list[_Row], report: ImportReport) -> list[Booking]:
    """The valid bookings of ``rows``; every line's problems go into ``report``."""
    lookups = _lookups()
    bookings: list[Booking] = []
    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        booking = _booking_from(row, lookups)
        if booking is not None:
            key = (booking.budget_id, booking.reference)
            if key in seen:
                message = _("appears twice (first on line %(line)d)") % {"line": seen[key]}
                row.problem("buchungsnummer", message)
            else:
                seen[key] = row.line
                bookings.append(booking)
        report.problems.extend(row.problems)
    return bookings


def _rows(path: Path, encoding: str) -> tuple[list[_Row], list[ImportProblem]]:
    try:
        text = read_text(path, encoding)
    except TextFileError as error:
        return [], [ImportProblem(path.name, error.line, None, error.message, whole_file=True)]
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    )
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = sorted(REQUIRED - set(header))
    if missing:
        message = _("the columns %(missing)s are missing; the file has: %(columns)s") % {
            "missing": ", ".join(missing),
            "columns": ", ".join(header) or _("none"),
        }
        return [], [ImportProblem(path.name, 1, None, message, whole_file=True)]
    reader.fieldnames = header
    rows = [_Row(path.name, reader.line_num, dict(values)) for values in reader]
    if not rows:
        return [], [ImportProblem(path.name, None, None, _("holds no bookings"), whole_file=True)]
    return rows, []


def bookings_import(
    path: Path,
    *,
    user: Any = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
) -> ImportReport:
    """Bookings from the CSV file at ``path`` (columns :data:`COLUMNS`), matched by their
    budget and booking number: a known one is updated. One transaction: any problem writes
    nothing (DataImportError with all problems) unless ``skip_invalid``, which leaves out
    the lines with problems; a file that cannot be read or holds no valid line always
    fails."""
    rows, file_problems = _rows(path, encoding)
    if file_problems:
        raise DataImportError(file_problems)
    report = ImportReport()
    bookings = _bookings_read(rows, report)
    bad_lines = {problem.line for problem in report.problems}
    if report.problems and (not skip_invalid or len(bad_lines) == len(rows)):
        raise DataImportError(report.problems)
    report.skipped = len(bad_lines)
    with transaction.atomic():
        for booking in bookings:
            if booking.pk is None:
                report.created += 1
            elif _changed(booking):
                report.updated += 1
            else:
                report.unchanged += 1
                continue
            if not dry_run:
                booking.recorded_by = user
                booking.save()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _changed(booking: Booking) -> bool:
    stored = Booking.objects.get(pk=booking.pk)
    fields = ("booked_on", "kind", "amount", "offer_id", "hours", "note")
    return any(getattr(stored, name) != getattr(booking, name) for name in fields)

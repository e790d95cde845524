"""A booking's rules, and bookings from CSV: all or nothing, problems naming file, line and
field, per-line skipping only when asked, matched by booking number on re-import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.budgets.models import Booking, Budget, SpendingKind
from sozialraum.budgets.services import booking_record, bookings_csv, bookings_import
from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.lib.importing import DataImportError

from .factories import YEAR, budget_make, city

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]

MISSING = "buchungen.csv, line 1: the columns"
REST = "buchungsnummer, datum, stadtteil, traeger are missing"
HEADER = "traeger;stadtteil;buchungsnummer;datum;art;betrag;angebot;stunden;notiz\n"


def _refused(booking: Booking) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        booking_record(booking, user=None)
    assert not Booking.objects.exists()
    return raised.value.message_dict


def test_a_booking_outside_its_budgets_year_is_refused() -> None:
    budget = budget_make(city()[1])
    booking = Booking(budget=budget, reference="1", booked_on=dt.date(YEAR + 1, 1, 2),
                      kind=SpendingKind.CASE, amount=Decimal("10"))  # fmt: skip
    assert "booked_on" in _refused(booking)


def test_an_offer_booking_names_one_of_the_providers_offers() -> None:
    budget = budget_make(city()[1])
    other = offer_make(provider=OrganisationFactory.create())
    base = {"budget": budget, "reference": "1", "booked_on": dt.date(YEAR, 5, 1),
            "amount": Decimal("10")}  # fmt: skip
    assert "offer" in _refused(Booking(kind=SpendingKind.OFFER, **base))
    assert "offer" in _refused(Booking(kind=SpendingKind.OFFER, offer=other, **base))
    own = offer_make(provider=budget.provider)
    assert "offer" in _refused(Booking(kind=SpendingKind.CASE, offer=own, **base))
    booking_record(Booking(kind=SpendingKind.OFFER, offer=own, **base), user=None)
    assert Booking.objects.get().offer == own


def test_hours_belong_to_work_beyond_the_case() -> None:
    budget = budget_make(city()[1])
    booking = Booking(budget=budget, reference="1", booked_on=dt.date(YEAR, 5, 1),
                      kind=SpendingKind.CASE, amount=Decimal("10"), hours=Decimal("2"))  # fmt: skip
    assert "hours" in _refused(booking)


def _file(tmp_path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "buchungen.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding=encoding)
    return path


@pytest.fixture
def budget() -> Budget:
    return budget_make(city()[1], provider=OrganisationFactory.create(name="Quartierswerk"))


def test_bookings_are_imported_and_a_second_import_changes_nothing(
    tmp_path: Path, budget: Budget
) -> None:
    path = _file(
        tmp_path,
        f"Quartierswerk;teststadt-nord;R-1;{YEAR}-02-01;non_case;1.234,50;;12,5;Mittagstisch",
        f"Quartierswerk;teststadt-nord;R-2;01.03.{YEAR};case;99;;;",
    )
    report = bookings_import(path)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    first = Booking.objects.get(reference="R-1")
    assert (first.amount, first.hours, first.kind) == (
        Decimal("1234.50"),
        Decimal("12.5"),
        "non_case",
    )
    again = bookings_import(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_bad_line_names_file_line_and_field_and_nothing_is_written(
    tmp_path: Path, budget: Budget
) -> None:
    path = _file(
        tmp_path,
        f"Quartierswerk;teststadt-nord;R-1;{YEAR}-02-01;case;10;;;",
        f"Quartierswerk;teststadt-nord;R-2;{YEAR}-02-01;case;1,2,3;;;",
        f"Niemand;teststadt-nord;R-3;{YEAR}-02-01;case;10;;;",
        f"Quartierswerk;teststadt-nord;R-4;{YEAR + 1}-02-01;case;10;;;",
    )
    with pytest.raises(DataImportError) as raised:
        bookings_import(path)
    assert [str(p) for p in raised.value.problems] == [
        'buchungen.csv, line 3, field betrag: "1,2,3" is not an amount like 1.234,56',
        'buchungen.csv, line 4, field traeger: no organisation is called "Niemand"',
        f"buchungen.csv, line 5, field datum: Quartierswerk has no budget for Nord in {YEAR + 1}",
    ]
    assert not Booking.objects.exists()


def test_skip_invalid_leaves_out_the_bad_lines_only(tmp_path: Path, budget: Budget) -> None:
    path = _file(
        tmp_path,
        f"Quartierswerk;teststadt-nord;R-1;{YEAR}-02-01;case;10;;;",
        f"Quartierswerk;teststadt-nord;R-2;{YEAR}-02-01;offer;10;;;",
        f"Quartierswerk;teststadt-nord;R-1;{YEAR}-02-02;case;20;;;",
    )
    report = bookings_import(path, skip_invalid=True)
    assert (report.created, report.skipped) == (1, 2)
    assert [str(p) for p in report.problems] == [
        "buchungen.csv, line 3, field angebot: Name the offer the money was spent on.",
        "buchungen.csv, line 4, field buchungsnummer: appears twice (first on line 2)",
    ]
    assert list(Booking.objects.values_list("reference", flat=True)) == ["R-1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "",
            f"{MISSING} art, betrag, {REST}; the file has: none",
        ),
        (
            "name;betrag\nx;1\n",
            f"{MISSING} art, {REST}; the file has: name, betrag",
        ),
        (HEADER, "buchungen.csv: holds no bookings"),
    ],
)
def test_a_file_without_bookings_fails_even_when_skipping(
    tmp_path: Path, budget: Budget, content: str, message: str
) -> None:
    path = tmp_path / "buchungen.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataImportError) as raised:
        bookings_import(path, skip_invalid=True)
    assert [str(p) for p in raised.value.problems] == [message]


def test_a_file_of_only_bad_lines_fails_even_when_skipping(tmp_path: Path, budget: Budget) -> None:
    path = _file(tmp_path, f"Quartierswerk;teststadt-nord;R-1;{YEAR}-02-01;gift;10;;;")
    with pytest.raises(DataImportError):
        bookings_import(path, skip_invalid=True)


def test_latin_1_needs_its_encoding_and_then_imports(tmp_path: Path, budget: Budget) -> None:
    budget.district.name, budget.district.slug = "Süd", "teststadt-sued-2"
    budget.district.save()
    path = _file(
        tmp_path,
        f"Quartierswerk;teststadt-sued-2;R-ä;{YEAR}-02-01;case;10;;;Übergang",
        encoding="latin-1",
    )
    with pytest.raises(DataImportError) as raised:
        bookings_import(path)
    assert "give its encoding with --encoding" in str(raised.value.problems[0])
    assert bookings_import(path, encoding="latin-1").created == 1
    assert Booking.objects.get().note == "Übergang"


def test_the_export_is_read_back_unchanged(tmp_path: Path, budget: Budget) -> None:
    offer = offer_make(provider=budget.provider)
    for reference, kind, extra in (
        ("A", "offer", {"offer": offer}),
        ("B", "non_case", {"hours": Decimal("3.25")}),
    ):
        booking = Booking(budget=budget, reference=reference, booked_on=dt.date(YEAR, 4, 1),
                          kind=kind, amount=Decimal("1234.56"), **extra)  # fmt: skip
        booking_record(booking, user=None)
    path = tmp_path / "export.csv"
    path.write_text(
        bookings_csv(Booking.objects.select_related("budget__provider", "budget__district")),
        encoding="utf-8",
    )
    assert "1234,56" in path.read_text(encoding="utf-8")
    report = bookings_import(path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_the_command_prints_the_problems_and_fails(tmp_path: Path, budget: Budget) -> None:
    path = _file(tmp_path, f"Quartierswerk;teststadt-nord;R-1;{YEAR}-02-31;case;10;;;")
    with pytest.raises(CommandError, match="Nothing imported: 1 problems"):
        call_command("import_bookings", str(path))
    assert not Booking.objects.exists()

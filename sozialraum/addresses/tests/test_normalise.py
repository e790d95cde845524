from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sozialraum.addresses.normalise import (
    _ABBREVIATIONS,
    HouseNumber,
    address_parse,
    fold,
    house_number_parse,
    place_key,
    street_key,
)

#: Name stems as street names have them: letters, umlauts and ß, no digits.
#: Street stems; a stem that is itself an abbreviation ("Pl" for Platz, "St" for Sankt) is
#: read as that word when it stands alone, so it is no plain stem.
stems = st.text(alphabet="abcdefghijklmnoprstuvwzäöüß", min_size=2, max_size=15).filter(
    lambda stem: stem not in _ABBREVIATIONS
)


def test_fold_lowers_case_and_drops_punctuation() -> None:
    assert fold("  Kettwiger-STR.  ") == "kettwiger str"


def test_fold_writes_sharp_s_as_double_s() -> None:
    assert fold("Straße") == fold("Strasse") == "strasse"


@given(stems)
def test_umlauts_fold_like_their_transcriptions(stem: str) -> None:
    transcribed = stem.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    assert fold(stem) == fold(transcribed)


def test_fold_drops_other_accents_also_when_decomposed() -> None:
    assert fold("Café") == fold("Cafe\u0301") == "cafe"


def test_fold_reads_decomposed_umlauts() -> None:
    assert fold("Mu\u0308hle") == "muehle"


@given(stems)
def test_street_ending_is_the_same_however_written(stem: str) -> None:
    written = [f"{stem}straße", f"{stem}strasse", f"{stem}str.", f"{stem}str", f"{stem}Str"]
    assert {street_key(name) for name in written} == {street_key(f"{stem}straße")}


@given(stems)
def test_names_written_together_apart_or_hyphenated_have_one_key(stem: str) -> None:
    written = [f"{stem} Straße", f"{stem}straße", f"{stem}-Straße", f"{stem} Str."]
    assert len({street_key(name) for name in written}) == 1


def test_schauenburger_strasse_in_every_spelling() -> None:
    keys = {
        street_key(name)
        for name in ("Schauenburger Straße", "Schauenburgerstraße", "schauenburger str.")
    }
    assert keys == {"schauenburgerstrasse"}


def test_sankt_and_platz_abbreviations_are_written_out() -> None:
    assert street_key("St.-Anna-Pl.") == street_key("Sankt-Anna-Platz") == "sanktannaplatz"


def test_words_ending_otherwise_are_kept() -> None:
    assert street_key("Am Kloster") == "amkloster"


def test_place_key_joins_words() -> None:
    assert place_key("Mülheim an der Ruhr") == "muelheimanderruhr"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", HouseNumber(10)),
        ("10a", HouseNumber(10, "a")),
        ("10 a", HouseNumber(10, "a")),
        ("10A", HouseNumber(10, "a")),
        ("1-4", HouseNumber(1, "", 4)),
        ("1 – 4", HouseNumber(1, "", 4)),
        ("x", None),
        ("", None),
    ],
)
def test_house_numbers_as_written(text: str, expected: HouseNumber | None) -> None:
    assert house_number_parse(text) == expected


def test_house_number_takes_a_separate_suffix() -> None:
    assert house_number_parse("21", "b") == HouseNumber(21, "b")


@given(st.integers(1, 9999), st.sampled_from("abcdefgh"))
def test_suffix_with_or_without_space_is_one_number(number: int, suffix: str) -> None:
    assert house_number_parse(f"{number}{suffix}") == house_number_parse(f"{number} {suffix}")


def test_a_backwards_range_is_its_first_number() -> None:
    assert house_number_parse("4-1") == HouseNumber(4)


def test_range_covers_its_numbers() -> None:
    assert HouseNumber(1, "", 4).covers(3)
    assert not HouseNumber(1, "", 4).covers(5)
    assert HouseNumber(7).covers(7)


def test_house_number_is_written_back_as_read() -> None:
    assert [str(HouseNumber(10, "a")), str(HouseNumber(1, "", 4))] == ["10a", "1-4"]


def test_address_with_postcode_and_city_after_a_comma() -> None:
    parsed = address_parse("Kettwiger Str. 10a, 45127 Essen")
    assert parsed.street == "Kettwiger Str."
    assert parsed.number == HouseNumber(10, "a")
    assert parsed.postcode == "45127"
    assert parsed.others == ("Essen",)


@pytest.mark.parametrize(
    "text",
    [
        "45127 Essen, Kettwiger Str. 10 a",
        "Essen 45127, Kettwiger Str. 10 a",
        "Kettwiger Str. 10 a 45127 Essen",
        "Kettwiger Str. 10a Essen 45127",
    ],
)
def test_postcode_and_city_in_any_order(text: str) -> None:
    parsed = address_parse(text)
    assert (parsed.street, parsed.number, parsed.postcode, parsed.others) == (
        "Kettwiger Str.",
        HouseNumber(10, "a"),
        "45127",
        ("Essen",),
    )


def test_number_inside_a_street_name_is_not_the_house_number() -> None:
    parsed = address_parse("Straße des 17. Juni 5")
    assert (parsed.street, parsed.number) == ("Straße des 17. Juni", HouseNumber(5))


def test_range_in_an_address() -> None:
    assert address_parse("Hauptstr. 1-4").number == HouseNumber(1, "", 4)


def test_without_number_the_parts_are_kept_in_order() -> None:
    parsed = address_parse("Kettwiger Straße, Essen")
    assert (parsed.street, parsed.number, parsed.others) == (
        None,
        None,
        ("Kettwiger Straße", "Essen"),
    )


def test_postcode_alone() -> None:
    parsed = address_parse("45127")
    assert (parsed.postcode, parsed.others, parsed.number) == ("45127", (), None)


@given(st.text(max_size=80))
def test_any_text_is_taken_apart_without_error(text: str) -> None:
    parsed = address_parse(text)
    assert parsed.postcode == "" or len(parsed.postcode) == 5

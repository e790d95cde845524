"""OpenStreetMap and A11yJSON: importing Overpass JSON and GeoJSON with OSM tags (category
mapping, accessibility, opening hours, problems naming element and tag, re-import by OSM
id), and writing and reading a place's accessibility as OSM tags and A11yJSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.directory.exchange import osm
from sozialraum.directory.models import Fee, Offer, Place, Wheelchair
from sozialraum.directory.tests.factories import PlaceFactory
from sozialraum.districts.lookup import lookup_cache_clear
from sozialraum.lib.importing import DataImportError

DATA = Path(__file__).resolve().parent / "data"
OVERPASS = DATA / "overpass_flensburg.json"
GEOJSON = DATA / "osm_flensburg.geojson"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    lookup_cache_clear()
    with translation.override("en"):
        yield
    lookup_cache_clear()


# --- Import ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overpass_elements_become_offers_with_places_categories_and_accessibility() -> None:
    report = osm.osm_import(path=OVERPASS)

    assert report.count("created") == 3
    centre = Offer.objects.get(external_id="osm:node/1001")
    assert centre.provider.name == "Arbeiterwohlfahrt Flensburg"
    assert [c.code for c in centre.categories.all()] == ["community_centre"]
    assert centre.opening_hours == "Mo-Fr 09:00-17:00"
    assert centre.url == "https://awo-flensburg.example"
    place = centre.places.get()
    assert (place.street_address, place.postal_code, place.city) == (
        "Neustadt 12",
        "24939",
        "Flensburg",
    )
    assert (place.wheelchair, place.accessible_toilet, place.hearing_loop) == (
        Wheelchair.YES,
        True,
        False,
    )
    assert place.step_free_entrance is None  # not tagged: unknown, never "no"
    tafel = Offer.objects.get(external_id="osm:way/2002")
    assert [c.code for c in tafel.categories.all()] == ["lunch_table"]
    assert (tafel.places.get().latitude, tafel.places.get().longitude) == (54.7801, 9.4402)
    assert tafel.fee == Fee.PAID
    assert "low_income" in tafel.description
    counselling = Offer.objects.get(external_id="osm:node/1003")
    assert [c.code for c in counselling.categories.all()] == ["counselling"]


@pytest.mark.django_db
def test_reimporting_osm_data_updates_instead_of_duplicating(tmp_path: Path) -> None:
    osm.osm_import(path=OVERPASS)
    data = json.loads(OVERPASS.read_text(encoding="utf-8"))
    data["elements"][0]["tags"]["wheelchair"] = "limited"
    path = tmp_path / "overpass.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    report = osm.osm_import(path=path)

    assert (report.count("created"), report.count("unchanged")) == (0, 3)
    assert report.places["updated"] == 1
    assert Offer.objects.count() == Place.objects.count() == 3
    assert Place.objects.get(external_id="osm:node/1001").wheelchair == Wheelchair.LIMITED


@pytest.mark.django_db
def test_invalid_geojson_elements_are_named_by_element_and_tag_and_nothing_is_written() -> None:
    with pytest.raises(DataImportError) as error:
        osm.osm_import(path=GEOJSON)

    fields = {(p.file, p.field) for p in error.value.problems}
    assert fields == {
        ("osm_flensburg.geojson", "features[1].tags.opening_hours"),
        ("osm_flensburg.geojson", "features[1].tags.wheelchair"),
        ("osm_flensburg.geojson", "features[2].tags"),
    }
    assert "osm:node/3002" in str(error.value)
    assert Offer.objects.count() == 0


@pytest.mark.django_db
def test_skip_invalid_imports_the_valid_geojson_feature() -> None:
    report = osm.osm_import(path=GEOJSON, skip_invalid=True)

    offer = Offer.objects.get()
    assert offer.external_id == "osm:node/3001"
    assert [c.code for c in offer.categories.all()] == ["cafe"]
    assert offer.fee == Fee.FREE
    assert offer.places.get().hearing_loop is True
    assert len(report.problems) == 3


@pytest.mark.django_db
def test_dry_run_of_osm_import_writes_nothing() -> None:
    report = osm.osm_import(path=OVERPASS, dry_run=True)

    assert report.count("created") == 3
    assert Offer.objects.count() == 0


@pytest.mark.django_db
def test_import_osm_command_prints_summary_and_fails_on_problems() -> None:
    out, err = StringIO(), StringIO()
    call_command("import_osm", str(OVERPASS), stdout=out)
    assert out.getvalue().startswith("OSM overpass_flensburg.json: 3 offers created")

    with pytest.raises(CommandError, match="Nothing imported: 3 problems"):
        call_command("import_osm", str(GEOJSON), stdout=out, stderr=err)
    assert "tags.opening_hours" in err.getvalue()


@pytest.mark.parametrize(
    ("tags", "code"),
    [
        ({"amenity": "social_facility", "social_facility": "outreach"}, "counselling"),
        ({"amenity": "social_facility", "social_facility": "nursing_home"}, "care_relief"),
        ({"amenity": "social_facility", "social_facility": "shelter"}, "housing"),
        ({"amenity": "community_centre", "community_centre": "youth_centre"}, "children_families"),
        ({"amenity": "cafe", "social_facility:for": "senior"}, "cafe"),
        ({"amenity": "cafe"}, None),
        ({"amenity": "kindergarten"}, "children_day_care"),
        ({"leisure": "playground"}, "playground"),
        ({"healthcare": "physiotherapist"}, "care_relief"),
    ],
)
def test_osm_tags_map_to_categories_as_documented(tags: dict[str, str], code: str | None) -> None:
    assert osm.osm_category(tags) == code


# --- Accessibility as OSM tags and A11yJSON -------------------------------------------------


def full_place() -> Place:
    return PlaceFactory.build(
        name="Gemeindehaus",
        wheelchair=Wheelchair.LIMITED,
        step_free_entrance=True,
        accessible_toilet=False,
        hearing_loop=True,
        easy_language_material=True,
        guide_dogs_welcome=True,
        disabled_parking=False,
    )


def test_place_accessibility_becomes_osm_tags_and_reads_back() -> None:
    place = full_place()

    tags = osm.place_osm_tags(place)

    assert tags == {
        "wheelchair": "limited",
        "toilets:wheelchair": "no",
        "hearing_loop": "yes",
        "capacity:disabled": "no",
        "entrance:step_free": "yes",
        "guide_dog": "yes",
        "easy_language": "yes",
    }
    fields, bad = osm.accessibility_from_osm_tags(tags)
    assert bad == []
    assert all(getattr(place, name) == value for name, value in fields.items())
    assert len(fields) == 7


def test_unknown_accessibility_is_left_out_of_tags_and_a11yjson() -> None:
    place = PlaceFactory.build()

    assert osm.place_osm_tags(place) == {}
    assert osm.place_a11yjson(place)["properties"]["accessibility"] == {}


def test_place_accessibility_becomes_a11yjson_and_reads_back() -> None:
    place = full_place()

    info = osm.place_a11yjson(place)

    access = info["properties"]["accessibility"]
    assert access["wheelchairAccessibilityGrade"] == "partially"
    assert access["entrances"] == [{"isLevel": True}]
    assert access["restrooms"] == [{"isAccessibleWithWheelchair": False}]
    assert access["hasInductionLoop"] is True
    assert info["geometry"] == {"type": "Point", "coordinates": [place.longitude, place.latitude]}
    fields = osm.place_accessibility_from_a11yjson(info)
    assert fields == {name: getattr(place, name) for name in fields}
    assert len(fields) == 7


def test_published_place_example_with_trailing_comma_is_read_with_a_warning_naming_the_line() -> (
    None
):
    data, warnings = osm.a11yjson_load(DATA / "a11yjson" / "place.json")

    assert [(w.file, w.line) for w in warnings] == [("place.json", 29)]
    assert osm.place_accessibility_from_a11yjson(data) == {
        "wheelchair": Wheelchair.LIMITED,
        "step_free_entrance": True,
        "accessible_toilet": False,
        "guide_dogs_welcome": True,
        "disabled_parking": True,
    }


def test_published_cinema_example_reads_its_deprecated_profile_fields() -> None:
    data, warnings = osm.a11yjson_load(DATA / "a11yjson" / "cinema.json")

    assert len(warnings) == 3
    assert osm.place_accessibility_from_a11yjson(data) == {
        "wheelchair": Wheelchair.YES,
        "guide_dogs_welcome": True,
    }


def test_a11yjson_syntax_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "properties": {\n    "name": "X"\n    "accessibility": {}\n  }\n}')

    with pytest.raises(DataImportError) as error:
        osm.a11yjson_load(path)

    (problem,) = error.value.problems
    assert (problem.file, problem.line) == ("broken.json", 4)

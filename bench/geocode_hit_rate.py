"""The geocoder's hit rate on real addresses: imports Essen's official house coordinates
(the GeoJSON of opendata.essen.de, dl-de/by-2-0; not shipped in full: pass its path) into a
throwaway database, writes 300 of its addresses (a fixed random sample) the ways people
write them, geocodes each writing and prints a Markdown table of the match quality per
writing, and how many answers lie within 1 m of the true point.

    python -m bench.geocode_hit_rate PATH/hauskoordinaten_essen_2022-10-05_4647.geojson

Not part of ``make bench`` (it needs the full file, which a fresh install does not have);
results in ``bench/RESULTS-geocode.md``.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from io import StringIO

import django

SAMPLE = 300
SEED = 12

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def _written_out(street: str) -> str:
    return street.replace("str.", "straße").replace("Str.", "Straße")


def _typo(street: str, rng: random.Random) -> str:
    """One letter of the name deleted, doubled, swapped with the next or replaced."""
    positions = [i for i, c in enumerate(street) if c.isalpha()]
    i = rng.choice(positions)
    kind = rng.choice(("delete", "double", "swap", "replace"))
    if kind == "delete":
        return street[:i] + street[i + 1 :]
    if kind == "double":
        return street[:i] + street[i] + street[i:]
    if kind == "swap" and i + 1 < len(street):
        return street[:i] + street[i + 1] + street[i] + street[i + 2 :]
    return street[:i] + rng.choice("aeinrst") + street[i + 1 :]


def writings(rng: random.Random) -> dict[str, Callable[[str, str, str], str]]:
    """Name of a writing -> (street, number, suffix) -> text."""
    return {
        "as published (Str., 10a)": lambda s, n, x: f"{s} {n}{x}",
        "suffix with a space (10 a)": lambda s, n, x: f"{s} {n} {x}".rstrip(),
        "Straße written out": lambda s, n, x: f"{_written_out(s)} {n}{x}",
        "lower case, strasse": lambda s, n, x: f"{_written_out(s)} {n}{x}".lower().replace(
            "ß", "ss"
        ),
        "umlauts transcribed": lambda s, n, x: f"{_written_out(s).translate(_UMLAUTS)} {n}{x}",
        "city first (Essen, ...)": lambda s, n, x: f"Essen, {s} {n}{x}",
        "one typo in the street": lambda s, n, x: f"{_typo(s, rng)} {n}{x}",
    }


def run(path: str) -> str:
    from django.core.management import call_command

    from bench.__main__ import throwaway_database
    from sozialraum.addresses.geocoder import Quality, geocode
    from sozialraum.addresses.models import Address
    from sozialraum.lib.geo import haversine_m

    with throwaway_database() as database:
        started = time.monotonic()
        out = StringIO()
        call_command("import_addresses", path, "--city", "Essen", stdout=out, stderr=StringIO())
        imported = time.monotonic() - started
        rng = random.Random(SEED)
        ids = sorted(Address.objects.values_list("pk", flat=True))
        sample = list(Address.objects.filter(pk__in=rng.sample(ids, SAMPLE)).order_by("pk"))
        rows: list[tuple[str, Counter[str], int, float]] = []
        for name, write in writings(rng).items():
            counts: Counter[str] = Counter()
            near = 0
            began = time.monotonic()
            for address in sample:
                text = write(address.street, str(address.house_number), address.house_suffix)
                found = geocode(text)
                quality = found[0].quality if found else Quality.NONE
                counts[quality] += 1
                if found and haversine_m(found[0].lat, found[0].lon, address.lat, address.lon) < 1:
                    near += 1
            rows.append((name, counts, near, (time.monotonic() - began) / SAMPLE * 1000))
        return _markdown(database, out.getvalue().strip(), imported, rows, list(Quality.values))


def _markdown(
    database: str,
    summary: str,
    seconds: float,
    rows: list[tuple[str, Counter[str], int, float]],
    qualities: list[str],
) -> str:
    lines = [
        "# Geocoder hit rate (Essen, official house coordinates)",
        "",
        f"Database: {database}. Import of the full file: {seconds:.1f} s, `{summary}`",
        "",
        f"{SAMPLE} addresses drawn at random (seed {SEED}) from the index, each written seven",
        "ways; the best answer's quality, and how many lie within 1 m of the true point.",
        "",
        "| writing | " + " | ".join(qualities) + " | within 1 m | ms per query |",
        "|---|" + "---:|" * (len(qualities) + 2),
    ]
    for name, counts, near, ms in rows:
        cells = " | ".join(str(counts[q]) for q in qualities)
        lines.append(f"| {name} | {cells} | {near} | {ms:.1f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(run(sys.argv[1]))

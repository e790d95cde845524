"""Test data for districts: districts of every kind and their population counts."""

from __future__ import annotations

from collections.abc import Mapping

import factory

from sozialraum.districts.models import District, DistrictKind, PopulationCount

#: ``{year: {(age_from, age_to): count}}``, as :func:`add_population` takes it.
Figures = Mapping[int, Mapping[tuple[int, int | None], int]]


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"Stadtteil {n:03d}")
    slug = factory.Sequence(lambda n: f"stadtteil-{n}")
    code = factory.Sequence(lambda n: f"test:{n}")
    kind = DistrictKind.DISTRICT


class PopulationCountFactory(factory.django.DjangoModelFactory[PopulationCount]):
    class Meta:
        model = PopulationCount

    district = factory.SubFactory(DistrictFactory)
    year = 2021
    age_from = 0
    age_to = None
    count = 1000


def add_population(district: District, figures: Figures) -> list[PopulationCount]:
    """Stores ``figures`` for ``district`` in one query."""
    rows = [
        PopulationCount(district=district, year=year, age_from=a, age_to=b, count=count)
        for year, bands in figures.items()
        for (a, b), count in bands.items()
    ]
    return PopulationCount.objects.bulk_create(rows)

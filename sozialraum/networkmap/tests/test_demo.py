"""The demo's network maps."""

from __future__ import annotations

import pytest

from sozialraum.casework.demo import PERSONS
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.demo.services import demo_load
from sozialraum.networkmap.demo import demo_network_maps_load
from sozialraum.networkmap.models import NetworkMap
from sozialraum.networkmap.selectors import version_detail
from sozialraum.networkmap.snapshot import compare

pytestmark = pytest.mark.django_db


def test_each_demo_person_gets_a_map_with_two_versions_once() -> None:
    first = PersonFactory.create(name="Erika Beispiel (fiktiv)")
    second = PersonFactory.create(name="Murat Muster (fiktiv)")
    real = PersonFactory.create(name="Echte Person")
    assert len(demo_network_maps_load()) == 2
    assert demo_network_maps_load() == []
    assert not NetworkMap.objects.filter(person=real).exists()
    for person in (first, second):
        versions = list(NetworkMap.objects.get(person=person).versions.order_by("number"))
        assert [v.number for v in versions] == [1, 2]
        changes = compare(
            version_detail(versions[0]).snapshot, version_detail(versions[1]).snapshot
        )
        assert changes.came and changes.closer


def test_the_demo_loader_gives_every_fictional_person_a_map_with_two_versions() -> None:
    demo_load(with_offers=False)
    names = [fields["name"] for _district, fields in PERSONS]
    maps = NetworkMap.objects.filter(person__name__in=names)
    assert maps.count() == len(names)
    assert {m.versions.count() for m in maps} == {2}

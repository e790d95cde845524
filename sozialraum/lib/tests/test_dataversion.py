"""The public data's version changes with every write to a watched table, whatever the
write path (ORM, bulk statements, raw SQL), and not with writes to personal data."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.directory.tests.factories import OfferFactory
from sozialraum.districts.models import PopulationCount
from sozialraum.districts.tests.factories import DistrictFactory, PopulationCountFactory
from sozialraum.lib.dataversion import UNWATCHED_APPS, data_version, watched_tables

pytestmark = pytest.mark.django_db


def test_an_orm_save_and_delete_change_the_version() -> None:
    before = data_version()
    district = DistrictFactory.create()
    created = data_version()
    district.delete()

    assert len({before, created, data_version()}) == 3


def test_bulk_statements_and_raw_sql_change_the_version() -> None:
    row = PopulationCountFactory.create()
    before = data_version()
    PopulationCount.objects.filter(pk=row.pk).update(count=row.count + 1)
    updated = data_version()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {PopulationCount._meta.db_table} SET count = count + 1")
    raw = data_version()
    added = PopulationCount(district=row.district, year=1999, age_from=0, count=1)
    PopulationCount.objects.bulk_create([added])

    assert len({before, updated, raw, data_version()}) == 4


def test_an_offer_edit_changes_the_version() -> None:
    offer = OfferFactory.create()
    before = data_version()
    offer.name = "Neu"
    offer.save()

    assert data_version() != before


def test_personal_data_leaves_the_version_alone() -> None:
    organisation = OrganisationFactory.create()
    before = data_version()
    PersonFactory.create(organisation=organisation)

    assert data_version() == before


def test_the_public_apps_tables_are_watched_and_personal_ones_not() -> None:
    tables = watched_tables()

    assert {"districts_district", "districts_populationcount", "directory_offer"} <= set(tables)
    assert not [t for t in tables if t.split("_", 1)[0] in UNWATCHED_APPS]
    assert "casework_person" not in tables


def test_a_rolled_back_writes_version_is_not_issued_again() -> None:
    district = DistrictFactory.create()
    before = data_version()
    try:
        with transaction.atomic():
            district.name = "Zurückgerollt"
            district.save()
            rolled_back = data_version()
            raise RuntimeError
    except RuntimeError:
        pass
    assert data_version() == before

    district.name = "Gespeichert"
    district.save()

    assert data_version() not in {before, rolled_back}


def test_a_sign_in_leaves_the_version_alone() -> None:
    """Users are shown on no public page: a sign-in's ``last_login`` write (and a change
    of a user's groups) must not queue behind an import of public data on PostgreSQL."""
    user = UserFactory.create()
    before = data_version()
    user.last_login = user.date_joined
    user.save(update_fields=["last_login"])
    user.groups.clear()

    assert data_version() == before
    assert "accounts_organisation" in watched_tables()


def test_the_search_index_is_not_watched_but_what_it_is_built_from_is() -> None:
    """A rebuild writes millions of postings one statement each: they fire no trigger;
    the offers, places and synonyms they derive from do."""
    tables = watched_tables()
    assert "directory_offerterm" not in tables
    assert "directory_offersearchentry" not in tables
    assert {"directory_offer", "directory_place", "directory_searchsynonym"} <= set(tables)

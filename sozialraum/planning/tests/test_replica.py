"""With a read replica configured (``DATABASE_REPLICA_URL``), the dashboard's aggregate
reads go to the ``replica`` alias and everything else, writes above all, to ``default``.

The replica here is a second connection to the test database (a test mirror of default),
so the tests commit their data (``transaction=True``) for it to see."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.models import SearchMiss
from sozialraum.lib.access import Role
from sozialraum.lib.replica import REPLICA, ReplicaRouter, aggregate_reads
from sozialraum.plan.models import Goal, SelfRating
from sozialraum.planning.models import Measure

from .conftest import SmallCity


@pytest.fixture(scope="module")
def replica(django_db_setup: None) -> Iterator[BaseDatabaseWrapper]:
    """The ``replica`` alias as settings with DATABASE_REPLICA_URL have it (a test mirror
    of default), pointing at the test database (created before it)."""
    connections.settings[REPLICA] = {
        **connections[DEFAULT_DB_ALIAS].settings_dict,
        "TEST": {"MIRROR": DEFAULT_DB_ALIAS},
    }
    try:
        yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


pytestmark = [
    pytest.mark.usefixtures("replica"),
    pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA]),
]


def _statements(captured: CaptureQueriesContext) -> str:
    return "\n".join(query["sql"] for query in captured.captured_queries)


def test_the_dashboards_aggregates_are_read_on_the_replica(
    small_city: SmallCity, casework: SmallCity, replica: BaseDatabaseWrapper
) -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_default,
    ):
        city = client.get("/planung/")
        district = client.get(f"/planung/quartier/{small_city.berg.slug}/")
    assert city.status_code == 200 and district.status_code == 200
    # The goals per life area (the dashboard) and the self-ratings (impact) come from the
    # replica; the session, the user and the page's lists from default.
    goals, ratings = Goal._meta.db_table, SelfRating._meta.db_table
    read = _statements(on_replica)
    assert goals in read and ratings in read and SearchMiss._meta.db_table in read
    elsewhere = _statements(on_default)
    assert goals not in elsewhere and ratings not in elsewhere
    assert "django_session" in elsewhere
    assert not any(
        query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        for query in on_replica.captured_queries
    )


def test_writes_go_to_default_even_inside_aggregate_reads() -> None:
    router = ReplicaRouter()
    with aggregate_reads():
        assert router.db_for_read(Measure) == REPLICA
        assert router.db_for_write(Measure) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Measure) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(REPLICA, "planning") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "planning") is True


def test_without_a_replica_aggregates_are_read_on_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(connections.settings, REPLICA)
    with aggregate_reads():
        assert ReplicaRouter().db_for_read(Measure) == DEFAULT_DB_ALIAS

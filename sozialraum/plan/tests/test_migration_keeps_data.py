"""The plan's models moved from casework to the plan app without touching a row: a database
at the schema before the move (casework 0102, networkmap 0001), filled with the demo's
persons and plans, migrates forward and keeps every row, its values and its content types
(with their permissions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sozialraum.demo.services import demo_load
from sozialraum.plan.models import GapReason, Goal, LifeArea, Referral, WillStatement
from sozialraum.plan.services import referral_nothing_found, review_record

from .factories import worker_of

pytestmark = pytest.mark.django_db(transaction=True)

#: The plan models that moved from casework, by their model names (their tables are
#: ``casework_<name>``); models added to plan later have tables of their own.
MOVED_MODELS = sorted(
    str(model._meta.model_name)
    for model in apps.get_app_config("plan").get_models()
    if model._meta.db_table.startswith("casework_")
)

BEFORE_THE_MOVE = [("casework", "0102_resource_entry_contact"), ("plan", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest() -> list[tuple[str, str | None]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def schema_before_the_move() -> Iterator[None]:
    _migrate(BEFORE_THE_MOVE)
    try:
        yield
    finally:
        _migrate(_latest())


def _seeded_rows_restored() -> None:
    """The categories and life areas that data migrations seed: a transactional test that
    ran before this one flushed them, and the demo's offers and goals need them."""
    from importlib import import_module

    import_module("sozialraum.directory.migrations.0002_seed_categories").seed(apps, None)
    for code, name, plain_name in import_module(
        "sozialraum.casework.migrations.0101_seed_life_areas"
    ).LIFE_AREAS:
        LifeArea.objects.update_or_create(
            code=code, defaults={"name": name, "plain_name": plain_name}
        )


def _rows_the_demo_lacks() -> None:
    """A review (with a goal review) and a search that found nothing (with its anonymous
    gap record), so every moved table holds rows."""
    goal = Goal.objects.select_related("person").order_by("pk").first()
    assert goal is not None
    worker = worker_of(goal.person)
    review_record(
        person=goal.person,
        held_on=dt.date(2026, 5, 4),
        what_happened={goal: "Zweimal beim Tanzcafé gewesen."},
        life_satisfaction=7,
        participation={goal.life_area: 6},
        user=worker,
    )
    referral_nothing_found(person=goal.person, goal=goal, user=worker, reason=GapReason.TOO_FAR)


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for model in MOVED_MODELS:
            cursor.execute(f"SELECT COUNT(*) FROM casework_{model}")
            counts[model] = cursor.fetchone()[0]
    return counts


def _content_type_ids(app_label: str) -> dict[str, int]:
    rows = ContentType.objects.filter(app_label=app_label, model__in=MOVED_MODELS)
    return dict(rows.values_list("model", "pk"))


#: The demo parts of apps built on plan: their tables do not exist at that schema.
LATER_DEMO_PARTS = (
    "demo_help_group_load",
    "demo_ideas_load",
    "demo_walk_load",
    "demo_early_warning_load",
    "load_demo_teamwork",
    "demo_budgets_load",
    "demo_planning_load",
)


def test_a_database_at_the_schema_before_the_move_keeps_every_plan_row_when_migrated(
    schema_before_the_move: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in LATER_DEMO_PARTS:
        monkeypatch.setattr(f"sozialraum.demo.services.{name}", lambda *a, **k: [])
    # The tables are the same before and after the move, so today's models fill them.
    _seeded_rows_restored()
    demo_load()
    _rows_the_demo_lacks()
    before = _row_counts()
    goals = list(Goal.objects.order_by("pk").values_list("pk", "text", "person_id"))
    wills = list(WillStatement.objects.order_by("pk").values_list("pk", "text"))
    referrals = list(Referral.objects.order_by("pk").values_list("pk", "state", "offer_id"))
    types_before = _content_type_ids("casework")
    permissions = set(
        Permission.objects.filter(content_type__app_label="casework").values_list(
            "codename", "content_type_id"
        )
    )

    _migrate(_latest())

    assert {model for model, count in before.items() if count == 0} == set()
    assert _row_counts() == before
    assert list(Goal.objects.order_by("pk").values_list("pk", "text", "person_id")) == goals
    assert list(WillStatement.objects.order_by("pk").values_list("pk", "text")) == wills
    assert list(Referral.objects.order_by("pk").values_list("pk", "state", "offer_id")) == referrals
    assert len(types_before) == len(MOVED_MODELS) == 16
    assert _content_type_ids("plan") == types_before
    assert _content_type_ids("casework") == {}
    moved = {(code, pk) for code, pk in permissions if pk in types_before.values()}
    assert moved
    assert moved <= set(
        Permission.objects.filter(content_type__app_label="plan").values_list(
            "codename", "content_type_id"
        )
    )

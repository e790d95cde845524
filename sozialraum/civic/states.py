"""The default states of ideas; the city can rename, reorder and add states in the admin.
Written by the data migration, and again by the services whenever the table is empty
(a database flushed after migrating, as transactional tests leave it)."""

from __future__ import annotations

from typing import Any

#: key, German name, order, initial, withdrawn, closed
DEFAULT_STATES = (
    ("received", "Eingegangen", 10, True, False, False),
    ("under_review", "In Prüfung", 20, False, False, False),
    ("planned", "Geplant", 30, False, False, False),
    ("done", "Umgesetzt", 40, False, False, True),
    ("not_possible", "Nicht möglich", 50, False, False, True),
    ("withdrawn", "Zurückgezogen", 60, False, True, True),
)


def states_ensure(model: Any) -> None:
    """Adds the default states that are missing (by key) to ``model``'s table (the model
    class, or its historical version in a migration); existing rows stay as they are."""
    for key, name, order, initial, withdrawn, closed in DEFAULT_STATES:
        model.objects.get_or_create(
            key=key,
            defaults={
                "name": name,
                "order": order,
                "initial": initial,
                "withdrawn": withdrawn,
                "closed": closed,
            },
        )

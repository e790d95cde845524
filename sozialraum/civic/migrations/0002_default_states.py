"""The default states of ideas (the city can rename, reorder and add states in the admin):
received (new ideas), under review, planned, done, not possible (closed), and withdrawn
(set by the author only)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

#: key, German name, order, initial, withdrawn, closed
DEFAULT_STATES = (
    ("received", "Eingegangen", 10, True, False, False),
    ("under_review", "In Prüfung", 20, False, False, False),
    ("planned", "Geplant", 30, False, False, False),
    ("done", "Umgesetzt", 40, False, False, True),
    ("not_possible", "Nicht möglich", 50, False, False, True),
    ("withdrawn", "Zurückgezogen", 60, False, True, True),
)


def states_add(apps: Any, schema_editor: Any) -> None:
    state = apps.get_model("civic", "IdeaState")
    for key, name, order, initial, withdrawn, closed in DEFAULT_STATES:
        state.objects.get_or_create(
            key=key,
            defaults={
                "name": name,
                "order": order,
                "initial": initial,
                "withdrawn": withdrawn,
                "closed": closed,
            },
        )


def states_remove(apps: Any, schema_editor: Any) -> None:
    state = apps.get_model("civic", "IdeaState")
    state.objects.filter(key__in=[row[0] for row in DEFAULT_STATES], ideas=None).delete()


class Migration(migrations.Migration):
    dependencies = [("civic", "0001_ideas")]

    operations = [migrations.RunPython(states_add, states_remove)]

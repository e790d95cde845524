"""The default states of ideas (:mod:`sozialraum.civic.states`): received (new ideas),
under review, planned, done, not possible (closed), and withdrawn (set by the author)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from sozialraum.civic.states import DEFAULT_STATES, states_ensure


def states_add(apps: Any, schema_editor: Any) -> None:
    states_ensure(apps.get_model("civic", "IdeaState"))


def states_remove(apps: Any, schema_editor: Any) -> None:
    state = apps.get_model("civic", "IdeaState")
    state.objects.filter(key__in=[row[0] for row in DEFAULT_STATES], ideas=None).delete()


class Migration(migrations.Migration):
    dependencies = [("civic", "0001_ideas")]

    operations = [migrations.RunPython(states_add, states_remove)]

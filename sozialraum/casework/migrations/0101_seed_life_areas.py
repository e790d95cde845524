"""Seeds the nine ICF life areas (activities and participation, d1-d9) with their German
names and a name in plain words."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# The same rows as services_plan.LIFE_AREAS (copied: a migration must not change with the code).
LIFE_AREAS = [
    ("d1", "Lernen und Wissensanwendung", "Lernen und Wissen nutzen"),
    ("d2", "Allgemeine Aufgaben und Anforderungen", "Den Tag planen und schaffen"),
    ("d3", "Kommunikation", "Sich verständigen"),
    ("d4", "Mobilität", "Unterwegs sein und sich bewegen"),
    ("d5", "Selbstversorgung", "Für sich selbst sorgen"),
    ("d6", "Häusliches Leben", "Wohnen und Haushalt"),
    ("d7", "Interpersonelle Interaktionen und Beziehungen", "Beziehungen zu anderen Menschen"),
    ("d8", "Bedeutende Lebensbereiche", "Arbeit, Schule, Geld"),
    ("d9", "Gemeinschafts-, soziales und staatsbürgerliches Leben", "Freizeit und Gemeinschaft"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    LifeArea = apps.get_model("casework", "LifeArea")
    for code, name, plain_name in LIFE_AREAS:
        LifeArea.objects.update_or_create(
            code=code, defaults={"name": name, "plain_name": plain_name}
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    LifeArea = apps.get_model("casework", "LifeArea")
    LifeArea.objects.filter(code__in=[code for code, _name, _plain in LIFE_AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0100_plan_will_goals_referrals")]

    operations = [migrations.RunPython(seed, unseed)]

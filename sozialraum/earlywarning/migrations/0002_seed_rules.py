"""The early-warning rules with their reasons and legal bases, as shown on screen.
Platform operators edit the texts afterwards; a rule already there is left as it is."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from sozialraum.earlywarning.seed import RULES

def rules_seed(apps: Any, schema_editor: Any) -> None:
    Rule = apps.get_model("earlywarning", "Rule")
    for row in RULES:
        Rule.objects.get_or_create(code=row["code"], defaults=row)


def rules_remove(apps: Any, schema_editor: Any) -> None:
    Rule = apps.get_model("earlywarning", "Rule")
    Rule.objects.filter(code__in=[row["code"] for row in RULES], signals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("earlywarning", "0001_initial")]

    operations = [migrations.RunPython(rules_seed, rules_remove)]

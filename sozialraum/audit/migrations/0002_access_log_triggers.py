"""Database triggers that refuse UPDATE and DELETE on the access log (SQLite, PostgreSQL)."""

from django.db import migrations

from sozialraum.audit.triggers import triggers_create, triggers_drop


def install(apps, schema_editor):
    triggers_create(schema_editor.connection)


def remove(apps, schema_editor):
    triggers_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]

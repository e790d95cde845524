"""Chains the rows logged before the hash chain existed (in id order), and installs the
triggers that refuse ids not assigned by the database. The UPDATE/DELETE triggers are
lifted for this one rewrite and put back with the new ones."""

from django.db import migrations

from sozialraum.audit.chain import GENESIS, row_digest
from sozialraum.audit.triggers import TABLE, triggers_create, triggers_drop


def chain_existing_rows(apps, schema_editor):
    connection = schema_editor.connection
    entry = apps.get_model("audit", "AccessLogEntry")
    triggers_drop(connection)
    previous = GENESIS
    with connection.cursor() as cursor:
        for row in entry.objects.order_by("pk").iterator(chunk_size=2000):
            previous = row_digest(previous, row)
            cursor.execute(
                f"UPDATE {TABLE} SET chain_hash = %s WHERE id = %s",  # noqa: S608 - constant
                [previous, row.pk],
            )
    triggers_create(connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_access_log_chain_hash")]

    operations = [
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop, elidable=False)
    ]

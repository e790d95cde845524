"""PostgreSQL only: byte-order ("C" collation) indexes on the search terms and words, so
that a word being typed (a range of terms such as ``>= 'ber' AND < 'bes'``) is an index
range scan; the default indexes follow the database's linguistic collation and cannot
serve such a range. SQLite compares text bytewise already and needs nothing."""

from django.db import migrations

FORWARD = [
    'CREATE INDEX directory_offersearchterm_term_c ON directory_offersearchterm (term COLLATE "C")',
    'CREATE INDEX directory_offersearchword_word_c ON directory_offersearchword (word COLLATE "C")',
]
BACKWARD = [
    "DROP INDEX IF EXISTS directory_offersearchword_word_c",
    "DROP INDEX IF EXISTS directory_offersearchterm_term_c",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_fill_ranked_term_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]

"""The offer search's tables (search entries, search text, searches without results) and
the full-text index over the search text, which differs by database:

- SQLite: an FTS5 table with external content (``directory_offersearchtext``), kept in step
  by three triggers; the text arrives already stemmed (see ``search.py``), the tokenizer
  only folds case and diacritics; prefix indexes for 2-4 characters serve typed prefixes.
- PostgreSQL: a generated ``tsvector`` column ``document`` (``german`` configuration for
  stems, ``simple`` for whole words used by prefix search) with a GIN index.

Note for later migrations: on SQLite, altering ``OfferSearchText`` makes Django rebuild the
table, which drops the triggers; recreate them (see ``SQLITE_FORWARD``) in that migration.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

_FTS_COLUMNS = "name, categories, body, name_words, body_words"
_NEW = ", ".join(f"new.{column}" for column in _FTS_COLUMNS.split(", "))
_OLD = ", ".join(f"old.{column}" for column in _FTS_COLUMNS.split(", "))

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE directory_offer_fts USING fts5(
        {_FTS_COLUMNS},
        content='directory_offersearchtext', content_rowid='offer_id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')""",
    f"""CREATE TRIGGER directory_offer_fts_insert AFTER INSERT ON directory_offersearchtext
        BEGIN
          INSERT INTO directory_offer_fts(rowid, {_FTS_COLUMNS}) VALUES (new.offer_id, {_NEW});
        END""",
    f"""CREATE TRIGGER directory_offer_fts_delete AFTER DELETE ON directory_offersearchtext
        BEGIN
          INSERT INTO directory_offer_fts(directory_offer_fts, rowid, {_FTS_COLUMNS})
          VALUES ('delete', old.offer_id, {_OLD});
        END""",
    f"""CREATE TRIGGER directory_offer_fts_update AFTER UPDATE ON directory_offersearchtext
        BEGIN
          INSERT INTO directory_offer_fts(directory_offer_fts, rowid, {_FTS_COLUMNS})
          VALUES ('delete', old.offer_id, {_OLD});
          INSERT INTO directory_offer_fts(rowid, {_FTS_COLUMNS}) VALUES (new.offer_id, {_NEW});
        END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_offer_fts_update",
    "DROP TRIGGER IF EXISTS directory_offer_fts_delete",
    "DROP TRIGGER IF EXISTS directory_offer_fts_insert",
    "DROP TABLE IF EXISTS directory_offer_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE directory_offersearchtext ADD COLUMN document tsvector
       GENERATED ALWAYS AS (
         setweight(to_tsvector('german'::regconfig, name), 'A')
         || setweight(to_tsvector('simple'::regconfig, name), 'A')
         || setweight(to_tsvector('german'::regconfig, categories), 'B')
         || setweight(to_tsvector('german'::regconfig, body), 'C')
         || setweight(to_tsvector('simple'::regconfig, categories || ' ' || body), 'D')
       ) STORED""",
    """CREATE INDEX directory_offersearchtext_document
       ON directory_offersearchtext USING GIN (document)""",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS directory_offersearchtext_document",
    "ALTER TABLE directory_offersearchtext DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_seed_categories"),
        ("districts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfferSearchText",
            fields=[
                ("offer", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="+", serialize=False, to="directory.offer", verbose_name="offer")),
                ("name", models.TextField(blank=True, verbose_name="name")),
                ("categories", models.TextField(blank=True, verbose_name="categories")),
                ("body", models.TextField(blank=True, verbose_name="other text")),
                ("name_words", models.TextField(blank=True, verbose_name="words of the name")),
                ("body_words", models.TextField(blank=True, verbose_name="other words")),
            ],
            options={
                "verbose_name": "search text",
                "verbose_name_plural": "search texts",
            },
        ),
        migrations.CreateModel(
            name="SearchMiss",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("query_text", models.CharField(blank=True, max_length=200, verbose_name="searched for")),
                ("filters", models.JSONField(blank=True, default=dict, verbose_name="filters")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="at")),
                ("district", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="search_misses", to="districts.district", verbose_name="district")),
            ],
            options={
                "verbose_name": "search without results",
                "verbose_name_plural": "searches without results",
                "ordering": ["-at"],
            },
        ),
        migrations.CreateModel(
            name="OfferSearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("latitude", models.FloatField(blank=True, null=True, verbose_name="latitude")),
                ("longitude", models.FloatField(blank=True, null=True, verbose_name="longitude")),
                ("access", models.PositiveIntegerField(default=0, verbose_name="accessibility (bit mask)")),
                ("min_cost", models.DecimalField(blank=True, decimal_places=2, max_digits=9, null=True, verbose_name="lowest price")),
                ("languages", models.CharField(default=",de,", max_length=200, verbose_name="languages")),
                ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="last confirmed")),
                ("has_hours", models.BooleanField(default=False, verbose_name="has opening hours")),
                ("sort_name", models.CharField(default="", max_length=200, verbose_name="name for sorting")),
                ("district", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="districts.district", verbose_name="district")),
                ("offer", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="directory.offer", verbose_name="offer")),
                ("place", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="directory.place", verbose_name="place")),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "indexes": [models.Index(fields=["latitude", "longitude"], name="offer_search_lat_lon")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
            elidable=False,
        ),
    ]

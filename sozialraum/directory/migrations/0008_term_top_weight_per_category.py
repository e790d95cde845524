"""Each search term's highest weight per category (the bound a search filtered by
categories stops by), filled from the postings that exist already."""

import django.db.models.deletion
from django.db import migrations, models




def fill(apps, schema_editor):
    connection = schema_editor.connection
    table = connection.ops.quote_name
    schema_editor.execute(
        f"INSERT INTO {table('directory_offersearchtermcategory')} (term, category_id, "
        f"top_weight) SELECT t.term, oc.category_id, MAX(t.weight) FROM "
        f"{table('directory_offerterm')} t JOIN {table('directory_offer_categories')} oc "
        "ON oc.offer_id = t.offer_id GROUP BY t.term, oc.category_id"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0007_prefix_indexes_postgresql'),
    ]

    operations = [
        migrations.CreateModel(
            name='OfferSearchTermCategory',
            fields=[
                ('pk', models.CompositePrimaryKey('term', 'category', blank=True, editable=False, primary_key=True, serialize=False)),
                ('term', models.CharField(max_length=64, verbose_name='word stem')),
                ('top_weight', models.FloatField(default=0.0, verbose_name='highest weight')),
                ('category', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='directory.category', verbose_name='category')),
            ],
            options={
                'verbose_name': 'search term in a category',
                'verbose_name_plural': 'search terms in categories',
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]

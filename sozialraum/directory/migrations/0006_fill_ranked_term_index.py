"""Fills the ranked term index (0005) for offers that exist already, by rebuilding the
whole search index once. Data migration; calls the app's own rebuild, so it is meant to
run right after 0005 (squash it with 0005 before changing these tables again)."""

from django.db import migrations


def fill(apps, schema_editor):
    from sozialraum.directory.search import offer_index_rebuild

    if apps.get_model("directory", "Offer").objects.exists():
        offer_index_rebuild()


def empty(apps, schema_editor):
    for name in ("OfferTerm", "OfferSearchTerm", "OfferSearchWord", "OfferSearchStats"):
        apps.get_model("directory", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_ranked_term_index")]

    operations = [migrations.RunPython(fill, empty, elidable=True)]

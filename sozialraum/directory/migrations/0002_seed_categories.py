"""Seeds the Sozialraum categories the offer directory starts with (the issue "Offer
directory and Weg-Weisung"). Names are data shown to German users, so they are German;
codes are English and stable. Administrators may rename and extend them later.
Reversing deletes exactly these codes (children first)."""

from django.db import migrations

#: (code, German name, parent code or None), parents before their children.
CATEGORIES = [
    ("meeting_place", "Begegnung und Treffpunkte", None),
    ("community_centre", "Begegnungsstätte", "meeting_place"),
    ("neighbourhood_meeting_point", "Nachbarschaftstreff", "meeting_place"),
    ("cafe", "Café und Erzählcafé", "meeting_place"),
    ("counselling", "Beratung", None),
    ("neighbourhood_point", "Quartierspunkt", "counselling"),
    ("care_counselling", "Pflegeberatung", "counselling"),
    ("care_relief", "Pflege und Entlastung", None),
    ("lunch_table", "Mittagstisch", None),
    ("transport", "Fahrdienste und Begleitung", None),
    ("volunteering", "Ehrenamt und Engagement", None),
    ("self_help", "Selbsthilfegruppen", None),
    ("sport_movement", "Sport und Bewegung", None),
    ("culture_education", "Kultur und Bildung", None),
    ("housing", "Wohnen", None),
    ("work_day_structure", "Arbeit und Tagesstruktur", None),
    ("children_families", "Kinder und Familien", None),
    ("children_day_care", "Kindertagesstätten", "children_families"),
    ("playground", "Spielplätze", "children_families"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    created = {}
    for code, name, parent in CATEGORIES:
        category, _ = Category.objects.get_or_create(
            code=code, defaults={"name": name, "parent": created.get(parent)}
        )
        created[code] = category


def unseed(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    for code, _name, _parent in reversed(CATEGORIES):
        Category.objects.filter(code=code).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_offers_places_categories"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]

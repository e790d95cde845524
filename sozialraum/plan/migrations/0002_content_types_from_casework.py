"""The content types (and so the permissions) of the moved plan models follow them from
the casework app label to the plan app label; backwards they return."""

from django.db import migrations

MOVED_MODELS = (
    "lifearea",
    "willstatement",
    "goal",
    "resourceentry",
    "plan",
    "planversion",
    "planstep",
    "planparticipant",
    "review",
    "goalreview",
    "selfrating",
    "arearating",
    "referral",
    "referralevent",
    "referralgap",
    "personalplace",
)


def _relabel(apps, old, new):
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(
        content_type.objects.filter(app_label=new, model__in=MOVED_MODELS).values_list(
            "model", flat=True
        )
    )
    content_type.objects.filter(app_label=old, model__in=MOVED_MODELS).exclude(
        model__in=taken
    ).update(app_label=new)


def forwards(apps, schema_editor):
    _relabel(apps, "casework", "plan")


def backwards(apps, schema_editor):
    _relabel(apps, "plan", "casework")


class Migration(migrations.Migration):

    dependencies = [
        ("plan", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

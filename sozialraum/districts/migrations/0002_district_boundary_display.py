"""Districts keep a copy of their boundary simplified for maps (``boundary_display``), and a
bounding box only with a boundary (so lists can tell whether there is one without loading
it)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

from sozialraum.districts.display import display_geometry


def boundary_display_fill(apps: Any, schema_editor: Any) -> None:
    """Computes the display copy of every boundary, and drops bounding boxes that have no
    boundary beside them (none of the importers writes one)."""
    District = apps.get_model("districts", "District")
    District.objects.filter(boundary__isnull=True).update(
        min_lon=None, min_lat=None, max_lon=None, max_lat=None
    )
    for district in District.objects.filter(boundary__isnull=False).only("pk", "boundary"):
        district.boundary_display = display_geometry(district.boundary)
        district.save(update_fields=["boundary_display"])


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="district",
            name="boundary_display",
            field=models.JSONField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="boundary simplified for maps (GeoJSON geometry)",
            ),
        ),
        migrations.RunPython(boundary_display_fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="district",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("boundary__isnull", False),
                    models.Q(
                        ("max_lat__isnull", True),
                        ("max_lon__isnull", True),
                        ("min_lat__isnull", True),
                        ("min_lon__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="district_bbox_only_with_boundary",
            ),
        ),
    ]

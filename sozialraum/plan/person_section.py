"""The plan's section of the person page (will, goals and self-ratings), registered with
:func:`sozialraum.casework.sections.person_section_register` by ``PlanConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Person
from sozialraum.casework.sections import PersonSection, person_section_register
from sozialraum.lib.svg import Series, line_chart

from .selectors import rating_rows


def ratings_context(person: Person) -> dict[str, Any]:
    """The self-ratings over time: rows for the table and the SVG chart."""
    rows, areas = rating_rows(person)
    if not rows:
        return {"rating_rows": [], "rating_areas": [], "rating_chart": ""}
    series = [Series(_("Life satisfaction"), [row.life_satisfaction for row in rows])]
    series += [
        Series(area.plain_name, [row.participation.get(area.code) for row in rows])
        for area in areas
    ]
    chart = line_chart(
        series,
        x_labels=[row.rated_on.strftime("%d.%m.%y") for row in rows],
        title=_("Self-ratings over time"),
        description=_(
            "Life satisfaction and participation per life area, 0 to 10; the "
            "table below gives the same figures."
        ),
        chart_id=f"ratings-{person.pk}",
    )
    table = [
        {"row": row, "areas": [row.participation.get(area.code) for area in areas]} for row in rows
    ]
    return {"rating_rows": table, "rating_areas": areas, "rating_chart": chart}


def section_context(request: HttpRequest, person: Person) -> dict[str, Any]:
    """The person page has read the person already (and logged it) for its purpose."""
    goals = person.goals.select_related("life_area").order_by("created_at", "pk")
    return {
        "will": person.will_statements.first(),
        "goals": goals,
        **ratings_context(person),
    }


def register() -> None:
    person_section_register(
        PersonSection(
            key="plan",
            title=gettext_lazy("Will, goals and plan"),
            template="plan/section.html",
            purpose=Purpose.PLAN,
            order=20,
            context=section_context,
        )
    )

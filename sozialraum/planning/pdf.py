"""The dashboard as PDF (A4 landscape, reportlab): the same published figures as the city
and district pages, after the same disclosure control, a suppressed cell as ``.`` with
the DIN 55301 legend, and the title, the date and the data basis on the first page.

The input is what the pages render (:class:`~.figures.Dashboard`, the impact table), so
the PDF cannot show a figure the page withholds. Text is set in Helvetica, whose
encoding covers German.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any, Final
from xml.sax.saxutils import escape

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from sozialraum.lib.disclosure import Cell
from sozialraum.lib.pdf import build_pdf, grid_table, text_styles
from sozialraum.lib.templatetags.disclosure import disclosed_text, disclosure_legend

from .figures import CITY, Dashboard, Figure
from .impact import ImpactTable
from .models import Measure

#: Data columns per printed table; wider figures continue in a further table.
COLUMNS_PER_TABLE: Final = 7
PAGE: Final = landscape(A4)
_WIDTH: Final = PAGE[0] - 30 * mm
_MISSING: Final = "–"


def _styles() -> dict[str, ParagraphStyle]:
    styles = text_styles(10)
    cell = ParagraphStyle("cell", parent=styles["small"], leading=10.5, spaceAfter=0)
    return {**styles, "cell": cell}


def _text(value: Any) -> str:
    return escape(str(value))


def cell_text(cell: Cell | None, decimals: int = 0, *, with_count: bool = False) -> str:
    """A cell as the page shows it: the figure or ``.``, ``–`` without a figure, and the
    persons or items behind a published rate."""
    if cell is None:
        return _MISSING
    text = disclosed_text(cell, decimals)
    if with_count and not cell.suppressed:
        text += f" (n = {cell.count})"
    return text


def legend_text() -> str:
    """The legend of ``.`` as the pages word it (one wording: the template's)."""
    return html.unescape(
        strip_tags(render_to_string("includes/disclosure_legend.html", disclosure_legend()))
    ).strip()


def _table(rows: Sequence[Sequence[str]], first_width: float, styles: dict[str, Any]) -> Table:
    """The row names in the first column ``first_width`` wide, the rest shared evenly."""
    rest = (_WIDTH - first_width) / max(len(rows[0]) - 1, 1)
    return grid_table(rows, [first_width, *[rest] * (len(rows[0]) - 1)], styles["cell"])


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _figure_head(figure: Figure, styles: dict[str, Any]) -> list[Flowable]:
    unit = _("counted: %(unit)s") % {"unit": figure.unit}
    return [Paragraph(f"{_text(figure.title)} ({_text(unit)})", styles["h3"])]


def _figure_note(figure: Figure, styles: dict[str, Any]) -> list[Flowable]:
    return [Paragraph(_text(figure.note), styles["small"])] if figure.note else []


def city_figure(figure: Figure, styles: dict[str, Any]) -> list[Flowable]:
    """A figure with a row per district and the city last, in tables of at most
    :data:`COLUMNS_PER_TABLE` columns."""
    flow = _figure_head(figure, styles)
    for columns in _chunks(figure.columns, COLUMNS_PER_TABLE):
        rows = [[_("District"), *[figure.column_labels[c] for c in columns]]]
        for row in figure.rows:
            rows.append(
                [
                    figure.row_labels[row],
                    *[
                        cell_text(
                            figure.cell(row, c), figure.decimals, with_count=figure.shows_count
                        )
                        for c in columns
                    ],
                ]
            )
        flow += [_table(rows, 45 * mm, styles), Spacer(1, 2 * mm)]
    return flow + _figure_note(figure, styles)


def district_figure(
    figure: Figure, row: Any, names: tuple[str, str], styles: dict[str, Any]
) -> list[Flowable]:
    """A figure as the district page shows it: a line per column, the district beside
    the city."""
    rows = [[_("Figure"), *names]]
    for label, cell, city_cell in figure.compare(row):
        rows.append(
            [
                label,
                cell_text(cell, figure.decimals, with_count=figure.shows_count),
                cell_text(city_cell, figure.decimals, with_count=figure.shows_count),
            ]
        )
    return [
        *_figure_head(figure, styles),
        _table(rows, 110 * mm, styles),
        *_figure_note(figure, styles),
    ]


def _impact(impact: ImpactTable, styles: dict[str, Any]) -> list[Flowable]:
    flow: list[Flowable] = [
        Paragraph(
            _text(_("Impact: how people rate their participation and life satisfaction")),
            styles["h2"],
        )
    ]
    if not impact.rows:
        return [*flow, Paragraph(_text(_("Nobody has been rated twice yet.")), styles["body"])]
    flow.append(
        Paragraph(
            _text(_("Mean change between the first and the latest rating (persons)")),
            styles["h3"],
        )
    )
    for measures in _chunks(impact.measures, COLUMNS_PER_TABLE):
        rows = [[_("District"), *[impact.measure_labels[m] for m in measures]]]
        for row in impact.rows:
            line = [impact.labels[row]]
            for measure in measures:
                change = impact.change(row, measure)
                mean = cell_text(change.mean_change, 1)
                line.append(f"{mean} ({cell_text(change.persons)})")
            rows.append(line)
        flow += [_table(rows, 45 * mm, styles), Spacer(1, 2 * mm)]
    return flow


def _head(title: str, styles: dict[str, Any]) -> list[Flowable]:
    today = date_format(timezone.localdate(), "j. F Y")
    basis = _(
        "Data basis: official population figures of the latest year with the projection; "
        "the public directory of offers; the platform's records of case work, searches, "
        "ideas, neighbourhood help, early warning and barriers as of %(date)s, counted "
        "without names."
    ) % {"date": today}
    return [
        Paragraph(_text(title), styles["title"]),
        Paragraph(_text(_("As of %(date)s.") % {"date": today}), styles["body"]),
        Paragraph(_text(basis), styles["body"]),
        Paragraph(_text(legend_text()), styles["body"]),
    ]


def city_pdf(dashboard: Dashboard, impact: ImpactTable) -> bytes:
    """The city dashboard: every figure with a row per district and the city's."""
    styles = _styles()
    title = _("Social planning: %(city)s") % {"city": dashboard.area.city.name}
    story = _head(title, styles)
    for section in dashboard.sections:
        story.append(Paragraph(_text(section.title), styles["h2"]))
        for figure in section.figures:
            story += city_figure(figure, styles)
    story += _impact(impact, styles)
    return build_pdf(story, title=title, pagesize=PAGE, side=15 * mm, top=14 * mm, bottom=16 * mm)


def district_pdf(dashboard: Dashboard, row: Any, measures: Sequence[Measure]) -> bytes:
    """A district's dashboard: its figures beside the city's, and its measures."""
    styles = _styles()
    area = dashboard.area
    title = _("Social planning: %(district)s") % {"district": area.label(row)}
    story = _head(title, styles)
    story.append(
        Paragraph(
            _text(
                _("The district's figures beside those of %(city)s.") % {"city": area.label(CITY)}
            ),
            styles["body"],
        )
    )
    names = (area.label(row), area.label(CITY))
    for section in dashboard.sections:
        story.append(Paragraph(_text(section.title), styles["h2"]))
        for figure in section.figures:
            story += district_figure(figure, row, names, styles)
    story.append(Paragraph(_text(_("Measures")), styles["h2"]))
    for measure in measures:
        line = f"{measure.title} ({measure.get_status_display()}, {measure.owner})"
        story.append(Paragraph("– " + _text(line), styles["body"]))
    if not measures:
        story.append(
            Paragraph(_text(_("No measure has been decided for this district.")), styles["body"])
        )
    return build_pdf(story, title=title, pagesize=PAGE, side=15 * mm, top=14 * mm, bottom=16 * mm)

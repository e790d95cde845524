"""Small server-side SVG charts: no JavaScript, printable, and each paired with a table.

The chart carries ``role="img"`` with a title and description so screen readers announce
it; the numbers themselves are in the table the page shows beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    chart_id: str,
    width: int = 560,
    bar_height: int = 26,
) -> SafeString:
    """Horizontal bars with their values written at the end; missing values say "–"."""
    label_width, gap, top = 90, 8, 8
    largest = max((bar.value or 0 for bar in bars), default=0) or 1
    room = width - label_width - 70
    height = top * 2 + len(bars) * (bar_height + gap)
    rows = []
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        length = round(room * (bar.value or 0) / largest)
        value = "–" if bar.value is None else number_format(round(bar.value), force_grouping=True)
        rows.append(
            (
                label_width - 6,
                y + bar_height * 0.68,
                bar.label,
                label_width,
                y,
                length,
                bar_height,
                label_width + length + 6,
                y + bar_height * 0.68,
                value,
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar"></rect>'
        '<text x="{}" y="{}">{}</text>',
        rows,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'
        ' role="img" aria-labelledby="{id}-title {id}-desc" class="bar-chart">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{body}</svg>",
        w=width, h=height, id=chart_id, title=title, desc=description, body=body,
    )  # fmt: skip


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a label and a value (or None) per x position."""

    label: str
    values: Sequence[float | None]


#: Line colours, distinguishable in greyscale too; the dash patterns tell lines apart
#: without colour.
_LINE_STYLES = (
    ("#0b5c8c", ""),
    ("#b3261e", "6 4"),
    ("#1a7f37", "2 3"),
    ("#6639ba", "10 3 2 3"),
    ("#8a5a00", "1 6"),
)


def line_chart(
    series: Sequence[Series],
    *,
    x_labels: Sequence[str],
    title: str,
    description: str,
    chart_id: str,
    y_max: float = 10,
    width: int = 560,
    height: int = 240,
) -> SafeString:
    """Lines over a shared x axis (e.g. dates) from 0 to ``y_max``, with a legend; a
    missing value breaks its line."""
    left, right, top, bottom = 36, 12, 12, 40
    room_x, room_y = width - left - right, height - top - bottom
    legend_height = 22 * len(series)

    def x(index: int) -> float:
        return left + (room_x * index / (len(x_labels) - 1) if len(x_labels) > 1 else room_x / 2)

    def y(value: float) -> float:
        return top + room_y * (1 - value / y_max)

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"></line>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>',
        ((left, width - right, y(v), y(v), left - 6, y(v) + 5, number_format(v))
         for v in (0, y_max / 2, y_max)),
    )  # fmt: skip
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        ((x(i), height - bottom + 20, label) for i, label in enumerate(x_labels)),
    )
    lines = format_html_join("", "{}", ((_line(s, i, x, y),) for i, s in enumerate(series)))
    legend = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3"'
        ' stroke-dasharray="{}"></line><text x="{}" y="{}">{}</text>',
        ((left, left + 30, height + 11 + 22 * i, height + 11 + 22 * i,
          *_LINE_STYLES[i % len(_LINE_STYLES)], left + 38, height + 16 + 22 * i, s.label)
         for i, s in enumerate(series)),
    )  # fmt: skip
    total = height + legend_height
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}"'
        ' role="img" aria-labelledby="{id}-title {id}-desc" class="line-chart">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{grid}{ticks}{lines}{legend}</svg>",
        w=width, h=total, id=chart_id, title=title, desc=description, grid=grid, ticks=ticks,
        lines=lines, legend=legend,
    )  # fmt: skip


def _line(series: Series, index: int, x: Any, y: Any) -> SafeString:
    colour, dash = _LINE_STYLES[index % len(_LINE_STYLES)]
    runs: list[list[str]] = [[]]
    dots = []
    for position, value in enumerate(series.values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append(f"{x(position):.1f},{y(value):.1f}")
        dots.append((x(position), y(value), colour))
    paths = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"'
        ' stroke-dasharray="{}"></polyline>',
        ((" ".join(run), colour, dash) for run in runs if len(run) > 1),
    )
    marks = format_html_join("", '<circle cx="{}" cy="{}" r="4" fill="{}"></circle>', dots)
    return format_html("{}{}", paths, marks)

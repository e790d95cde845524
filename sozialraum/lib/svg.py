"""Small server-side SVG charts: no JavaScript, printable, and each paired with a table.

The chart carries ``role="img"`` with a title and description so screen readers announce
it; the numbers themselves are in the table the page shows beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
        '<style>text{{font:14px system-ui,sans-serif;fill:#1b1f24}}.bar{{fill:#0b5c8c}}</style>'
        "{body}</svg>",
        w=width, h=height, id=chart_id, title=title, desc=description, body=body,
    )  # fmt: skip

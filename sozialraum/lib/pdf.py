"""Shared pieces of the PDFs made with reportlab (the plan document, the planning
dashboard): the paragraph styles scaled from the body's type size, and a table of text
with a shaded header row and a grid."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate


def text_styles(size: float) -> dict[str, ParagraphStyle]:
    """``title``, ``h2``, ``h3``, ``body`` and ``small`` for body text of ``size`` points."""
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body",
        parent=base["Normal"],
        fontSize=size,
        leading=size * 1.4,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontSize=size + 10, leading=size + 14
        ),
        "h2": _heading("h2", base["Heading2"], size + 4, before=10, after=4),
        "h3": _heading("h3", base["Heading3"], size + 1, before=6, after=2),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.3),
    }


def _heading(name: str, parent: Any, size: float, *, before: float, after: float) -> ParagraphStyle:
    return ParagraphStyle(
        name, parent=parent, fontSize=size, leading=size + 4, spaceBefore=before, spaceAfter=after
    )


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    pagesize: tuple[float, float] = A4,
    side: float = 20 * mm,
    top: float = 18 * mm,
    bottom: float = 20 * mm,
) -> bytes:
    """The story as a PDF in German with the page number at the foot of every page."""

    def footer(canvas: Any, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(side, bottom - 8 * mm, _("Page %(page)s") % {"page": doc.page})
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author="Sozialraum",
        lang="de",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def grid_table(
    rows: Sequence[Sequence[str]], widths: Sequence[float], style: ParagraphStyle
) -> Table:
    """``rows`` of plain text (escaped here, line breaks kept), the first the header
    repeated on every page."""
    cells = [
        [Paragraph(escape(str(cell)).replace("\n", "<br/>"), style) for cell in row] for row in rows
    ]
    table = Table(cells, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a949e")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _markup(text: object) -> str:
    """Plain text escaped for reportlab's paragraph markup, line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")

"""The plan document as PDF: the same plain-language content as the printable page, laid
out for A4 with reportlab (pure Python, installs from PyPI alone).

The input is a plan document as :func:`sozialraum.plan.services.plan_document`
builds it (and as a final version keeps it frozen), so the PDF of a final version shows
the plan exactly as it was agreed. Text is set in Helvetica, whose encoding covers German.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate

from .models import Rung
from .offer_document import facts_above_text, offer_facts
from .templatetags.plan_tags import isodate

#: Larger than usual type: the document is read by the person, who may see less well.
BODY_SIZE = 12


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body",
        parent=base["Normal"],
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.4,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=22, leading=26),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontSize=16, leading=20, spaceBefore=10, spaceAfter=4
        ),
        "h3": ParagraphStyle(
            "h3", parent=base["Heading3"], fontSize=13, leading=17, spaceBefore=6, spaceAfter=2
        ),
        "body": body,
        "quote": ParagraphStyle(
            "quote", parent=body, leftIndent=8 * mm, fontName="Helvetica-Oblique"
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=10, leading=13),
        "facts": ParagraphStyle("facts", parent=body, leftIndent=6 * mm, fontSize=11, leading=14),
    }


def _text(value: Any) -> str:
    """Escaped for reportlab's paragraph markup, line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _date(value: str | None) -> str:
    return isodate(value)


def _rung_label(code: str) -> str:
    return str(Rung(code).label)


def _ladder(goal: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flow: list[Flowable] = []
    for rung in goal["ladder"]:
        flow.append(Paragraph(_text(_rung_label(rung["rung"])), styles["h3"]))
        if not rung["entries"]:
            flow.append(Paragraph(_text(_("Nothing yet.")), styles["small"]))
        for entry in rung["entries"]:
            line = _text(entry["text"])
            if entry.get("detail"):
                line += " (" + _text(entry["detail"]) + ")"
            flow.append(Paragraph("– " + line, styles["body"]))
            if entry.get("offer"):
                flow.extend(_offer_facts(entry["offer"], styles))
            elif entry.get("facts_above"):
                flow.append(Paragraph(_text(facts_above_text(entry)), styles["facts"]))
    return flow


def _offer_facts(offer: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [
        Paragraph(f"<b>{_text(label)}:</b> {_text(text)}", styles["facts"])
        for label, text in offer_facts(offer)
    ]


def _goals(document: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(_text(_("My goals")), styles["h2"])]
    for number, goal in enumerate(document["goals"], start=1):
        head = _("Goal %(number)s: %(text)s") % {"number": number, "text": goal["text"]}
        flow.append(
            KeepTogether(
                [
                    Paragraph(_text(head), styles["h3"]),
                    Paragraph(
                        _text(_("Life area: %(area)s") % {"area": goal["life_area"]}),
                        styles["small"],
                    ),
                    Paragraph(
                        _text(
                            _("How I will know it is reached: %(how)s")
                            % {"how": goal["how_to_know"]}
                        ),
                        styles["body"],
                    ),
                ]
            )
        )
        flow.extend(_ladder(goal, styles))
    if not document["goals"]:
        flow.append(Paragraph(_text(_("No goals yet.")), styles["body"]))
    return flow


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    styles = _styles()
    cells = [[Paragraph(_text(cell), styles["small"]) for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
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


def _steps(document: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(_text(_("What we agreed")), styles["h2"])]
    if not document["steps"]:
        return [*flow, Paragraph(_text(_("No steps agreed yet.")), styles["body"])]
    rows = [[_("What"), _("Who"), _("By when")]]
    rows += [[step["what"], step["who"], _date(step["due_on"])] for step in document["steps"]]
    return [*flow, _table(rows, [95 * mm, 45 * mm, 30 * mm])]


def _participants(document: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flow: list[Flowable] = [Paragraph(_text(_("Who planned with me")), styles["h2"])]
    for person in document["participants"]:
        role = f" ({person['role']})" if person["role"] else ""
        flow.append(Paragraph("– " + _text(person["name"] + role), styles["body"]))
    if not document["participants"]:
        flow.append(Paragraph(_text(_("Nobody recorded yet.")), styles["body"]))
    return flow


def _head(document: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    title = _("My plan – %(name)s") % {"name": document["person"]}
    if document["status"] == "final":
        status = _("Version %(number)s, agreed on %(date)s.") % {
            "number": document["number"],
            "date": _date(document["finalised_at"]),
        }
    else:
        status = _("Version %(number)s, a draft: not agreed yet.") % {"number": document["number"]}
    review = _("We look at the plan again on %(date)s.") % {"date": _date(document["review_on"])}
    return [
        Paragraph(_text(title), styles["title"]),
        Paragraph(_text(status), styles["body"]),
        Paragraph(_text(review), styles["body"]),
    ]


def _will(document: dict[str, Any], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flow: list[Flowable] = [
        Paragraph(_text(_("How I want to live. What matters to me.")), styles["h2"])
    ]
    for statement in document["will"]:
        flow.append(Paragraph("„" + _text(statement["text"]) + "“", styles["quote"]))
        flow.append(
            Paragraph(
                _text(_("Said on %(date)s") % {"date": _date(statement["said_on"])}),
                styles["small"],
            )
        )
    if not document["will"]:
        flow.append(Paragraph(_text(_("Not written down yet.")), styles["body"]))
    return flow


def _footer(canvas: Any, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 9)
    canvas.drawString(20 * mm, 12 * mm, _("Page %(page)s") % {"page": doc.page})
    canvas.restoreState()


def plan_pdf(document: dict[str, Any]) -> bytes:
    """The plan document as an A4 PDF."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=_("My plan"),
        author="Sozialraum",
        lang="de",
    )
    story: list[Flowable] = [
        *_head(document, styles),
        *_will(document, styles),
        *_goals(document, styles),
        *_steps(document, styles),
        *_participants(document, styles),
        Spacer(1, 6 * mm),
    ]
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()

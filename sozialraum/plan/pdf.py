"""The plan document as PDF: the same plain-language content as the printable page, laid
out for A4 with reportlab (pure Python, installs from PyPI alone).

The input is a plan document as :func:`sozialraum.plan.services.plan_document`
builds it (and as a final version keeps it frozen), so the PDF of a final version shows
the plan exactly as it was agreed. Text is set in Helvetica, whose encoding covers German.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from sozialraum.lib.pdf import build_pdf, grid_table, text_styles

from .models import Rung
from .offer_document import facts_above_text, offer_facts
from .templatetags.plan_tags import isodate

#: Larger than usual type: the document is read by the person, who may see less well.
BODY_SIZE = 12


def _styles() -> dict[str, ParagraphStyle]:
    styles = text_styles(BODY_SIZE)
    body = styles["body"]
    return {
        **styles,
        "quote": ParagraphStyle(
            "quote", parent=body, leftIndent=8 * mm, fontName="Helvetica-Oblique"
        ),
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
    return grid_table(rows, widths, _styles()["small"])


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


def plan_pdf(document: dict[str, Any]) -> bytes:
    """The plan document as an A4 PDF."""
    styles = _styles()
    story: list[Flowable] = [
        *_head(document, styles),
        *_will(document, styles),
        *_goals(document, styles),
        *_steps(document, styles),
        *_participants(document, styles),
        Spacer(1, 6 * mm),
    ]
    return build_pdf(story, title=_("My plan"))

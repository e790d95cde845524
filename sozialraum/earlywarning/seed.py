"""The early-warning rules as shipped: their German texts, reasons and legal bases, as the
data migration seeds them. :func:`rules_ensure` puts back missing ones (after a test
database flush, and in the demo); rules already there are left as edited."""

from __future__ import annotations

from typing import Any

RULES: list[dict[str, Any]] = [
    {
        "code": "discharge",
        "title": "Entlassung aus Krankenhaus oder Kurzzeitpflege",
        "reason": (
            "Die ersten Wochen nach einer Entlassung sind die Zeit, in der Menschen am "
            "häufigsten wieder ins Krankenhaus kommen oder allein nicht zurechtkommen "
            "(Bielefelder Stadtteile-Teams: Frühwarnsystem bei Entlassungen)."
        ),
        "basis": (
            "Einwilligung der Person (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO), "
            "mit dem Zweck „Frühe Hinweise“ für das Stadtteil-Team erfasst; jederzeit "
            "widerrufbar. Entlassmanagement nach § 39 Abs. 1a SGB V."
        ),
        "threshold": None,
        "threshold_label": "",
    },
    {
        "code": "alone_80",
        "title": "80 Jahre oder älter und allein lebend",
        "reason": (
            "Hochaltrige, die allein leben, geraten leichter in Einsamkeit und haben bei "
            "einer Krise niemanden im Haushalt, der Hilfe holt."
        ),
        "basis": (
            "Altenhilfe nach § 71 SGB XII (Beratung und Unterstützung, auch aufsuchend); "
            "nur für Personen, deren Fall die eigene Organisation führt oder die in die "
            "frühen Hinweise eingewilligt haben."
        ),
        "threshold": 80,
        "threshold_label": "Alter in Jahren",
    },
    {
        "code": "birthday",
        "title": "75. oder 80. Geburtstag",
        "reason": (
            "Ein präventiver Hausbesuch zu einem runden Geburtstag erreicht Menschen, bevor "
            "ein Hilfebedarf entsteht (Hamburger Hausbesuch ab 80; Dänemark, § 79a "
            "Lov om social service: Angebot ab 75)."
        ),
        "basis": (
            "Altenhilfe nach § 71 SGB XII; der Besuch ist ein freiwilliges Angebot. Nur für "
            "Personen, deren Fall die eigene Organisation führt oder die eingewilligt haben."
        ),
        "threshold": 30,
        "threshold_label": "Tage vor dem Geburtstag, ab denen der Hinweis erscheint",
    },
    {
        "code": "bereavement",
        "title": "Trauerfall",
        "reason": (
            "Der Tod einer nahestehenden Person nimmt oft die wichtigste Stütze im Alltag; "
            "Rückzug und Verschlechterung der Gesundheit folgen häufig."
        ),
        "basis": (
            "Einwilligung der Person (gemeldet) oder die Netzwerkkarte, die die "
            "eigene Organisation mit der Person führt (eine Kontaktperson neu als "
            "verstorben markiert)."
        ),
        "threshold": None,
        "threshold_label": "",
    },
    {
        "code": "network_shrink",
        "title": "Netzwerk ist kleiner geworden",
        "reason": (
            "Wenn die Netzwerkkarte zwischen zwei Versionen lebende Kontakte verliert, "
            "fehlt Unterstützung, bevor sie gebraucht wird."
        ),
        "basis": (
            "Die Netzwerkkarte, die die Person mit ihrer Organisation erstellt hat; nur für "
            "Personen, deren Fall die eigene Organisation führt oder die eingewilligt haben."
        ),
        "threshold": 2,
        "threshold_label": "weniger lebende Kontakte als in der Version davor",
    },
    {
        "code": "no_contact",
        "title": "Lange kein Kontakt",
        "reason": (
            "Ein offener Fall ohne Kontakt (Überprüfung, Planänderung, Screening oder "
            "Besuch) über viele Wochen kann heißen, dass jemand aus dem Blick geraten ist."
        ),
        "basis": (
            "Fallarbeit der eigenen Organisation; für andere Organisationen nur mit "
            "Einwilligung in die frühen Hinweise."
        ),
        "threshold": 8,
        "threshold_label": "Wochen ohne erfassten Kontakt",
    },
    {
        "code": "concern",
        "title": "Sorge von Nachbarschaft oder Anbieter",
        "reason": (
            "Nachbarinnen, Nachbarn und Dienste bemerken oft als Erste, dass jemand Hilfe "
            "braucht (überquellender Briefkasten, lange nicht gesehen)."
        ),
        "basis": (
            "Ohne Einwilligung: nur die Hausadresse, kein Name, keine Freitexte. Das Team "
            "klingelt und bietet Hilfe an; was daraus folgt, entscheidet die Person."
        ),
        "threshold": None,
        "threshold_label": "",
    },
    {
        "code": "screening",
        "title": "Screening-Wert (PRISMA-7)",
        "reason": (
            "PRISMA-7 erkennt mit sieben Fragen ein erhöhtes Risiko von Gebrechlichkeit; "
            "ab 3 Punkten wird eine genauere Einschätzung empfohlen (Raîche u. a. 2008)."
        ),
        "basis": (
            "Mit der Person im Gespräch erhoben, Fallarbeit der eigenen Organisation; an "
            "das Stadtteil-Team nur mit Einwilligung oder durch die eigene Organisation."
        ),
        "threshold": 3,
        "threshold_label": "Punkte von 7",
    },
]


def rules_ensure() -> int:
    """Creates the rules that are missing; returns how many. Idempotent."""
    from .models import Rule

    existing = set(Rule.objects.values_list("code", flat=True))
    missing = [Rule(**row) for row in RULES if row["code"] not in existing]
    Rule.objects.bulk_create(missing)
    return len(missing)

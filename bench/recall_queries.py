"""The recall query set: searches as people type them against the demo's offers
(``sozialraum demo``: Flensburg's and Kiel's real day-care centres, Flensburg's real
playgrounds and the fictional offers of ``sozialraum/demo/offers.py``), each with the
offers a person typing it is looking for. Used by ``bench/bench_recall.py``.

An expected offer is named by one of:

- ``demo:KEY`` (or any other ``external_id``): that offer;
- ``cat:CODE``: every offer of the category;
- ``name:TEXT``: every offer whose name contains TEXT (case-insensitive);
- ``text:TEXT``: every offer whose name or description contains TEXT.

The texts are sent as typed on the search page, without a trailing blank (so the last word
is also read as a word being typed). Groups: ``exact`` (the offer's own word), ``plural``
(inflected forms), ``compound`` (a part of a compound, or a compound of words the offer
has apart), ``typo`` (one or two letters wrong), ``synonym`` (another word for the same
thing, or everyday language).
"""

from __future__ import annotations

LUNCH = ("demo:lunch-nordstadt", "demo:mittagstisch-weiche")
KITAS = ("cat:children_day_care",)
PLAYGROUNDS = ("cat:playground",)
MEETING = ("demo:treff-nordstadt", "demo:lunch-nordstadt")
OLDER = ("demo:gymnastik-fruerlund", "demo:mittagstisch-weiche", "demo:begegnung-muerwik")
COUNSELLING = ("demo:pflegeberatung", "demo:wohnberatung", "demo:quartierspunkt-neustadt")

#: (group, text as typed, expected offers).
QUERIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # --- exact: the word the offer itself uses
    ("exact", "Mittagstisch", LUNCH),
    ("exact", "Pflegeberatung", ("demo:pflegeberatung",)),
    ("exact", "Erzählcafé", ("demo:erzaehlcafe-juergensby",)),
    ("exact", "Fahrdienst", ("demo:fahrdienst",)),
    ("exact", "Ehrenamt", ("demo:ehrenamt",)),
    ("exact", "Demenz", ("demo:selbsthilfe-demenz",)),
    ("exact", "Lesestube", ("demo:lesestube",)),
    ("exact", "Wohnberatung", ("demo:wohnberatung",)),
    ("exact", "Tagesstätte", ("demo:tagesstaette",)),
    ("exact", "Begegnungsstätte", ("demo:begegnung-muerwik",)),
    ("exact", "Quartierspunkt", ("demo:quartierspunkt-neustadt",)),
    ("exact", "Spielplatz", PLAYGROUNDS),
    ("exact", "Kita", KITAS),
    ("exact", "Krippe", ("name:krippe",)),
    ("exact", "Kinderladen", ("name:kinderladen",)),
    ("exact", "Familienzentrum", ("name:familienzentrum",)),
    ("exact", "Waldkita", ("name:waldkita",)),
    ("exact", "Nachbarschaftstreff", ("demo:treff-nordstadt", "demo:lunch-nordstadt")),
    ("exact", "Seniorengymnastik", ("demo:gymnastik-fruerlund",)),
    ("exact", "Entlastung", ("demo:entlastung",)),
    ("exact", "Mittagstisch Weiche", ("demo:mittagstisch-weiche",)),
    ("exact", "Spielplatz Fruerlundhof", ("name:spielplatz fruerlundhof",)),
    ("exact", "Waldorfkindergarten", ("name:waldorfkindergarten",)),
    # --- plural and other inflected forms
    ("plural", "Kitas", KITAS),
    ("plural", "Spielplätze", PLAYGROUNDS),
    ("plural", "Krippen", ("name:krippe",)),
    ("plural", "Kinderläden", ("name:kinderladen",)),
    ("plural", "Familienzentren", ("name:familienzentrum",)),
    ("plural", "Mittagstische", LUNCH),
    ("plural", "Beratungen", COUNSELLING),
    ("plural", "Cafés", ("demo:erzaehlcafe-juergensby", "demo:treff-nordstadt")),
    ("plural", "Fahrdienste", ("demo:fahrdienst",)),
    ("plural", "Gesprächskreise", ("demo:selbsthilfe-demenz",)),
    ("plural", "Angehörigen", ("demo:entlastung", "demo:selbsthilfe-demenz")),
    ("plural", "Begegnungsstätten", ("demo:begegnung-muerwik",)),
    ("plural", "Tagesstätten", ("demo:tagesstaette",)),
    ("plural", "Kindergärten", ("name:kindergarten",)),
    ("plural", "Waldkitas", ("name:waldkita",)),
    ("plural", "Pflegeberatungen", ("demo:pflegeberatung",)),
    ("plural", "Lesestuben", ("demo:lesestube",)),
    ("plural", "Sprechstunden", ("demo:treff-nordstadt",)),
    ("plural", "Vorträge", ("demo:begegnung-muerwik",)),
    ("plural", "Kurse", ("demo:begegnung-muerwik",)),
    ("plural", "Hausbesuche", ("demo:pflegeberatung",)),
    ("plural", "Arzttermine", ("demo:fahrdienst",)),
    ("plural", "Schaukeln", ("text:schaukel",)),
    ("plural", "Rutschen", ("text:rutsche",)),
    ("plural", "Sandkästen", ("text:sandkasten",)),
    ("plural", "Seilbahnen", ("text:seilbahn",)),
    ("plural", "Antrag", ("demo:quartierspunkt-neustadt",)),
    ("plural", "Zuschuss", ("demo:wohnberatung",)),
    # --- compounds: a part of the offer's compound, or a compound of the offer's words
    ("compound", "Gymnastik", ("demo:gymnastik-fruerlund",)),
    ("compound", "Seniorentreff", ("demo:begegnung-muerwik", "demo:treff-nordstadt")),
    ("compound", "Treff", (*MEETING, "demo:begegnung-muerwik")),
    ("compound", "Essen", LUNCH),
    ("compound", "Pflege", ("demo:pflegeberatung", "demo:entlastung")),
    ("compound", "Kinderkrippe", ("name:krippe",)),
    ("compound", "Naturkita", ("name:naturkita",)),
    ("compound", "Seniorenmittagstisch", LUNCH),
    ("compound", "Senioren Gymnastik", ("demo:gymnastik-fruerlund",)),
    ("compound", "Beratungsstelle", ("demo:pflegeberatung", "demo:entlastung")),
    ("compound", "Nachbarschaftshilfe", ("demo:ehrenamt",)),
    ("compound", "Nachbarschaft", (*MEETING, "demo:ehrenamt")),
    ("compound", "Café", ("demo:erzaehlcafe-juergensby", "demo:treff-nordstadt")),
    ("compound", "Repaircafé", ("demo:treff-nordstadt",)),
    ("compound", "Stadtteiltreff", ("demo:treff-nordstadt", "demo:begegnung-muerwik")),
    ("compound", "Kinderspielplatz", PLAYGROUNDS),
    ("compound", "Demenzgruppe", ("demo:selbsthilfe-demenz",)),
    ("compound", "Selbsthilfegruppe", ("demo:selbsthilfe-demenz",)),
    ("compound", "Wohnungsanpassung", ("demo:wohnberatung",)),
    ("compound", "Arzt", ("demo:fahrdienst",)),
    ("compound", "Mittagstreff", ("demo:begegnung-muerwik",)),
    ("compound", "Waldkindergarten", ("name:waldkita", "name:waldkiga", "name:waldkinder")),
    ("compound", "Fitness", ("demo:gymnastik-fruerlund",)),
    ("compound", "Kaffee Kuchen", ("demo:erzaehlcafe-juergensby",)),
    # --- typos
    ("typo", "Mitagstisch", LUNCH),
    ("typo", "Beratnug", COUNSELLING),
    ("typo", "Spielpaltz", PLAYGROUNDS),
    ("typo", "Kitta", KITAS),
    ("typo", "Kinderkripe", ("name:krippe",)),
    ("typo", "Pflegeberatugn", ("demo:pflegeberatung",)),
    ("typo", "Fahrdinst", ("demo:fahrdienst",)),
    ("typo", "Ehremamt", ("demo:ehrenamt",)),
    ("typo", "Demens", ("demo:selbsthilfe-demenz",)),
    ("typo", "Gymnastick", ("demo:gymnastik-fruerlund",)),
    ("typo", "Begegnungstätte", ("demo:begegnung-muerwik",)),
    ("typo", "Tagestätte", ("demo:tagesstaette",)),
    ("typo", "Quatierspunkt", ("demo:quartierspunkt-neustadt",)),
    ("typo", "Nachbarschaftstref", ("demo:treff-nordstadt", "demo:lunch-nordstadt")),
    ("typo", "Familienzentum", ("name:familienzentrum",)),
    ("typo", "Seniorengymnastick", ("demo:gymnastik-fruerlund",)),
    ("typo", "Wohnberatnug", ("demo:wohnberatung",)),
    ("typo", "Enlastung", ("demo:entlastung",)),
    ("typo", "Angehörge", ("demo:entlastung", "demo:selbsthilfe-demenz")),
    ("typo", "Spielplazt", PLAYGROUNDS),
    ("typo", "Mittagstich", LUNCH),
    ("typo", "Kindergarden", ("name:kindergarten",)),
    ("typo", "Selbsthilfgruppe", ("demo:selbsthilfe-demenz",)),
    ("typo", "Erzählkaffee", ("demo:erzaehlcafe-juergensby",)),
    ("typo", "Lesestueb", ("demo:lesestube",)),
    # --- synonyms and everyday words
    ("synonym", "Mittagessen", LUNCH),
    ("synonym", "Senioren", OLDER),
    ("synonym", "ältere Menschen", ("demo:begegnung-muerwik", "demo:mittagstisch-weiche")),
    ("synonym", "Kindergarten", KITAS),
    ("synonym", "Kinderbetreuung", KITAS),
    ("synonym", "Sport", ("demo:gymnastik-fruerlund",)),
    ("synonym", "Bewegung", ("demo:gymnastik-fruerlund",)),
    ("synonym", "Turnen", ("demo:gymnastik-fruerlund",)),
    ("synonym", "Bücherei", ("demo:lesestube",)),
    ("synonym", "Bibliothek", ("demo:lesestube",)),
    ("synonym", "Vorlesen", ("demo:lesestube", "demo:ehrenamt")),
    ("synonym", "Freiwillige", ("demo:ehrenamt", "demo:fahrdienst")),
    ("synonym", "Ehrenamtliche", ("demo:ehrenamt", "demo:fahrdienst")),
    ("synonym", "pflegende Angehörige", ("demo:entlastung",)),
    ("synonym", "Pflegegrad", ("demo:entlastung",)),
    ("synonym", "Taxi", ("demo:fahrdienst",)),
    ("synonym", "Begleitung", ("demo:fahrdienst",)),
    ("synonym", "Einkaufen", ("demo:fahrdienst",)),
    ("synonym", "Alzheimer", ("demo:selbsthilfe-demenz",)),
    ("synonym", "Wohnung", ("demo:wohnberatung",)),
    ("synonym", "barrierefrei", ("demo:wohnberatung",)),
    ("synonym", "Treffpunkt", ("demo:treff-nordstadt", "demo:begegnung-muerwik")),
    ("synonym", "Leichte Sprache", ("demo:lesestube",)),
    ("synonym", "psychisch krank", ("demo:tagesstaette",)),
    ("synonym", "Tagesstruktur", ("demo:tagesstaette",)),
    ("synonym", "Behörden", ("demo:fahrdienst",)),
    ("synonym", "Boernehave", ("name:børnehave",)),
    ("synonym", "Murwik Kita", ("flensburg-kita:kita-muerwik-foerdestrasse-flensburg",)),
    ("synonym", "evangelische Kita", ("name:ev. ",)),
    ("synonym", "katholische Kita", ("name:kath. ",)),
    ("synonym", "Kaffeeklatsch", ("demo:erzaehlcafe-juergensby",)),
    ("synonym", "Selbsthilfe", ("demo:selbsthilfe-demenz",)),
)

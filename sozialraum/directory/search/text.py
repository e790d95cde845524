"""Text analysis of the offer search, shared by the index and the queries: German words
without stopwords, their Snowball stems, a query's terms (words, "quoted phrases" and the
word being typed), and the full-text queries (SQLite FTS5, PostgreSQL tsquery) of the bare
full-text search the benchmark compares against."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import snowballstemmer

#: Longest term the index stores (longer stems and pairs are cut to it).
TERM_MAX_LENGTH = 64

#: bm25 weights of the FTS5 columns (name, categories, body, name_words, body_words).
BM25_WEIGHTS = "10.0, 4.0, 1.0, 5.0, 0.5"

#: Frequent German words left out of the index and of queries (kept short on purpose: the
#: words a user types that carry no meaning for finding an offer).
_STOPWORD_TEXT = """
    aber alle als am an auch auf aus bei bis das dass dem den der des die ein eine einem
    einen einer eines es für im in ist mit nach nicht noch oder sich sie so und um vom von
    vor wie wir zu zum zur über
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TOKEN = re.compile(r"[^\W_]+")
_QUERY_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_stemmer = snowballstemmer.stemmer("german")


# --- Text analysis (SQLite) -----------------------------------------------------------------


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` without stopwords, split as FTS5's ``unicode61``
    tokenizer splits them."""
    return [word for word in _TOKEN.findall(text.lower()) if word not in STOPWORDS]


#: Letters of loanwords and Danish names written as the German letters they are read as
#: ("Café" / "Cafe", "Børnehave" / "Boernehave"); Snowball itself folds ä/ae, ö/oe, ü/ue.
_FOLD = str.maketrans(
    {"é": "e", "è": "e", "ê": "e", "á": "a", "à": "a", "â": "a", "ó": "o", "ò": "o",
     "ô": "o", "í": "i", "ì": "i", "ú": "u", "ù": "u", "ç": "c", "ø": "ö", "æ": "ä", "å": "a"}
)  # fmt: skip
#: A stem ending in a vowel and "s" whose "s" Snowball leaves: the plural of words ending
#: in a full vowel ("Kitas", "Omas", "Autos", "Babys"); not after a diphthong ("Haus",
#: "Preis").
_VOWEL_PLURAL = re.compile(r"(?<=[^aeiouy][aioy])s$")
#: An "s" after the letters Snowball takes a final "s" from, left where the "s" was not
#: final in the word ("kurse" -> "kurs", while "kurs" -> "kur").
_S_AFTER_ENDING = re.compile(r"(?<=[bdfghklmnrt])s$")
#: Latin "-um" words whose plural is "-en" ("Zentrum" / "Zentren" -> "zentr").
_UM_PLURAL = re.compile(r"(?<=\w{4})um$")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The German stem of a lower-case word ("beratungen" -> "berat"): Snowball's, after
    folding accented letters (:data:`_FOLD`), with the plurals it misses taken off too
    ("kitas" -> "kita", "zentren" and "zentrum" -> "zentr"). The index and the queries
    both stem through here, so a form found in one is found in the other."""
    found = str(_stemmer.stemWord(word.translate(_FOLD)))
    if len(found) >= 4:
        found = _S_AFTER_ENDING.sub("", _VOWEL_PLURAL.sub("", found))
    return _UM_PLURAL.sub("", found)


def stems(text: str) -> str:
    return " ".join(stem(word) for word in words(text))


@dataclass(frozen=True)
class TextTerms:
    """A user's search text taken apart: whole words, "quoted phrases" (as word lists) and
    the word being typed (``prefix``: the last word when the text does not end in a blank)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefix: str = ""

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.prefix)


def text_terms(text: str) -> TextTerms:
    found: list[str] = []
    phrases: list[tuple[str, ...]] = []
    prefix = ""
    parts = list(_QUERY_PART.finditer(text))
    for number, part in enumerate(parts):
        if part.group(1) is not None:
            phrase = tuple(words(part.group(1)))
            if len(phrase) > 1:
                phrases.append(phrase)
            else:
                found.extend(phrase)
            continue
        tokens = _TOKEN.findall(part.group(2).lower())
        typing = number == len(parts) - 1 and not text[-1:].isspace()
        if typing and tokens:
            prefix = tokens.pop()
        found.extend(token for token in tokens if token not in STOPWORDS)
    if len(prefix) < 2:
        prefix = ""
    return TextTerms(tuple(dict.fromkeys(found)), tuple(phrases), prefix)


def fts5_match(terms: TextTerms) -> str:
    """An FTS5 query: every word (as its stem), phrase and the prefix must match. Tokens
    consist of letters and digits only, so quoting them as FTS5 strings is safe."""
    parts = [f'"{stem(word)}"' for word in terms.words]
    parts.extend('"' + " ".join(stem(word) for word in phrase) + '"' for phrase in terms.phrases)
    if terms.prefix:
        parts.append(f'("{stem(terms.prefix)}"* OR {{name_words body_words}} : "{terms.prefix}"*)')
    return " AND ".join(parts)


def tsquery_sql(terms: TextTerms) -> tuple[str, list[Any]]:
    """A PostgreSQL tsquery expression with its parameters: words through
    ``plainto_tsquery('german')``, phrases through ``phraseto_tsquery`` (``<->``), the
    prefix as ``:*`` on both its stem and the whole word (``simple``)."""
    parts: list[str] = []
    params: list[Any] = []
    if terms.words:
        parts.append("plainto_tsquery('german'::regconfig, %s)")
        params.append(" ".join(terms.words))
    for phrase in terms.phrases:
        parts.append("phraseto_tsquery('german'::regconfig, %s)")
        params.append(" ".join(phrase))
    if terms.prefix:
        parts.append("(to_tsquery('german'::regconfig, %s) || to_tsquery('simple'::regconfig, %s))")
        params.extend([f"{terms.prefix}:*"] * 2)
    return " && ".join(parts), params

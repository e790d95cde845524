"""Recall of the offer search on the words people type (``bench/recall_queries.py``).

Loads the demo (``sozialraum demo``'s districts, organisations and offers) into the
throwaway database, runs every query of the set as typed, and scores recall@10: of the
offers a query expects (at most 10 counted, so a query expecting all 231 day-care centres
scores 1.0 when its first ten results are day-care centres), the share among the first 10
results. Printed per group, against the figures measured before the search learned
inflection, compounds, typos and synonyms (:data:`BEFORE`).

``python -m bench.bench_recall`` scores the configured database as it is (its demo loaded
and indexed) and lists each query that misses, for working on the search.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass

from bench import BenchResult
from bench.recall_queries import QUERIES

#: Results scored per query.
K = 10
#: Mean recall@10 per group at commit 1417df8 (before this work), measured with this set.
BEFORE: dict[str, float] = {
    "exact": 0.986,
    "plural": 0.881,
    "compound": 0.486,
    "typo": 0.133,
    "synonym": 0.524,
    "all": 0.599,
}


@dataclass(frozen=True)
class Scored:
    group: str
    text: str
    expected: int
    found: int
    recall: float
    top: list[str]


def expected_ids(spec: str) -> set[int]:
    """The offer ids one expected-offer spec names (see ``bench/recall_queries.py``)."""
    from django.db.models import Q

    from sozialraum.directory.models import Offer

    kind, _colon, value = spec.partition(":")
    if kind == "cat":
        found = Offer.objects.filter(categories__code=value)
    elif kind == "name":
        found = Offer.objects.filter(name__icontains=value)
    elif kind == "text":
        found = Offer.objects.filter(Q(name__icontains=value) | Q(description__icontains=value))
    else:
        found = Offer.objects.filter(external_id=spec)
    ids = set(found.values_list("pk", flat=True))
    if not ids:
        raise SystemExit(f"recall set: {spec!r} names no offer of the demo")
    return ids


def score_all() -> list[Scored]:
    from sozialraum.directory.models import Offer
    from sozialraum.directory.search import OfferQuery, offer_search_ids

    names = dict(Offer.objects.values_list("pk", "name"))
    scored = []
    for group, text, specs in QUERIES:
        wanted = set().union(*(expected_ids(spec) for spec in specs))
        ids = [row[0] for row in offer_search_ids(OfferQuery(text=text, limit=K))]
        found = len(wanted & set(ids))
        scored.append(
            Scored(group, text, len(wanted), found, found / min(K, len(wanted)),
                   [names.get(pk, "?") for pk in ids[:3]])
        )  # fmt: skip
    return scored


def by_group(scored: list[Scored]) -> dict[str, float]:
    groups: dict[str, list[float]] = defaultdict(list)
    for item in scored:
        groups[item.group].append(item.recall)
        groups["all"].append(item.recall)
    return {group: sum(values) / len(values) for group, values in groups.items()}


def run() -> BenchResult:
    from sozialraum.demo.services import demo_load

    demo_load()
    scored = score_all()
    after = by_group(scored)
    counts: dict[str, int] = defaultdict(int)
    for item in scored:
        counts[item.group] += 1
        counts["all"] += 1
    table = [
        [group, str(counts[group]), _figure(BEFORE.get(group)), _figure(after[group])]
        for group in sorted(after, key=lambda group: group == "all")
    ]
    misses = [item for item in scored if item.recall < 1.0]
    return BenchResult(
        title="Recall of the words people type",
        headline=(
            f"recall@{K} {after['all']:.2f} over {counts['all']} queries "
            f"(before: {_figure(BEFORE.get('all'))})"
        ),
        figures=[("queries", str(counts["all"])), ("below full recall", str(len(misses)))],
        table_header=["group", "queries", f"recall@{K} before", f"recall@{K} now"],
        table=table,
        notes=[
            "Query set and expected offers: bench/recall_queries.py (the demo's offers: "
            "Flensburg's and Kiel's real day-care centres, Flensburg's playgrounds, the "
            "fictional offers); texts sent as typed, without a trailing blank.",
            f"recall@{K}: share of a query's expected offers (at most {K} counted) among its "
            f"first {K} results, averaged per group.",
            "Below full recall: "
            + ("; ".join(f"{item.text} {item.found}/{min(K, item.expected)}" for item in misses)
               or "none"),
        ],
    )  # fmt: skip


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def main() -> None:
    import django

    django.setup()
    scored = score_all()
    for item in scored:
        if item.recall < 1.0:
            print(f"{item.group:9} {item.recall:4.2f} {item.text!r}: {item.top}")
    for group, value in by_group(scored).items():
        print(f"{group:9} {value:.3f}")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
    sys.exit(0)

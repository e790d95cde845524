"""Demand: what persons in case work aim at and what their referrals came to, what
searches and referrals did not find, what residents propose and ask their neighbours
for, the early-warning load and the outcomes of outreach, and barriers.

Each figure is one ``GROUP BY district`` query (two for early warning), summed per
compared district (:class:`~.base.Area`) and protected with the settings' rule. Counts
of persons count each person once per cell (a person with goals in two life areas
counts in both columns); persons without a district count nowhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.barriers.models import ACTIVE_STATES, Barrier, BarrierState
from sozialraum.civic.models import Idea
from sozialraum.directory.models import Category, SearchMiss
from sozialraum.earlywarning.models import Contact, Entry, EntryStatus, Outcome
from sozialraum.neighbourhood.choices import PostKind
from sozialraum.neighbourhood.models import Post
from sozialraum.plan.models import GapReason, Goal, LifeArea, Referral, ReferralGap, ReferralState

from .base import PUBLIC_RULE, Area, Figure, counts_figure, labelled


def _spread(rows: Any, columns: tuple[str, ...]) -> Iterator[tuple[int | None, str, int]]:
    """``(district id, column, count)`` of rows of ``values("district_id")`` annotated
    with a count per column."""
    for row in rows:
        for column in columns:
            yield row["district_id"], column, row[column]


def _persons_by(rows: QuerySet[Any], column: str) -> Any:
    """``(district id, column, persons)`` grouped by the person's district and ``column``."""
    grouped = rows.values_list("person__district_id", column)
    return grouped.annotate(n=Count("person_id", distinct=True)).order_by()


def goals_figure(area: Area) -> Figure:
    """Persons with at least one goal in each life area."""
    return counts_figure(
        area,
        _persons_by(Goal.objects.all(), "life_area__code"),
        key="goals",
        title=_("Goals by life area"),
        unit=_("persons"),
        column_labels=dict(LifeArea.objects.values_list("code", "plain_name")),
    )


def referrals_figure(area: Area) -> Figure:
    """Persons with at least one referral in each state."""
    return counts_figure(
        area,
        _persons_by(Referral.objects.all(), "state"),
        key="referrals",
        title=_("Referrals by outcome"),
        unit=_("persons"),
        column_labels=labelled(ReferralState.choices),
    )


def gap_reasons_figure(area: Area) -> Figure:
    """Referrals that ended "not suitable" or "nothing found", by reason."""
    rows = ReferralGap.objects.values_list("district_id", "reason").annotate(n=Count("pk"))
    return counts_figure(
        area,
        rows.order_by(),
        key="gap_reasons",
        title=_('Why referrals ended "not suitable" or "nothing found"'),
        unit=_("referrals"),
        column_labels=labelled(GapReason.choices),
        note=_("Anonymous records: each referral counts once."),
    )


#: The theme of a search without a category filter.
FREE_TEXT = "free_text"


def search_misses_figure(area: Area) -> Figure:
    """Searches that found nothing, by the categories searched in (a search in two
    categories counts in both; one without a category as free text). The filters are
    JSON: SQL counts the searches per district and equal filters, and the themes are
    spread from those groups here (two queries)."""
    counts: Counter[tuple[int | None, str]] = Counter()
    grouped = SearchMiss.objects.values_list("district_id", "filters").annotate(n=Count("pk"))
    for district, filters, n in grouped.order_by():
        codes = (filters or {}).get("categories") or [FREE_TEXT]
        for code in codes:
            counts[(district, code)] += n
    used = {code for _district, code in counts}
    names = dict(Category.objects.filter(code__in=used).values_list("code", "name"))
    labels = {code: names[code] for code in sorted(names, key=names.__getitem__)}
    labels[FREE_TEXT] = _("words only, no category")
    return counts_figure(
        area,
        ((district, code, n) for (district, code), n in counts.items()),
        key="search_misses",
        title=_("Searches that found nothing, by theme"),
        unit=_("searches"),
        column_labels=labels,
        note=_("Anonymous records: no one who searched is known."),
    )


IDEAS, SUPPORTS, FLAGGED = "ideas", "supported", "flagged"


def ideas_figure(area: Area) -> Figure:
    """Residents' ideas (not withdrawn), their supports, and the ideas flagged for the
    planning office."""
    rows = (
        Idea.objects.filter(state__withdrawn=False)
        .values("district_id")
        .annotate(
            ideas=Count("pk", distinct=True),
            supported=Count("supports", distinct=True),
            flagged=Count("pk", distinct=True, filter=Q(flagged_at__isnull=False)),
        )
        .order_by()
    )
    return counts_figure(
        area,
        _spread(rows, (IDEAS, SUPPORTS, FLAGGED)),
        key="ideas",
        title=_("Ideas for the district and their support"),
        unit=_("ideas or supports"),
        column_labels={
            IDEAS: _("ideas"),
            SUPPORTS: _("supports"),
            FLAGGED: _("flagged for the planning office"),
        },
        note=_("Each idea has one author, each support is one resident's."),
    )


ASKED, UNANSWERED = "asked", "unanswered"


def help_requests_figure(area: Area) -> Figure:
    """Members who asked their neighbours for help, and those with an open request that
    nobody has answered."""
    today = timezone.localdate()
    unanswered = Q(closed_at__isnull=True, valid_until__gte=today, matches__isnull=True)
    rows = (
        Post.objects.filter(kind=PostKind.REQUEST)
        .values("district_id")
        .annotate(
            asked=Count("member_id", distinct=True),
            unanswered=Count("member_id", distinct=True, filter=unanswered),
        )
        .order_by()
    )
    return counts_figure(
        area,
        _spread(rows, (ASKED, UNANSWERED)),
        key="help_requests",
        title=_("Neighbourhood help requests"),
        unit=_("persons"),
        column_labels={
            ASKED: _("asked for help"),
            UNANSWERED: _("with an open request nobody answered"),
        },
    )


OPEN, ALL = "open", "all"


def early_warning_figure(area: Area) -> Figure:
    """Outreach list entries (all and still open) and the entries whose contacts came to
    each outcome (two queries)."""
    entries = (
        Entry.objects.values("district_id")
        .annotate(all=Count("pk"), open=Count("pk", filter=Q(status=EntryStatus.OPEN)))
        .order_by()
    )
    outcomes = Contact.objects.values_list("entry__district_id", "outcome").annotate(
        n=Count("entry_id", distinct=True)
    )
    counts: list[tuple[Any, Any, int]] = list(_spread(entries, (ALL, OPEN)))
    counts += list(outcomes.order_by())
    return counts_figure(
        area,
        counts,
        key="early_warning",
        title=_("Early warning and outreach"),
        unit=_("households on the outreach list"),
        column_labels={
            ALL: _("on the outreach list"),
            OPEN: _("still open"),
            **labelled(Outcome.choices),
        },
        note=_("Outcomes: entries with at least one contact that came to it."),
    )


def barriers_figure(area: Area) -> Figure:
    """Barriers recorded on walks: still open and fixed (public facts, see the barrier
    pages)."""
    rows = (
        Barrier.objects.values("district_id")
        .annotate(
            open=Count("pk", filter=Q(state__in=ACTIVE_STATES)),
            fixed=Count("pk", filter=Q(state=BarrierState.FIXED)),
        )
        .order_by()
    )
    return counts_figure(
        area,
        _spread(rows, ("open", "fixed")),
        key="barriers",
        title=_("Barriers"),
        unit=_("barriers"),
        column_labels={"open": _("open"), "fixed": _("fixed")},
        rule=PUBLIC_RULE,
    )

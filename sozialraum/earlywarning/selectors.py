"""Reads of early warning: the teams a user works in, a team's outreach list, one entry
(the one gate for entries: only members of the entry's team), whose names a user may see,
and the quarterly figures per district (counts only, small counts suppressed)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from sozialraum.accounts.models import DistrictTeam
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.access import consent_recipient_filter, owner_organisation_ids
from sozialraum.casework.models import Consent
from sozialraum.districts.models import District, geometry_fields

from .models import Contact, Entry, EntryStatus, Outcome, RuleCode, Signal

#: Counts below this are not shown in the figures (disclosure control).
SMALL_COUNT = 5


def teams_of(user: Any) -> QuerySet[DistrictTeam]:
    """The district teams ``user`` is a member of (through any membership)."""
    if not getattr(user, "is_authenticated", False):
        return DistrictTeam.objects.none()
    return DistrictTeam.objects.filter(members__user=user).distinct().order_by("name")


def teams_with_open_entries(user: Any) -> list[DistrictTeam]:
    """The user's teams, each with ``open_entries`` (one query)."""
    open_entries = (
        Entry.objects.filter(team=OuterRef("pk"), status=EntryStatus.OPEN)
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return list(teams_of(user).annotate(open_entries=Coalesce(Subquery(open_entries), 0)))


def team_for_user(user: Any, slug: str) -> DistrictTeam:
    """The team ``slug`` if ``user`` is a member; 404 unknown, 403 for non-members."""
    team = DistrictTeam.objects.filter(slug=slug).first()
    if team is None:
        raise Http404
    if not team.has_member(user):
        raise PermissionDenied
    return team


def outreach_list(
    team: DistrictTeam, *, status: str = EntryStatus.OPEN, district: District | None = None
) -> QuerySet[Entry]:
    """The team's entries in ``status`` (optionally in one district) with their signals
    and rules; no geometry, persons only as id and name (three queries)."""
    entries = Entry.objects.filter(team=team, status=status)
    if district is not None:
        entries = entries.filter(
            Q(district=district)
            | Q(district__parent=district)
            | Q(district__parent__parent=district)
        )
    signals = Signal.objects.select_related("rule").order_by("observed_on", "pk")
    return (
        entries.select_related("district", "person")
        .only(
            "pk",
            "status",
            "address_label",
            "created_at",
            "team_id",
            "district__name",
            "district__slug",
            "person__name",
            "person__organisation_id",
        )
        .prefetch_related(Prefetch("signals", queryset=signals))
        .order_by("-created_at", "-pk")
    )


def entry_for_user(user: Any, pk: int) -> Entry:
    """Entry ``pk`` for a member of its team: 404 unknown, 403 otherwise."""
    entry = (
        Entry.objects.select_related("team", "district", "person")
        .defer(*geometry_fields("district"))
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    if not entry.team.has_member(user):
        raise PermissionDenied
    return entry


def entry_address_initial(entry: Entry) -> dict[str, Any]:
    """The person form's start for a concern's entry: the reported address as the
    address index knows it (street, postcode, city, position), the district of the entry
    otherwise. Never a name: the concern had none."""
    from sozialraum.addresses.geocoder import Quality, geocode

    found = geocode(entry.address_label)
    match = found[0] if found else None
    if match is None or match.quality not in (Quality.EXACT, Quality.INTERPOLATED):
        return {"street_address": entry.address_label, "district": entry.district_id}
    return {
        "street_address": match.street,
        "postal_code": match.postcode,
        "city": match.city,
        "latitude": match.lat,
        "longitude": match.lon,
        "district": match.district.pk if match.district else entry.district_id,
    }


def visible_person_ids(user: Any, person_ids: set[int]) -> set[int]:
    """Of ``person_ids``, those ``user`` may see for early warning: persons of their
    organisations and persons with a live early-warning consent shared with them (two
    queries; nobody else's name is ever shown)."""
    if not person_ids:
        return set()
    from sozialraum.casework.models import Person

    owned = set(
        Person.objects.filter(
            pk__in=person_ids, organisation_id__in=owner_organisation_ids(user)
        ).values_list("pk", flat=True)
    )
    rest = person_ids - owned
    if not rest or (not owner_organisation_ids(user) and not _case_worker(user)):
        return owned
    shared = Consent.objects.live().filter(
        consent_recipient_filter(user), person_id__in=rest, purpose=Purpose.EARLY_WARNING
    )
    return owned | set(shared.values_list("person_id", flat=True))


def _case_worker(user: Any) -> bool:
    from sozialraum.accounts.roles import CASE_WORK_ROLES

    return bool(CASE_WORK_ROLES & getattr(user, "roles", frozenset()))


@dataclass(frozen=True)
class EntryRow:
    """An entry as listed for a user: the person's name only if they may see it."""

    entry: Entry
    name: str | None

    @property
    def signals(self) -> list[Signal]:
        return list(self.entry.signals.all())


def entry_rows(user: Any, entries: list[Entry]) -> list[EntryRow]:
    """Rows for ``entries``; the names shown are logged as listed (early warning)."""
    person_ids = {e.person_id for e in entries if e.person_id is not None}
    visible = visible_person_ids(user, person_ids)
    if visible:
        access_log_write(
            user=user,
            person_ids=sorted(visible),
            action=AccessAction.LIST,
            purpose=Purpose.EARLY_WARNING,
            granted=True,
        )
    return [
        EntryRow(e, e.person.name if e.person is not None and e.person_id in visible else None)
        for e in entries
    ]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return start, end


def suppressed(count: int) -> int | None:
    """The count, or None when it is 1 to 4 (too few to show without identifying)."""
    return None if 0 < count < SMALL_COUNT else count


@dataclass(frozen=True)
class DistrictFigures:
    district: str
    slug: str
    entries: int | None
    signals: dict[str, int | None]
    contacts: int | None
    outcomes: dict[str, int | None]

    @property
    def signal_cells(self) -> list[int | None]:
        return [self.signals[code] for code in RuleCode.values]

    @property
    def outcome_cells(self) -> list[int | None]:
        return [self.outcomes[code] for code in Outcome.values]


def quarterly_figures(year: int, quarter: int) -> list[DistrictFigures]:
    """Per district with any activity in the quarter: entries put on a list, signals per
    rule, contacts and their outcomes. Counts only; 1 to 4 suppressed (None)."""
    start, end = quarter_bounds(year, quarter)
    in_quarter = Q(observed_on__gte=start, observed_on__lt=end)
    signals = _counts(Signal.objects.filter(in_quarter), "entry__district_id", "rule__code")
    contacts = _counts(
        Contact.objects.filter(held_on__gte=start, held_on__lt=end),
        "entry__district_id",
        "outcome",
    )
    entries = dict(
        Entry.objects.filter(created_at__date__gte=start, created_at__date__lt=end)
        .values_list("district_id")
        .annotate(n=Count("pk"))
        .values_list("district_id", "n")
    )
    ids = set(signals) | set(contacts) | set(entries)
    districts = District.objects.filter(pk__in=ids).only("name", "slug").order_by("name")
    return [_district_figures(d, entries, signals, contacts) for d in districts]


def _counts(rows: QuerySet[Any], by: str, kind: str) -> dict[int, dict[str, int]]:
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for district_id, value, n in (
        rows.values_list(by, kind).annotate(n=Count("pk")).values_list(by, kind, "n")
    ):
        result[district_id][value] = n
    return result


def _district_figures(
    district: District,
    entries: dict[int, int],
    signals: dict[int, dict[str, int]],
    contacts: dict[int, dict[str, int]],
) -> DistrictFigures:
    by_rule = signals.get(district.pk, {})
    by_outcome = contacts.get(district.pk, {})
    return DistrictFigures(
        district=district.name,
        slug=district.slug,
        entries=suppressed(entries.get(district.pk, 0)),
        signals={code: suppressed(by_rule.get(code, 0)) for code in RuleCode.values},
        contacts=suppressed(sum(by_outcome.values())),
        outcomes={code: suppressed(by_outcome.get(code, 0)) for code in Outcome.values},
    )

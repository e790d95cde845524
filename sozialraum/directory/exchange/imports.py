"""Running an import of offer records (read by :mod:`.records`' readers): validation first,
one transaction, providers created by name, offers and places matched by external id, every
change recorded in the offer's history; the report says what happened."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Organisation
from sozialraum.lib.importing import DataImportError, ImportProblem

from ..models import Category, Offer, Place
from ..services import OfferData, OfferOutcome, offer_upsert, place_upsert, provider_get_or_create
from .records import OfferRecord, ParsedOffers


@dataclass(frozen=True)
class OfferImportReport:
    """What an import did; ``problems`` lists the records left out as invalid (only with
    ``skip_invalid``). After a dry run the counts say what would have happened."""

    label: str
    outcomes: tuple[OfferOutcome, ...]
    places: Mapping[str, int]
    providers_created: int
    problems: tuple[ImportProblem, ...] = ()
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def changed(self) -> tuple[OfferOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.action != "unchanged")

    @property
    def summary(self) -> str:
        """One line for a command's output."""
        line = _(
            "%(label)s: %(created)d offers created, %(updated)d updated, %(unchanged)d "
            "unchanged; %(places_created)d places created, %(places_updated)d updated; "
            "%(providers)d providers created; %(skipped)d invalid records skipped."
        ) % {
            "label": self.label,
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "places_created": self.places.get("created", 0),
            "places_updated": self.places.get("updated", 0),
            "providers": self.providers_created,
            "skipped": len({problem.record for problem in self.problems}),
        }
        return f"{line} {_('Dry run: nothing was written.')}" if self.dry_run else line


def offers_import(
    parsed: ParsedOffers, *, skip_invalid: bool = False, dry_run: bool = False
) -> OfferImportReport:
    """Writes the records of ``parsed`` in one transaction: places and offers are matched
    by external id (created or updated, never duplicated; unchanged ones are not written),
    providers by name (created if missing). Each change is recorded in the offer's history
    with the file as its source. The import owns the fields it sets: a later import
    overwrites edits to them.

    Raises DataImportError and writes nothing if any record is invalid, unless
    ``skip_invalid``: then those records are left out and listed in the report. With
    ``dry_run`` everything is done and then rolled back: the report says what would change.
    """
    _records_checked(parsed)
    whole_file = any(problem.whole_file for problem in parsed.problems)
    if not parsed.records or whole_file:  # skipping applies to records, never to files
        message = _("holds no valid record")
        problems = parsed.problems or [ImportProblem(parsed.file, None, None, message, True)]
        raise DataImportError(problems)
    if parsed.problems and not skip_invalid:
        raise DataImportError(parsed.problems)
    with transaction.atomic():
        categories = _import_categories(parsed)
        writer = _ImportWriter(parsed.source, categories)
        outcomes = tuple(writer.write(record) for record in parsed.records)
        if dry_run:
            transaction.set_rollback(True)
    return OfferImportReport(
        label=parsed.label,
        outcomes=outcomes,
        places=dict(writer.places),
        providers_created=writer.providers_created,
        problems=tuple(parsed.problems),
        dry_run=dry_run,
    )


def _records_checked(parsed: ParsedOffers) -> None:
    """Moves the records the models would refuse (a phone number too long, a bad e-mail
    address) from ``parsed.records`` to ``parsed.problems``, before anything is written."""
    valid = []
    for record in parsed.records:
        problems = _record_problems(parsed.file, record)
        parsed.problems.extend(problems)
        if not problems:
            valid.append(record)
    parsed.records = valid


def _record_problems(file: str, record: OfferRecord) -> list[ImportProblem]:
    errors: dict[str, list[str]] = {}
    for instance in (Offer(**record.offer), Place(**record.place)):
        try:
            instance.full_clean(exclude=["provider", "district"], validate_unique=False)
        except ValidationError as error:
            errors.update(error.message_dict)
    max_length = Organisation._meta.get_field("name").max_length or 0
    if len(record.provider_name) > max_length:
        errors["provider"] = [_("is longer than %(max)d characters") % {"max": max_length}]
    return [
        ImportProblem(
            file,
            None,
            f"{record.where}.{name}",
            _("%(message)s (record %(ident)s)")
            % {"message": " ".join(messages), "ident": record.external_id},
        )
        for name, messages in errors.items()
    ]


def _import_categories(parsed: ParsedOffers) -> dict[str, Category]:
    codes = {record.category_code for record in parsed.records}
    found = Category.objects.in_bulk(codes, field_name="code")
    missing = sorted(codes - found.keys())
    if missing:
        message = _("the categories %(codes)s do not exist") % {"codes": ", ".join(missing)}
        raise DataImportError([ImportProblem(_("database"), None, "category", message)])
    return found


class ProviderLookup:
    """The providers an import names, each looked up (or created) once, and how many were
    created. Precondition: inside the import's transaction."""

    def __init__(self) -> None:
        self.providers: dict[str, Organisation] = {}
        self.providers_created = 0

    def provider(self, name: str) -> Organisation:
        if name not in self.providers:
            organisation, created = provider_get_or_create(name=name)
            self.providers[name] = organisation
            self.providers_created += created
        return self.providers[name]


class _ImportWriter(ProviderLookup):
    """Writes one import's records, remembering providers and counting places.
    Precondition: inside the import's transaction."""

    def __init__(self, source: str, categories: dict[str, Category]) -> None:
        super().__init__()
        self.source = source
        self.categories = categories
        self.places: Counter[str] = Counter()

    def write(self, record: OfferRecord) -> OfferOutcome:
        place, place_outcome = place_upsert(
            external_id=record.external_id,
            data=record.place,
            district_named=record.district_named,
        )
        self.places[place_outcome] += 1
        provider = self.provider(record.provider_name)
        data: OfferData = {
            **record.offer,
            "categories": [self.categories[record.category_code]],
            "places": [place],
        }
        return offer_upsert(
            external_id=record.external_id, provider=provider, data=data, source=self.source
        )

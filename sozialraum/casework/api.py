"""Person API: the persons a worker may see (list, detail) and creating a person.

Reads and writes go through the same access helper and log as the pages: the list logs
each person it returns, the detail reads through ``person_for_user`` (``?purpose=`` for
readers from another organisation), and creating validates through the page's form;
invalid input gives 422 with ``{"detail": ..., "errors": {field: [message, ...]}}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.purposes import Purpose
from sozialraum.districts.models import District
from sozialraum.lib.access import api_access
from sozialraum.lib.api_errors import ValidationErrorOut, validation_error

from . import services
from .access import owner_organisation_ids, person_for_user
from .forms import PersonCreateForm
from .models import NEED_LABELS, Person
from .scope import PersonScope, scope_of
from .selectors import person_rows, persons_for_user

router = Router()


class PersonSummaryOut(Schema):
    id: int
    name: str
    organisation: str
    district: str | None = Field(None, description="Slug of the person's district.")
    closed_at: dt.datetime | None
    own_case: bool = Field(description="Whether the caller's organisation owns the case.")
    purposes: list[str] = Field(description="Purposes shared with the caller (not own cases).")
    url: str


class PersonDetailOut(Schema):
    """A person as the caller's scope allows: fields outside the scope of the purpose read
    for are left out (the owning organisation gets all)."""

    id: int
    name: str
    organisation: str
    created_at: dt.datetime
    closed_at: dt.datetime | None
    url: str
    preferred_name: str | None = None
    date_of_birth: dt.date | None = None
    phone: str | None = None
    email: str | None = None
    street_address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    district: str | None = None
    living_situation: str | None = None
    accessibility_needs: list[str] | None = None
    communication_needs: str | None = None
    purpose: str = Field(description="The purpose read for; it decides the fields returned.")


class PersonListOut(Schema):
    total: int
    persons: list[PersonSummaryOut]


class PersonIn(Schema):
    organisation: int | None = Field(
        None, description="Id of the owning organisation; needed only if the caller has several."
    )
    name: str
    preferred_name: str = ""
    date_of_birth: dt.date | None = None
    phone: str = ""
    email: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    district: str | None = Field(None, description="District slug; ignored with coordinates.")
    living_situation: str = ""
    accessibility_needs: list[str] = Field([], description=f"Need codes: {', '.join(NEED_LABELS)}.")
    communication_needs: str = ""


class ListParams(Schema):
    q: str = Field("", max_length=200, description="Part of the name.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


def _detail(person: Person) -> dict[str, Any]:
    """The person's fields the scope they were read with allows, and no others."""
    scope = scope_of(person)
    special = {
        "organisation": person.organisation.name,
        "district": person.district.slug if person.district else None,
    }
    return {
        "id": person.pk,
        "url": person.get_absolute_url(),
        "purpose": scope.purpose,
        **{name: special.get(name, getattr(person, name, None)) for name in scope.fields},
    }


@router.get("", response=PersonListOut, **api_access(CASE_WORK))
def person_list_endpoint(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    """The persons the caller may see (own cases and cases shared by consent), by name;
    each returned person is logged as listed."""
    persons = persons_for_user(request.user)
    if params.q:
        persons = persons.filter(name__icontains=params.q)
    window = list(persons[params.offset : params.offset + params.limit])
    rows = services.persons_shown_log(user=request.user, rows=person_rows(request.user, window))
    # A short page that is not past the end holds the rest: its length gives the total.
    short = len(window) < params.limit and (window or not params.offset)
    return {
        "total": params.offset + len(window) if short else persons.count(),
        "persons": [
            {
                "id": row.person.pk,
                "name": row.person.name,
                "organisation": row.person.organisation.name,
                "district": row.person.district.slug if row.person.district else None,
                "closed_at": row.person.closed_at,
                "own_case": row.is_owner,
                "purposes": list(row.purposes),
                "url": row.person.get_absolute_url(),
            }
            for row in rows
        ],
    }


@router.get(
    "/{id:person_id}", response=PersonDetailOut, exclude_unset=True, **api_access(CASE_WORK)
)
def person_detail_endpoint(
    request: HttpRequest, person_id: int, purpose: str = Purpose.CASEWORK
) -> dict[str, Any]:
    """One person, read for ``purpose`` (a consent's purpose for readers from another
    organisation); logged, refusals too."""
    if purpose not in Purpose.values:
        raise HttpError(422, f"Unknown purpose; one of {', '.join(Purpose.values)}.")
    try:
        person = person_for_user(request.user, person_id, purpose=purpose)
    except PermissionDenied as error:
        raise HttpError(403, "You may not see this person for this purpose.") from error
    return _detail(person)


def _form_data(payload: PersonIn) -> dict[str, Any]:
    """The JSON body as the page's form reads it (the district by id, not slug; an unknown
    slug stays and fails as an invalid choice of the district field)."""
    data = {k: v for k, v in payload.model_dump().items() if v is not None}
    if payload.district:
        pk = District.objects.filter(slug=payload.district).values_list("pk", flat=True).first()
        data["district"] = pk or payload.district
    return data


@router.post(
    "",
    response={200: PersonDetailOut, 422: ValidationErrorOut},
    exclude_unset=True,
    **api_access(CASE_WORK),
)
def person_create_endpoint(request: HttpRequest, payload: PersonIn) -> Any:
    """Creates a person owned by the caller's organisation; the district is looked up
    from the coordinates."""
    organisations = Organisation.objects.filter(pk__in=owner_organisation_ids(request.user))
    if not organisations.exists():
        raise HttpError(403, "Your account does not do case work for an organisation.")
    data = _form_data(payload)
    if payload.organisation is None and len(organisations) == 1:
        data["organisation"] = organisations[0].pk
    form = PersonCreateForm(data, organisations=organisations)
    if not form.is_valid():
        return Status(422, validation_error(form.errors))
    try:
        person = services.person_create(
            organisation=form.cleaned_data["organisation"],
            data=form.person_data(),
            user=request.user,
        )
    except ValidationError as error:
        return Status(422, validation_error(error.message_dict))
    person.scope = PersonScope(purpose=Purpose.CASEWORK, is_owner=True)  # type: ignore[attr-defined]
    return _detail(person)

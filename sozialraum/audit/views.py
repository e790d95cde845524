"""The access-log review for administrators: every access to a person's data, filtered
by person, user and date, page by page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from sozialraum.lib.access import Role, access, roles
from sozialraum.lib.admin_site import administered_organisation_ids, is_platform_operator

from .forms import LogFilterForm
from .models import AccessLogEntry
from .selectors import LogFilter, access_log_search

PER_PAGE = 50


@access(roles(Role.ADMIN))
def log_review(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    criteria = form.criteria() if form.is_valid() else LogFilter()
    rows: QuerySet[AccessLogEntry] = (
        AccessLogEntry.objects.none()
        if form.is_bound and not form.is_valid()
        else access_log_search(criteria, organisation_ids=_scope(request))
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, str(v)) for k, v in request.GET.items() if k != "page"])
    return render(request, "audit/log_review.html", {"form": form, "page": page, "query": query})


def _scope(request: HttpRequest) -> frozenset[int] | None:
    """Platform operators review the whole log, organisation administrators the rows
    about their organisations' persons."""
    if is_platform_operator(request.user):
        return None
    return administered_organisation_ids(request.user)

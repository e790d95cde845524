"""Placeholder module: replaced by the accounts work (login flows, second factor, teams)."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sozialraum.lib.access import SIGNED_IN, STAFF_ROLES, access, roles


@access(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@access(roles(*STAFF_ROLES))
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@access(SIGNED_IN)
def second_factor(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@access(SIGNED_IN)
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")

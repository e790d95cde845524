from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sozialraum.lib.access import PUBLIC, access

from .models import District, DistrictKind


@access(PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    cities = District.objects.filter(kind=DistrictKind.CITY)
    return render(request, "districts/index.html", {"cities": cities})


@access(PUBLIC)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District, slug=slug)
    return render(request, "districts/detail.html", {"district": district})

"""The resident's pages: saving an offer, the saved offers, and choosing a home district.
Each shows or changes only the signed-in user's own rows."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.lib.access import SIGNED_IN, access

from ..models import Offer
from . import selectors, services
from .forms import HomeDistrictForm

#: Saved offers per page of the full list.
PER_PAGE = 50


@access(SIGNED_IN)
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    """Saves the offer (``saved=1``) or unsaves it, then returns to the page it came from."""
    offer = get_object_or_404(Offer.objects.only("pk", "name"), pk=pk)
    saved = services.saved_offer_set(
        user=request.user, offer=offer, saved=request.POST.get("saved") == "1"
    )
    if saved:
        messages.success(
            request, _("“%(name)s” is now in your saved offers.") % {"name": offer.name}
        )
    else:
        messages.success(
            request, _("“%(name)s” was removed from your saved offers.") % {"name": offer.name}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("directory:detail", kwargs={"pk": offer.pk})
    return redirect(target)


@access(SIGNED_IN)
def saved(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.saved_offers(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/residents/saved.html", {"page": page})


@access(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    current = selectors.home_district(request.user)
    data = request.POST if request.method == "POST" else None
    form = HomeDistrictForm(data, initial={"district": current})
    if request.method == "POST" and form.is_valid():
        home = services.resident_home_set(user=request.user, district=form.cleaned_data["district"])
        messages.success(
            request, _("Your district is now %(name)s.") % {"name": home.district.name}
        )
        return redirect("start")
    return render(request, "directory/residents/home.html", {"form": form, "current": current})

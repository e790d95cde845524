"""The demo resident's "Mein Quartier": Berta Beispiel (fictional) lives in the Flensburg
district with the most demo offers and has saved two of them. Idempotent."""

from __future__ import annotations

from django.db.models import Count

from sozialraum.accounts.models import User
from sozialraum.districts.models import District

from ..models import Offer, ResidentHome, SavedOffer

#: The demo resident (see sozialraum/demo/services.py, USERS).
DEMO_RESIDENT = "bewohnerin"


def demo_residents_load() -> list[str]:
    """Gives the demo resident a home district and two saved demo offers, once."""
    user = User.objects.filter(username=DEMO_RESIDENT).first()
    if user is None or ResidentHome.objects.filter(user=user).exists():
        return []
    district = (
        District.objects.filter(places__offers__is_demo=True, code__startswith="flensburg:")
        .annotate(offers=Count("places__offers"))
        .order_by("-offers", "name")
        .only("pk", "name")
        .first()
    )
    if district is None:
        return []
    ResidentHome.objects.create(user=user, district=district)
    offers = Offer.objects.filter(is_demo=True, places__district=district).order_by("name")[:2]
    for offer in offers:
        SavedOffer.objects.get_or_create(user=user, offer=offer)
    return [f"Mein Quartier (Demo): {DEMO_RESIDENT} wohnt in {district.name}"]

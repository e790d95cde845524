"""What forms that take an address share: the point of the address typed when no
suggestion was chosen and no coordinates were given (also without JavaScript)."""

from __future__ import annotations

from typing import Any

from .geocoder import address_point


def point_from_address(
    data: dict[str, Any],
    *,
    street: str = "street_address",
    postcode: str = "postal_code",
    city: str = "city",
) -> None:
    """Writes ``latitude`` and ``longitude`` into a form's cleaned ``data`` from its
    address fields, when the data has a street and no latitude and the address index
    places it (:func:`~.geocoder.address_point`); leaves the data alone otherwise."""
    if not data.get(street) or data.get("latitude") is not None:
        return
    text = ", ".join(str(data.get(name) or "") for name in (street, postcode, city))
    point = address_point(text)
    if point is not None:
        data["latitude"], data["longitude"] = point

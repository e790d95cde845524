"""Editing an offer with its main place, its opening hours and its prices, validated and
saved together through the services; the API sends its JSON through the same forms."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation, User
from sozialraum.addresses.forms import point_from_address
from sozialraum.addresses.widgets import PLACE_FILL, address_input
from sozialraum.lib.forms import FormGroup

from ..models import Category, CostOption, Fee, Offer, Place, validate_language_codes
from ..opening_hours import Hours, hours_to_osm
from ..services import PLACE_FIELDS, OfferData, PlaceData, offer_create, offer_update, place_upsert
from .hours import HoursFormSet, hours_initial, opening_hours_checked
from .languages import LanguagesField


class OfferForm(forms.ModelForm):
    """The offer itself. ``provider`` offers only the organisations the user edits for."""

    categories = forms.ModelMultipleChoiceField(
        Category.objects.all(),
        label=_("Categories"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one category.")},
    )
    url = forms.URLField(label=_("website"), required=False, max_length=500, assume_scheme="https")
    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        help_text=_("The languages in which people are served. Without a choice: German."),
    )
    closed_on_holidays = forms.BooleanField(label=_("Closed on public holidays"), required=False)
    hours_expert = forms.BooleanField(
        label=_("Expert mode: enter the opening hours in OpenStreetMap syntax"),
        required=False,
    )

    class Meta:
        model = Offer
        fields = [
            "provider",
            "name",
            "description",
            "categories",
            "opening_hours",
            "fee",
            "for_everyone",
            "eligibility",
            "legal_basis",
            "languages",
            "email",
            "phone",
            "url",
        ]

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = providers
        provider.to_field_name = "slug"
        if self.instance.pk:
            self.initial["provider"] = self.instance.provider.slug
            self.initial["categories"] = [c.code for c in self.instance.categories.all()]
        self.fields["opening_hours"].validators = [opening_hours_checked]
        self.fields["opening_hours"].help_text = _(
            'For example "Mo-Fr 08:00-16:00; Sa 10:00-12:00; PH off". Used in expert mode.'
        )
        rows, closed, expert = hours_initial(self.instance.opening_hours or "")
        self.hours_rows = rows
        self.hours_need_expert = expert
        self.initial.setdefault("closed_on_holidays", closed)
        self.initial.setdefault("hours_expert", expert)

    def clean_languages(self) -> list[str]:
        languages = self.cleaned_data["languages"] or ["de"]
        validate_language_codes(languages)
        return languages

    def offer_data(self) -> OfferData:
        data = self.cleaned_data
        fields = [name for name in self.Meta.fields if name not in {"provider", "categories"}]
        offer_data: dict[str, Any] = {name: data[name] for name in fields}
        offer_data["categories"] = list(data["categories"])
        return offer_data  # type: ignore[return-value]


#: External identifiers of places entered in the directory itself start with this.
PLACE_ID_PREFIX = "sozialraum:place:"


class PlaceForm(forms.ModelForm):
    """The offer's main place; left empty, the offer has no place (e.g. by telephone)."""

    class Meta:
        model = Place
        fields = PLACE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        for name in ("latitude", "longitude"):
            self.fields[name].widget = forms.NumberInput(attrs={"step": "any"})
        self.fields["street_address"].widget = address_input(self, PLACE_FILL)

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("name", "street_address", "city"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if not data.get("name") and any(data.get(n) for n in ("street_address", "city")):
            self.add_error("name", _("Give the place a name, e.g. the name of the house."))
        point_from_address(data)
        return data

    def place_save(self) -> Place | None:
        """Saves the place through the service, which assigns its district (a new place,
        or the one being edited); None if the form was left empty. Places entered here get
        a stable external identifier, so later edits update them instead of adding one."""
        if self.is_blank:
            return None
        data: PlaceData = {name: self.cleaned_data[name] for name in PLACE_FIELDS}  # type: ignore[assignment]
        place = self.instance
        if place.pk is None:
            external_id = f"{PLACE_ID_PREFIX}{uuid.uuid4().hex}"
        elif place.external_id:
            external_id = place.external_id
        else:
            external_id = f"{PLACE_ID_PREFIX}{place.pk}"
            Place.objects.filter(pk=place.pk).update(external_id=external_id)
        saved, _outcome = place_upsert(data=data, external_id=external_id)
        return saved


class CostOptionForm(forms.ModelForm):
    """One price: amount (not negative), for whom."""

    class Meta:
        model = CostOption
        fields = ["amount", "option"]


CostOptionFormSet = forms.modelformset_factory(
    CostOption, form=CostOptionForm, extra=2, max_num=10, can_delete=False
)


class OfferEditor(FormGroup):
    """The offer form, its main place and its prices, validated and saved together through
    the services (so the history is written)."""

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        *,
        user: User,
        providers: QuerySet[Organisation],
        offer: Offer | None = None,
    ) -> None:
        self.user = user
        self.offer = offer
        place = offer.places.order_by("pk").first() if offer else None
        # The forms work on copies: validation writes into its instance, and the service
        # compares the offer as stored with what the form asks for.
        self.offer_form = OfferForm(data, instance=copy.copy(offer), providers=providers)
        # Pages send the rows; the API (and old forms) send only the OSM text.
        self.hours_sent = data is not None and "hours-TOTAL_FORMS" in data
        self.hours_forms = HoursFormSet(
            data if self.hours_sent else None,
            initial=self.offer_form.hours_rows,
            prefix="hours",
        )
        self.place_form = PlaceForm(data, instance=place, prefix="place")
        options = offer.cost_options.all() if offer else CostOption.objects.none()
        self.cost_forms = CostOptionFormSet(data, queryset=options, prefix="cost")
        #: What the page's error summary lists, in the page's order (the hours rows are
        #: bound only when the page sent them).
        self.error_summary_forms = (
            self.offer_form,
            self.hours_forms,
            self.cost_forms,
            self.place_form,
        )

    def is_valid(self) -> bool:
        forms_valid = [
            self.offer_form.is_valid(),
            self.place_form.is_valid(),
            self.cost_forms.is_valid(),
            not self._uses_rows() or self.hours_forms.is_valid(),
        ]
        if all(forms_valid):
            self._check_fee()
            self._hours_from_rows()
        return all(forms_valid) and not self.offer_form.errors

    def _uses_rows(self) -> bool:
        """True if the opening hours come from the editor's rows, not the OSM text."""
        expert = self.offer_form.data.get("hours_expert") in {"on", "true", "True", "1"}
        return self.hours_sent and not expert

    def _hours_from_rows(self) -> None:
        if not self._uses_rows():
            return
        rows = tuple(row for form in self.hours_forms.forms if (row := form.row()) is not None)
        closed = bool(self.offer_form.cleaned_data.get("closed_on_holidays"))
        self.offer_form.cleaned_data["opening_hours"] = hours_to_osm(Hours(rows, closed))

    def _check_fee(self) -> None:
        if self.offer_form.cleaned_data.get("fee") == Fee.PAID and not self._prices():
            self.offer_form.add_error("fee", _("Give at least one price for an offer that costs."))

    def _prices(self) -> list[dict[str, Any]]:
        return [
            {"amount": form.cleaned_data["amount"], "option": form.cleaned_data.get("option", "")}
            for form in self.cost_forms.forms
            if form.cleaned_data.get("amount") is not None
        ]

    @property
    def errors(self) -> dict[str, list[str]]:
        """Every message by field; place fields as ``place.<name>``, prices as
        ``cost_options.<n>.<name>`` (n from 0)."""
        found: dict[str, list[str]] = {}
        for name, messages in self.offer_form.errors.items():
            found[name if name != "__all__" else "non_field_errors"] = [str(m) for m in messages]
        for name, messages in self.place_form.errors.items():
            found[f"place.{name}"] = [str(m) for m in messages]
        for index, row in enumerate(self.hours_forms.forms if self.hours_sent else []):
            for name, messages in row.errors.items():
                found[f"hours.{index}.{name}"] = [str(m) for m in messages]
        for index, form in enumerate(self.cost_forms.forms):
            for name, messages in form.errors.items():
                found[f"cost_options.{index}.{name}"] = [str(m) for m in messages]
        if self.cost_forms.non_form_errors():
            found["cost_options"] = [str(m) for m in self.cost_forms.non_form_errors()]
        return found

    def save(self) -> Offer | None:
        """Saves through the services; None (and the service's messages on the forms) if
        the services refuse the data. Precondition: :meth:`is_valid` returned True."""
        data = self.offer_form.offer_data()
        data["cost_options"] = self._prices()  # type: ignore[typeddict-item]
        provider = self.offer_form.cleaned_data["provider"]
        try:
            place = self.place_form.place_save()
            others = list(self.offer.places.order_by("pk")[1:]) if self.offer else []
            data["places"] = ([place] if place else []) + others
            if self.offer is None:
                return offer_create(provider=provider, data=data, user=self.user)
            offer_update(offer=self.offer, data={**data, "provider": provider}, user=self.user)
            return self.offer
        except ValidationError as error:
            self.offer_form.add_error(None, error)
            return None


def editor_data_from_json(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The API's JSON body in the shape the :class:`OfferEditor` forms read."""
    data: dict[str, Any] = {}
    for name, value in payload.items():
        if name in {"place", "cost_options", "categories"} or value is None:
            continue
        data[name] = "on" if value is True else ("" if value is False else value)
    data["categories"] = list(payload.get("categories") or [])
    for name, value in (payload.get("place") or {}).items():
        if value is not None:
            data[f"place-{name}"] = _json_boolean(name, value)
    options = list(payload.get("cost_options") or [])
    data.update({"cost-TOTAL_FORMS": len(options), "cost-INITIAL_FORMS": 0})
    for index, option in enumerate(options):
        for name, value in option.items():
            data[f"cost-{index}-{name}"] = "" if value is None else value
    return data


def _json_boolean(name: str, value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value

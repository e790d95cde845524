"""Forms of the offer directory: the public search, and editing an offer with its main
place and its prices. The API validates through the same forms, so a page and an API call
reject the same input with the same messages."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation, User
from sozialraum.addresses.geocoder import Quality, geocode
from sozialraum.addresses.widgets import AddressInput
from sozialraum.districts.models import District, DistrictKind

from .models import (
    Category,
    CostOption,
    Fee,
    Offer,
    Place,
    validate_language_codes,
    validate_opening_hours,
)
from .needs import Need
from .opening_hours import Hours, HoursRow, hours_to_osm, osm_to_hours
from .search import OfferQuery
from .services import (
    PLACE_FIELDS,
    OfferData,
    PlaceData,
    offer_create,
    offer_update,
    place_upsert,
)

#: The accessibility needs a search can ask for, with labels in plain language.
NEEDS = Need.choices

#: Languages offered in the search (the Danish minority lives in Flensburg).
SEARCH_LANGUAGES = ("de", "en", "da", "tr", "ar", "ru", "uk", "pl", "fa", "fr", "es")

RADII = (("", _("only in the district")), ("500", "500 m"), ("1000", "1 km"),
         ("2000", "2 km"), ("5000", "5 km"), ("10000", "10 km"))  # fmt: skip


def language_name(code: str) -> str:
    """The language's own name ("Türkçe" for tr), or the code if unknown."""
    return str(LANG_INFO.get(code, {}).get("name_local", code))


#: What the search's district list and a chosen district need: the option's text, the slug
#: and the bounding box (a radius is measured from its centre). Never the boundaries: every
#: search page would decode every district's shape (and its city's) to fill the list.
SEARCH_DISTRICT_FIELDS = (
    "slug", "name", "kind", "parent__name", "min_lon", "min_lat", "max_lon", "max_lat",
)  # fmt: skip


def search_districts() -> QuerySet[District]:
    """The districts offered in the search: every area below a city."""
    return (
        District.objects.exclude(kind=DistrictKind.CITY)
        .select_related("parent")
        .only(*SEARCH_DISTRICT_FIELDS)
        .order_by("name")
    )


class InlineOptionsSelect(forms.Select):
    """A select whose options are written by its own template (no include per option, no
    per-option attributes besides ``selected``): rendering long lists costs a third less."""

    template_name = "directory/widgets/select.html"


def _district_label(name: str, parent_name: str | None) -> str:
    return f"{name} ({parent_name})" if parent_name else name


class DistrictChoiceIterator(ModelChoiceIterator):
    """The options as ``(value, label)`` read by ``values_list`` (the value is the field's
    ``to_field_name``, else the pk): making a District for each of the ~90 options took a
    fifth of the search page's time. Validation still looks the value up in the queryset."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        for value, name, parent_name in self.queryset.values_list(key, "name", "parent__name"):
            yield (value, _district_label(name, parent_name))


class DistrictChoiceField(forms.ModelChoiceField):
    iterator = DistrictChoiceIterator

    def label_from_instance(self, obj: District) -> str:
        return _district_label(obj.name, obj.parent.name if obj.parent else None)


#: The last page the search page shows (20 hits a page: the API's deepest offset, 10,000).
MAX_SEARCH_PAGE = 500


class SearchForm(forms.Form):
    """The public search; every field is optional. ``include_stale`` exists only for staff."""

    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=200)
    category = forms.ModelChoiceField(
        Category.objects.all(),
        label=_("Kind of offer"),
        required=False,
        to_field_name="code",
        empty_label=_("all kinds"),
        widget=InlineOptionsSelect,
    )
    district = DistrictChoiceField(
        District.objects.none(),
        label=_("District"),
        required=False,
        to_field_name="slug",
        empty_label=_("all districts"),
        widget=InlineOptionsSelect,
    )
    radius = forms.TypedChoiceField(
        label=_("Distance around the district's centre"),
        choices=RADII,
        required=False,
        coerce=int,
        empty_value=None,
        widget=InlineOptionsSelect,
    )
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)
    needs = forms.MultipleChoiceField(
        label=_("I need"),
        choices=NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_cost = forms.DecimalField(
        label=_("Costs at most (euros)"),
        min_value=Decimal("0"),
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_("0 finds offers free of charge."),
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    day = forms.TypedChoiceField(
        label=_("Open on"),
        choices=[("", _("any day"))] + [(str(k), v) for k, v in WEEKDAYS.items()],
        required=False,
        coerce=int,
        empty_value=None,
        widget=InlineOptionsSelect,
    )
    time = forms.TimeField(
        label=_("at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    language = forms.ChoiceField(label=_("Language"), required=False, widget=InlineOptionsSelect)
    include_stale = forms.BooleanField(label=_("Include unconfirmed offers"), required=False)
    page = forms.IntegerField(
        min_value=1, max_value=MAX_SEARCH_PAGE, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district_field = self.fields["district"]
        language_field = self.fields["language"]
        assert isinstance(district_field, forms.ModelChoiceField)
        assert isinstance(language_field, forms.ChoiceField)
        district_field.queryset = search_districts()
        language_field.choices = [("", _("any language"))] + [
            (code, language_name(code)) for code in SEARCH_LANGUAGES
        ]
        if not staff:
            del self.fields["include_stale"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if data.get("time") and data.get("day") is None:
            self.add_error("day", _("Choose a day for the time."))
        return data

    def query(self, *, per_page: int, now: dt.datetime | None = None) -> OfferQuery:
        """The search this valid form asks for (``page`` turned into an offset)."""
        data = self.cleaned_data
        return OfferQuery(
            text=data.get("q") or "",
            categories=(data["category"].code,) if data.get("category") else (),
            district=data.get("district"),
            near=_centre(data),
            radius_m=data.get("radius") if _centre(data) else None,
            needs=frozenset(data.get("needs") or ()),
            max_cost=data.get("max_cost"),
            open_at=_moment(data, now or timezone.now()),
            language=data.get("language") or "",
            include_stale=bool(data.get("include_stale")),
            limit=per_page,
            offset=((data.get("page") or 1) - 1) * per_page,
        )


def _centre(data: Mapping[str, Any]) -> tuple[float, float] | None:
    """The point to measure distance from: given coordinates, else the district's centre
    when a radius is asked for."""
    if data.get("lat") is not None and data.get("lon") is not None:
        return (data["lat"], data["lon"])
    return district_centre(data.get("district")) if data.get("radius") else None


def district_centre(district: District | None) -> tuple[float, float] | None:
    """The middle of the district's bounding box as (latitude, longitude)."""
    if district is None or district.min_lat is None or district.max_lat is None:
        return None
    assert district.min_lon is not None and district.max_lon is not None
    return ((district.min_lat + district.max_lat) / 2, (district.min_lon + district.max_lon) / 2)


def _moment(data: Mapping[str, Any], now: dt.datetime) -> dt.datetime | None:
    """ "Open now", or the next given weekday (today counts) at the given time."""
    if data.get("open_now"):
        return now
    day = data.get("day")
    if day is None:
        return None
    local = timezone.localtime(now)
    date = local.date() + dt.timedelta(days=(day - local.weekday()) % 7)
    time = data.get("time") or dt.time(12, 0)
    return timezone.make_aware(dt.datetime.combine(date, time))


def query_params(query: OfferQuery) -> str:
    """The search page's query string for ``query`` (for the suggestion links)."""
    params: list[tuple[str, Any]] = [("q", query.text)] if query.text else []
    params += [("category", code) for code in _category_codes(query.categories)]
    if query.district is not None:
        params.append(("district", getattr(query.district, "slug", query.district)))
    if query.radius_m:
        params.append(("radius", query.radius_m))
    if query.near and query.district is None:
        params += [("lat", query.near[0]), ("lon", query.near[1])]
    params += [("needs", need) for need in sorted(query.needs)]
    if query.max_cost is not None:
        params.append(("max_cost", query.max_cost))
    if query.language:
        params.append(("language", query.language))
    if query.include_stale:
        params.append(("include_stale", "on"))
    return urlencode(params)


def _category_codes(categories: Any) -> list[str]:
    return [getattr(category, "code", category) for category in categories]


# --- Editing ----------------------------------------------------------------------------------


#: Languages listed first in the editor (the Danish minority lives in Flensburg); every
#: other two-letter language Django knows follows, by name.
COMMON_LANGUAGES = ("de", "en", "da", "tr", "ar", "ru", "uk", "pl", "fa", "fr", "es", "it",
                    "ro", "bg", "el", "ku", "sq", "sr", "hr", "bs", "ps", "vi", "zh")  # fmt: skip


def language_choices() -> list[tuple[str, str]]:
    """(ISO 639-1 code, name in the current language), the common languages first."""
    known = {code for code in LANG_INFO if len(code) == 2 and "name" in LANG_INFO[code]}
    named = {code: str(_(LANG_INFO[code]["name"])) for code in known | set(COMMON_LANGUAGES)
             if code in LANG_INFO}  # fmt: skip
    rest = sorted(set(named) - set(COMMON_LANGUAGES), key=lambda code: named[code])
    return [(code, named[code]) for code in [*COMMON_LANGUAGES, *rest] if code in named]


class LanguagesField(forms.MultipleChoiceField):
    """Languages picked by name, stored as ISO 639-1 codes; the API may also send the codes
    as one comma-separated text ("de, en")."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=language_choices, **kwargs)
        self.error_messages["invalid_choice"] = _(
            "%(value)s is not a language of the list. Please pick the languages by name."
        )

    def to_python(self, value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else list(value or [])
        codes = [code.strip().lower() for item in items for code in str(item).split(",")]
        return [code for code in codes if code]


class HoursRowForm(forms.Form):
    """One row of the opening-hours editor: weekdays, from, to."""

    days = forms.MultipleChoiceField(
        label=_("Days"),
        required=False,
        choices=[(str(i), name) for i, name in WEEKDAYS.items()],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "hours-days"}),
    )
    start = forms.TimeField(
        label=_("from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("to"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        days, start, end = data.get("days"), data.get("start"), data.get("end")
        if not days and start is None and end is None:
            return data
        if not days:
            self.add_error("days", _("Please choose at least one day for these times."))
        if start is None or end is None:
            self.add_error("end", _("Please give the time the offer opens and closes."))
        elif end <= start:
            self.add_error("end", _("The closing time must be after the opening time."))
        return data

    def row(self) -> HoursRow | None:
        data = self.cleaned_data
        if not data.get("days") or data.get("start") is None or data.get("end") is None:
            return None
        return HoursRow(tuple(sorted(int(d) for d in data["days"])), data["start"], data["end"])


HoursFormSet = forms.formset_factory(HoursRowForm, extra=1, max_num=14, absolute_max=14)


def hours_initial(text: str) -> tuple[list[dict[str, Any]], bool, bool]:
    """The editor's rows for an offer's OSM text, whether it is closed on public holidays,
    and whether only the expert field can show it."""
    hours = osm_to_hours(text)
    if hours is None:
        return [], False, bool(text)
    rows = [{"days": [str(d) for d in r.days], "start": r.start, "end": r.end} for r in hours.rows]
    return rows, hours.closed_on_holidays, False


def _opening_hours_checked(value: str) -> None:
    """The model's check, with a message for people instead of the parser's English."""
    try:
        validate_opening_hours(value)
    except ValidationError as error:
        raise ValidationError(
            _(
                '"%(value)s" is not valid opening_hours syntax of OpenStreetMap. An example: '
                '"Mo-Fr 08:00-16:00; Sa 10:00-12:00; PH off". Or switch expert mode off and '
                "enter days and times in lines."
            ),
            code="invalid_opening_hours",
            params={"value": value},
        ) from error


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
        self.fields["opening_hours"].validators = [_opening_hours_checked]
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
        fill = {"postcode": "postal_code", "city": "city", "lat": "latitude", "lon": "longitude"}
        self.fields["street_address"].widget = AddressInput(
            fill={key: self.add_prefix(name) for key, name in fill.items()}
        )

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
        self._point_from_address(data)
        return data

    def _point_from_address(self, data: dict[str, Any]) -> None:
        """Without coordinates, the address's point from the address index, when the
        house number is known there or lies between known ones (also without JavaScript)."""
        if not data.get("street_address") or data.get("latitude") is not None:
            return
        text = ", ".join(
            str(data.get(name) or "") for name in ("street_address", "postal_code", "city")
        )
        found = geocode(text)
        if found and found[0].quality in (Quality.EXACT, Quality.INTERPOLATED):
            data["latitude"], data["longitude"] = found[0].lat, found[0].lon

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


class OfferEditor:
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

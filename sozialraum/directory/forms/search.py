"""The public search's form, and the query string that asks the search page for a query."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District, DistrictKind

from ..models import Category
from ..needs import Need
from ..search import OfferQuery
from .languages import language_name

#: The accessibility needs a search can ask for, with labels in plain language.
NEEDS = Need.choices

#: Languages offered in the search (the Danish minority lives in Flensburg).
SEARCH_LANGUAGES = ("de", "en", "da", "tr", "ar", "ru", "uk", "pl", "fa", "fr", "es")

RADII = (("", _("only in the district")), ("500", "500 m"), ("1000", "1 km"),
         ("2000", "2 km"), ("5000", "5 km"), ("10000", "10 km"))  # fmt: skip


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
    """A single select written in Python, every attribute and label escaped by
    ``format_html`` (no per-option attributes besides ``selected``, no option groups).

    Django renders a select through a template, and each option through another: with the
    search form's ~130 options that was most of a signed-in search page's time (anonymous
    visitors get the page from the page cache). The markup is Django's."""

    allow_multiple_selected = False

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = self.format_value(value)
        options, selected_one = [], False
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                raise ValueError("InlineOptionsSelect has no option groups.")
            text = "" if option_value is None else str(option_value)
            selected = not selected_one and text in chosen
            selected_one |= selected
            flag = " selected" if selected else ""
            options.append(f'\n  <option value="{_escaped(text)}"{flag}>{_escaped(label)}</option>')
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            html_attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),  # noqa: S308 - every value and label escaped
        )


def _escaped(text: Any) -> str:
    """``text`` as ``conditional_escape`` gives it, without its lazy-string wrapper (called
    for every option's value and label)."""
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


def html_attributes(attrs: Mapping[str, Any]) -> SafeString:
    """`` name="value"`` for each attribute as Django's ``attrs.html`` writes them: a
    ``False`` value is left out, a ``True`` one written as the bare name."""
    return format_html_join(
        "",
        "{}{}",
        (
            (format_html(" {}", key), "" if value is True else format_html('="{}"', value))
            for key, value in attrs.items()
            if value is not False
        ),
    )


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
    if query.open_at is not None:
        local = timezone.localtime(query.open_at)
        params += [("day", local.weekday()), ("time", f"{local:%H:%M}")]
    if query.max_cost is not None:
        params.append(("max_cost", query.max_cost))
    if query.language:
        params.append(("language", query.language))
    if query.include_stale:
        params.append(("include_stale", "on"))
    return urlencode(params)


def _category_codes(categories: Any) -> list[str]:
    return [getattr(category, "code", category) for category in categories]

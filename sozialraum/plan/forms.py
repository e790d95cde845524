"""Forms of person-centred planning. Model rules stay in the models and services; these
forms only name the fields and turn the worker's input into typed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Person
from sozialraum.casework.scope import scope_of
from sozialraum.directory.forms import NEEDS, RADII, SEARCH_LANGUAGES, language_name
from sozialraum.directory.models import Category, Offer
from sozialraum.networkmap.models import Contact, MapVersion

from .edits import PLACE_FIELDS, REFERRAL_FIELDS, RESOURCE_FIELDS
from .models import (
    REFERRAL_NEXT,
    GapReason,
    Goal,
    LifeArea,
    PersonalPlace,
    PlanParticipant,
    PlanStep,
    Referral,
    ReferralState,
    ResourceEntry,
    Rung,
    WillStatement,
)
from .places import city_outside
from .selectors import DEFAULT_RADIUS_M, PersonSearch

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_RATING_CHOICES = [(value, str(value)) for value in range(11)]


class WillForm(forms.ModelForm):
    class Meta:
        model = WillStatement
        fields = ["text", "said_on"]
        widgets = {"said_on": _DATE, "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "text": _(
                "How do you want to live? What matters to you? Write it down as the person says it."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Verbatim: not even the blanks around the words are dropped.
        self.fields["text"].strip = False  # type: ignore[attr-defined]


class GoalStatusForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["status"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["life_area", "text", "how_to_know"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "how_to_know": forms.Textarea(attrs={"rows": 2}),
        }


class KnownAlreadyForm(forms.Form):
    known_already = forms.CharField(
        label=_("Is there something you already know?"),
        help_text=_("A place, a group, a neighbour ... Write “nothing” if there is nothing."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def candidate_offers(person: Person) -> QuerySet[Offer]:
    """Offers a ladder entry or a place may link: those of the person's referrals and
    those with a place in the person's district."""
    referred = person.referrals.filter(offer__isnull=False).values("offer_id")
    offers = Offer.objects.filter(pk__in=referred)
    if person.district_id is not None:
        offers = offers | Offer.objects.filter(places__district=person.district_id)
    return offers.distinct().order_by("name")


class ResourceForm(forms.ModelForm):
    class Meta:
        model = ResourceEntry
        fields = list(RESOURCE_FIELDS)
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "contact": _("For a network entry: a contact of the person's network map."),
            "offer": _(
                "For a Quartier entry: an offer of the person's district or of a "
                "referral. A neighbourhood resource that is not in the directory "
                "needs no offer."
            ),
        }

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = candidate_offers(person)  # type: ignore[attr-defined]
        self.fields["contact"].queryset = network_contacts(person)  # type: ignore[attr-defined]


def network_contacts(person: Person) -> QuerySet[Contact]:
    """The contacts of the latest version of the person's network map, if the scope the
    person was read with includes the network map (else none)."""
    if not scope_of(person).allows(Purpose.NETWORK_MAP):
        return Contact.objects.none()
    latest = (
        MapVersion.objects.filter(network_map__person=person).order_by("-number").values("pk")[:1]
    )
    return Contact.objects.filter(version__in=latest).order_by("sector", "ring", "name")


class StepForm(forms.ModelForm):
    class Meta:
        model = PlanStep
        fields = ["what", "who", "due_on", "goal"]
        widgets = {"due_on": _DATE, "what": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = person.goals.all()  # type: ignore[attr-defined]


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = PlanParticipant
        fields = ["name", "role"]


class ReviewDateForm(forms.Form):
    review_on = forms.DateField(label=_("Review date"), required=False, widget=_DATE)


class RatingFields(forms.Form):
    """Life satisfaction and participation in each of the person's chosen life areas
    (the areas of their goals), 0 to 10."""

    life_satisfaction = forms.TypedChoiceField(
        label=_(
            "How satisfied are you with your life, all in all? (0 = not at all, 10 = completely)"
        ),
        choices=_RATING_CHOICES,
        coerce=int,
    )

    def __init__(self, *args: Any, areas: list[LifeArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"area_{area.code}"] = forms.TypedChoiceField(
                label=_("How well can you take part in “%(area)s”? (0 to 10)")
                % {"area": area.plain_name},
                choices=_RATING_CHOICES,
                coerce=int,
            )

    def participation(self) -> dict[LifeArea, int]:
        return {area: self.cleaned_data[f"area_{area.code}"] for area in self.areas}


class SelfRatingForm(RatingFields):
    rated_on = forms.DateField(label=_("Date"), widget=_DATE, initial=dt.date.today)


class ReviewForm(RatingFields):
    held_on = forms.DateField(label=_("Date of the review"), widget=_DATE, initial=dt.date.today)

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.CharField(
                label=_("What happened for the goal “%(goal)s”?") % {"goal": goal.text},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def what_happened(self) -> dict[Goal, str]:
        return {goal: self.cleaned_data.get(f"goal_{goal.pk}", "") for goal in self.goals}


def _weekday_choices() -> list[tuple[str, Any]]:
    return [("", _("any day")), *((str(day), name) for day, name in WEEKDAYS.items())]


class PersonSearchForm(forms.Form):
    """The Weg-Weisung search: the person's needs are preset; the worker narrows."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("all categories"),
    )
    radius = forms.TypedChoiceField(
        label=_("Distance from home"),
        choices=RADII,
        required=False,
        coerce=int,
        empty_value=None,
        initial=str(DEFAULT_RADIUS_M),
    )
    needs = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        choices=NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    max_cost = forms.DecimalField(
        label=_("Cost limit (EUR)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
    )
    weekday = forms.ChoiceField(label=_("Day"), required=False)
    time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        languages: list[tuple[str, Any]] = [("", _("any language"))]
        languages += [(code, language_name(code)) for code in SEARCH_LANGUAGES]
        self.fields["language"].choices = languages  # type: ignore[attr-defined]
        self.fields["weekday"].choices = _weekday_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("time") and data.get("weekday") in (None, ""):
            self.add_error("weekday", _("Choose the day for the time."))
        return data

    def search(self) -> PersonSearch:
        data = self.cleaned_data
        category = data.get("category")
        return PersonSearch(
            text=data.get("q") or "",
            categories=(category.code,) if category else (),
            radius_m=data.get("radius"),
            needs=frozenset(data.get("needs") or ()),
            language=data.get("language") or "",
            max_cost=data.get("max_cost"),
            open_at=_next_moment(data.get("weekday"), data.get("time")),
        )


def _next_moment(weekday: str | None, time: dt.time | None) -> dt.datetime | None:
    """The next moment on ``weekday`` at ``time`` (noon without a time)."""
    if weekday in (None, ""):
        return None
    now = timezone.localtime()
    days = (int(str(weekday)) - now.weekday()) % 7
    day = now.date() + dt.timedelta(days=days)
    moment = dt.datetime.combine(day, time or dt.time(12, 0), tzinfo=now.tzinfo)
    return moment if moment >= now else moment + dt.timedelta(days=7)


class SuggestForm(forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=_DATE)
    do_not_contact = forms.BooleanField(
        label=_("The provider must not contact the person"), required=False
    )
    note_for_provider = forms.CharField(
        label=_("Note for the provider"),
        required=False,
        max_length=300,
        help_text=_("Only what the provider needs, e.g. “comes on Tuesday with a neighbour”."),
    )


class NothingFoundForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why nothing fits"), choices=GapReason.choices)
    category = forms.ModelChoiceField(
        label=_("Category looked for"),
        queryset=Category.objects.order_by("name"),
        required=False,
        to_field_name="code",
    )


class ReferralMoveForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"))
    reason = forms.ChoiceField(
        label=_("Reason (when not suitable)"),
        choices=[("", "–"), *GapReason.choices],
        required=False,
    )
    follow_up_on = forms.DateField(label=_("Next follow-up"), required=False, widget=_DATE)

    def __init__(self, *args: Any, state: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            (value, ReferralState(value).label) for value in REFERRAL_NEXT[state]
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("state") == ReferralState.NOT_SUITABLE and not data.get("reason"):
            self.add_error("reason", _("Please give the reason why it is not suitable."))
        return data


class PlaceForm(forms.ModelForm):
    """A place that matters. A point outside the person's city is questioned: the form
    shows the confirmation box and does not save until it is ticked."""

    confirm_outside = forms.BooleanField(
        label=_("Yes, the place is right."), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = PersonalPlace
        fields = list(PLACE_FIELDS)
        help_texts = {
            "name": _("May stay empty when an offer is chosen."),
            "latitude": _("For a place that is not an offer, e.g. 54.7833."),
            "longitude": _("e.g. 9.4333."),
        }

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = candidate_offers(person)  # type: ignore[attr-defined]
        self.fields["name"].required = False
        self.instance.person = person
        self.person = person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._question_outside(data)
        if not data.get("name"):
            if data.get("offer") is None:
                self.add_error("name", _("Give the place a name or choose an offer."))
            else:
                data["name"] = data["offer"].name
                self.instance.name = data["name"]
        data.pop("confirm_outside", None)
        return data

    def _question_outside(self, data: dict[str, Any]) -> None:
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if latitude is None or longitude is None or data.get("confirm_outside"):
            return
        city = city_outside(self.person, latitude, longitude)
        if city is not None:
            self.fields["confirm_outside"].widget = forms.CheckboxInput()
            self.add_error(
                "confirm_outside",
                _("This place lies outside %(city)s. Please confirm that it is right.")
                % {"city": city},
            )


class ReferralEditForm(forms.ModelForm):
    """What a worker may change on a referral (its state moves on the referral page)."""

    class Meta:
        model = Referral
        fields = list(REFERRAL_FIELDS)
        widgets = {"follow_up_on": _DATE}


#: The rungs in ladder order with their labels, for templates.
RUNGS: tuple[tuple[str, Any], ...] = tuple(Rung.choices)

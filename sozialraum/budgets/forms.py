"""Forms of pooled budgets: the planner's budget and target, the provider's booking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation
from sozialraum.directory.models import Offer
from sozialraum.districts.models import District

from .models import Booking, Budget, ShareTarget


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["provider", "district", "year", "amount"]
        localized_fields = ["amount"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        district = self.fields["district"]
        assert isinstance(provider, forms.ModelChoiceField)
        assert isinstance(district, forms.ModelChoiceField)
        provider.queryset = Organisation.objects.only("pk", "name").order_by("name")
        district.queryset = District.objects.only("pk", "name").order_by("name")

    def _post_clean(self) -> None:
        """A budget already set is changed (services.budget_set), not refused as a
        duplicate: the form checks the stored one with the new amount."""
        keys = {k: self.cleaned_data.get(k) for k in ("provider", "district", "year")}
        if all(value is not None for value in keys.values()):
            self.instance = Budget.objects.filter(**keys).first() or self.instance
        super()._post_clean()  # type: ignore[misc]  # the stubs lack it


class TargetForm(forms.ModelForm):
    class Meta:
        model = ShareTarget
        fields = ["year", "share_percent"]
        localized_fields = ["share_percent"]

    def _post_clean(self) -> None:
        """A target already set is changed (services.target_set), not refused."""
        year = self.cleaned_data.get("year")
        if year is not None:
            self.instance = ShareTarget.objects.filter(year=year).first() or self.instance
        super()._post_clean()  # type: ignore[misc]  # the stubs lack it


class BookingForm(forms.ModelForm):
    """A booking against one of the provider's budgets, on one of its offers if any."""

    class Meta:
        model = Booking
        fields = ["budget", "reference", "booked_on", "kind", "amount", "offer", "hours", "note"]
        localized_fields = ["amount", "hours"]
        widgets = {"booked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "reference": _("Your own booking number, once per budget."),
            "offer": _("For a social-space offer: which of your offers."),
            "hours": _("For work beyond the case: the hours it took."),
        }

    def __init__(self, *args: Any, budgets: QuerySet[Budget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        budget = self.fields["budget"]
        offer = self.fields["offer"]
        assert isinstance(budget, forms.ModelChoiceField)
        assert isinstance(offer, forms.ModelChoiceField)
        budget.queryset = budgets.select_related("provider", "district").only(
            "pk", "year", "provider__name", "district__name"
        )
        offer.queryset = (
            Offer.objects.filter(provider__in=budgets.values("provider"))
            .only("pk", "name")
            .order_by("name")
        )

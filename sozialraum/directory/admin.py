"""Administration of the offer directory on the platform's admin site: the category
taxonomy, offers with their prices, places, and (read-only) the history and reminders.

Offers saved here go through the services like every other path, so the history records
the administrator's changes and the search index stays current.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import construct_change_message
from django.db.models import Model
from django.forms import BaseFormSet, Form, ModelForm
from django.http import HttpRequest

from sozialraum.districts.lookup import district_at
from sozialraum.lib.admin_site import (
    OperatorOnlyAdmin,
    OrganisationScopedAdmin,
    ReadOnlyOperatorAdmin,
    RoleAdminMixin,
    admin_site,
)

from .models import (
    Category,
    CostOption,
    Offer,
    OfferChange,
    Place,
    SearchMiss,
    SearchSynonym,
    StaleNotice,
)
from .search import place_index_update, synonyms_apply
from .services import OfferData, offer_create, offer_update

#: Offer fields an administrator sets here (the rest are written by the system).
OFFER_ADMIN_FIELDS = [
    "provider",
    "name",
    "external_id",
    "description",
    "categories",
    "places",
    "opening_hours",
    "fee",
    "for_everyone",
    "eligibility",
    "legal_basis",
    "languages",
    "email",
    "phone",
    "url",
    "is_demo",
]


@admin.register(Category, site=admin_site)
class CategoryAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "parent"]
    list_filter = ["parent"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class CostOptionInline(RoleAdminMixin, admin.TabularInline):
    model = CostOption
    extra = 1
    fields = ["amount", "currency", "option", "valid_from", "valid_to"]


@admin.register(Offer, site=admin_site)
class OfferAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    organisation_path = "provider_id"
    organisation_fields = ("provider",)
    list_display = ["name", "provider", "fee", "last_confirmed_at", "is_demo"]
    list_filter = ["is_demo", "fee", "categories"]
    search_fields = ["name", "provider__name", "external_id"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider", "places"]
    filter_horizontal = ["categories"]
    fields = OFFER_ADMIN_FIELDS  # type: ignore[assignment]
    inlines = [CostOptionInline]

    def save_model(self, request: HttpRequest, obj: Offer, form: ModelForm, change: bool) -> None:
        """Nothing yet: the offer is written with its relations in :meth:`save_related`."""

    def construct_change_message(
        self, request: HttpRequest, form: Form, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        """The admin log's message for the offer's own fields: the prices are written by
        the services, not saved through the inline formset (whose records Django's message
        would read), and the offer's history keeps every change anyway."""
        return construct_change_message(form, [], add)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseFormSet], change: bool
    ) -> None:
        """Writes the offer, its categories, places and prices through the services."""
        data = _offer_data(form, formsets)
        if change:
            offer = Offer.objects.select_related("provider").get(pk=form.instance.pk)
            offer_update(offer=offer, data=data, user=request.user)  # type: ignore[arg-type]
            return
        provider = form.cleaned_data["provider"]
        created = offer_create(provider=provider, data=data, user=request.user)  # type: ignore[arg-type]
        form.instance.pk = created.pk


def _offer_data(form: ModelForm, formsets: list[BaseFormSet]) -> OfferData:
    cleaned = form.cleaned_data
    data: dict[str, Any] = {name: cleaned[name] for name in OFFER_ADMIN_FIELDS if name in cleaned}
    data["categories"] = list(cleaned.get("categories", []))
    data["places"] = list(cleaned.get("places", []))
    data["cost_options"] = [
        {name: row[name] for name in ("amount", "currency", "option", "valid_from", "valid_to")}
        for formset in formsets
        for row in formset.cleaned_data
        if row and not row.get("DELETE")
    ]
    return data  # type: ignore[return-value]


@admin.register(Place, site=admin_site)
class PlaceAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    organisation_path = "offers__provider_id"
    organisation_fields = ()
    unowned_in_scope = True
    list_display = ["name", "street_address", "city", "district", "wheelchair"]
    list_filter = ["wheelchair", "district"]
    search_fields = ["name", "street_address", "city", "external_id"]
    list_select_related = ["district"]
    readonly_fields = ["district", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Place, form: ModelForm, change: bool) -> None:
        """Assigns the district the coordinates lie in and re-indexes the place's offers."""
        obj.district = None
        if obj.latitude is not None and obj.longitude is not None:
            obj.district = district_at(obj.latitude, obj.longitude)
        super().save_model(request, obj, form, change)
        place_index_update([obj.pk])


class ReadOnlyAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Records written by the system: administrators read them, nobody edits them here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(OfferChange, site=admin_site)
class OfferChangeAdmin(ReadOnlyAdmin):
    organisation_path = "offer__provider_id"
    list_display = ["offer_name", "action", "user", "source", "at"]
    list_filter = ["action"]
    search_fields = ["offer_name", "offer_external_id", "source"]
    list_select_related = ["user"]


@admin.register(StaleNotice, site=admin_site)
class StaleNoticeAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "sent_at", "offer_count", "recipients"]
    list_select_related = ["organisation"]


@admin.register(SearchMiss, site=admin_site)
class SearchMissAdmin(ReadOnlyOperatorAdmin, admin.ModelAdmin):
    """Anonymous searches that found nothing (planning data; platform operators, read-only)."""

    list_display = ["at", "district", "query_text"]
    list_filter = ["district", "at"]
    list_select_related = ["district"]
    date_hierarchy = "at"


@admin.register(SearchSynonym, site=admin_site)
class SearchSynonymAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    """The words people type for what offers call otherwise; each change re-indexes the
    offers concerned."""

    list_display = ["word", "means", "need"]
    search_fields = ["word", "means"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        synonyms_apply()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        synonyms_apply()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        synonyms_apply()

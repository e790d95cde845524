"""The administration speaks German: every model, field, choice and action on the admin
site has a German name, and the pages an operator opens show Django's German texts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.admin import ModelAdmin
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from sozialraum.accounts.tests.factories import platform_operator, signed_in_client
from sozialraum.lib.admin_site import admin_site

#: Words that read the same in both languages.
SAME_IN_GERMAN = frozenset({"ID", "Name", "Code", "E-Mail", "Website", "Axes", "Status"})


def _names(model: type[Any], model_admin: ModelAdmin[Any]) -> list[Any]:
    opts = model._meta
    names = [opts.verbose_name, opts.verbose_name_plural]
    for field in opts.get_fields():
        names.append(getattr(field, "verbose_name", None))
        names += [label for _value, label in getattr(field, "flatchoices", None) or []]
    for action in model_admin.actions or []:
        if not isinstance(action, str):
            continue
        names.append(getattr(getattr(model_admin, action), "short_description", None))
    return [name for name in names if isinstance(name, Promise)]


def test_every_name_on_the_admin_site_has_a_german_translation() -> None:
    untranslated = set()
    for model, model_admin in admin_site._registry.items():
        for name in _names(model, model_admin):
            with translation.override("en"):
                english = str(name)
            with translation.override("de"):
                german = str(name)
            if german == english and english not in SAME_IN_GERMAN:
                untranslated.add(f"{model._meta.label}: {english}")
    assert sorted(untranslated) == []


@pytest.mark.django_db
def test_the_password_and_permission_pages_are_german() -> None:
    operator = platform_operator()
    client = signed_in_client(operator)
    pages = {
        reverse("admin:auth_user_password_change", args=[operator.pk]): "Passwort ändern",
        reverse("admin:accounts_user_change", args=[operator.pk]): "Berechtigungen",
        reverse("admin:axes_accessattempt_changelist"): "Zugriffsversuch",
        reverse("admin:index"): "Sozialraum-Administration",
    }
    for url, phrase in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
        assert response.status_code == 200, url
        assert phrase in response.text, url


@pytest.mark.django_db
def test_the_admin_scripts_texts_are_german_also_where_djangos_catalog_lacks_them() -> None:
    client = signed_in_client(platform_operator())
    response = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    catalog = response.content.decode()
    # The catalog is JavaScript with the texts as JSON strings.
    for german in ("Alle %s auswählen", "Markierte %s entfernen", "Heute"):
        assert json.dumps(german) in catalog, german

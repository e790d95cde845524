"""The search form's lists are cheap to render: the district list makes no District per
option, and no select renders a template per option."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models.signals import post_init
from django.test import Client
from django.urls import reverse

from sozialraum.directory.tests._pages import english
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]

SEARCH = reverse("directory:search")


@pytest.fixture
def districts() -> list[District]:
    city = square_district(9.40, 54.78, size=0.1, name="Stadt", slug="stadt", kind="city")
    return [
        square_district(9.40 + n * 0.001, 54.78, size=0.001, name=f"Teil {n:02d}", parent=city)
        for n in range(20)
    ]


def test_the_district_list_makes_no_district_per_option(
    client: Client, districts: list[District]
) -> None:
    made: list[Any] = []

    def count(sender: type, instance: Any, **kwargs: Any) -> None:
        made.append(instance)

    post_init.connect(count, sender=District)
    try:
        response = client.get(SEARCH, {"district": districts[3].slug})
    finally:
        post_init.disconnect(count, sender=District)
    assert response.status_code == 200
    assert len(made) <= 2, "the chosen district (and its city) only"
    assert f'<option value="{districts[3].slug}" selected>Teil 03 (Stadt)</option>' in response.text
    assert response.text.count(" (Stadt)</option>") == 20


def test_the_search_form_renders_no_template_per_option(
    client: Client, districts: list[District]
) -> None:
    response = client.get(SEARCH)
    assert response.status_code == 200
    names = [template.name for template in response.templates]
    assert "django/forms/widgets/select_option.html" not in names
    assert "Teil 07 (Stadt)</option>" in response.text
    assert '<option value="" selected>all districts</option>' in response.text


@pytest.mark.parametrize("value", [None, "", "a&b", ["b<", "a&b"], "missing"])
def test_the_python_select_writes_djangos_markup_escaped(value: Any) -> None:
    """Written in Python, the select is what Django's templates write: the same attributes,
    escaped values and labels, the first matching option selected."""
    from django import forms

    from sozialraum.directory.forms.search import InlineOptionsSelect

    choices = [("", "none"), ("a&b", 'A & "B"'), ("b<", "<script>x</script>"), ("a&b", "twice")]
    attrs = {"id": "id_x", "required": True, "disabled": False, "aria-describedby": "h<1>"}
    ours = InlineOptionsSelect(choices=choices).render("x", value, attrs=attrs)
    djangos = forms.Select(choices=choices).render("x", value, attrs=attrs)
    assert _lines(ours) == _lines(djangos)
    assert "<script>" not in ours


def _lines(markup: str) -> list[str]:
    """The markup's lines without indentation and blank lines (Django's option template
    ends in a line break)."""
    return [line.strip() for line in markup.splitlines() if line.strip()]

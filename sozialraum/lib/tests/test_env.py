"""Settings helpers fail loudly on bad values and read secrets from files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sozialraum.lib.env import env_bool, env_choice, env_int, env_list, env_secret, env_str


def test_bool_accepts_the_usual_spellings() -> None:
    assert env_bool("X", False, {"X": "Yes"}) is True
    assert env_bool("X", True, {"X": "off"}) is False
    assert env_bool("X", True, {}) is True


def test_bool_rejects_anything_else_naming_the_variable() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_int_rejects_words_and_values_below_the_minimum() -> None:
    assert env_int("N", 3, environ={"N": " 42 "}) == 42
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("N", 3, environ={"N": "viele"})
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("N", 3, minimum=1, environ={"N": "0"})


def test_required_string_without_default_is_an_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is required"):
        env_str("DATABASE_URL", environ={})


def test_list_splits_on_commas_and_drops_blanks() -> None:
    assert env_list("HOSTS", environ={"HOSTS": "a.de, b.de,,"}) == ["a.de", "b.de"]


def test_choice_names_the_allowed_values() -> None:
    with pytest.raises(ImproperlyConfigured, match="one of console, smtp"):
        env_choice("MAIL", ("console", "smtp"), "console", {"MAIL": "pigeon"})


def test_secret_is_read_from_the_file_variant(tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cr3t\n", encoding="utf-8")
    assert env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(secret)}) == "s3cr3t"


def test_secret_given_twice_or_unreadable_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="either SECRET_KEY or SECRET_KEY_FILE"):
        env_secret("SECRET_KEY", {"SECRET_KEY": "a", "SECRET_KEY_FILE": "b"})
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(tmp_path / "missing")})

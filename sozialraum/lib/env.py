"""Typed readers for settings from environment variables.

Every reader raises ``ImproperlyConfigured`` naming the variable when its value cannot be
parsed, so a typo in a deployment fails at start-up instead of silently falling back.
Secrets can also be given as ``NAME_FILE`` pointing to a file that holds the value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The variable's value, or ``default``; without a default the variable is required."""
    value = environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """``true/false``, ``1/0``, ``yes/no``, ``on/off`` (any case)."""
    value = environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true or false).")


def env_int(
    name: str, default: int, minimum: int | None = None, environ: Mapping[str, str] = os.environ
) -> int:
    """A whole number, optionally at least ``minimum``."""
    value = environ.get(name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: str = "", environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list; blanks around items are dropped, empty items ignored."""
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


def env_choice(
    name: str, choices: tuple[str, ...], default: str, environ: Mapping[str, str] = os.environ
) -> str:
    """One of ``choices``."""
    value = environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(choices)}.")
    return value


def env_secret(name: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """``NAME`` or the contents of the file named by ``NAME_FILE`` (not both), else None."""
    direct = environ.get(name)
    file_name = environ.get(f"{name}_FILE")
    if direct is not None and file_name is not None:
        raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
    if file_name is None:
        return direct
    try:
        return Path(file_name).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {error}") from None

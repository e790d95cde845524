"""Aggregate reads on a read replica (``DATABASE_REPLICA_URL``).

When the setting names a replica, ``config/settings.py`` adds the database alias
:data:`REPLICA` and :class:`ReplicaRouter` sends the reads made inside
:func:`aggregate_reads` (the planning dashboard's figures, which read every table and
write nothing) there; every other read and every write goes to ``default``. Without a
replica the router sends everything to ``default``.

A replica lags behind its primary by a moment, so only figures that may be that old
read there: never a page that shows what its user has just saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, Final, ParamSpec, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

#: The database alias of the read replica.
REPLICA: Final = "replica"

_aggregating: ContextVar[bool] = ContextVar("aggregate_reads", default=False)
_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def aggregate_reads() -> Iterator[None]:
    """Reads inside go to the replica when one is configured."""
    token = _aggregating.set(True)
    try:
        yield
    finally:
        _aggregating.reset(token)


def on_replica(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function``'s reads go to the replica when one is configured."""

    @wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with aggregate_reads():
            return function(*args, **kwargs)

    return wrapper


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    """Aggregate reads to :data:`REPLICA` when configured; all else to ``default``."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _aggregating.get() and replica_configured():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica holds the same rows as default.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA

"""The session store: Django's database sessions, read with one plain statement.

Every signed-in request loads its session first. Django's store reads it through the ORM
(``objects.get``), whose query building cost more than the statement itself; this store
reads the same row with a prepared statement text and decodes it the same way. Writing,
expiry, key rotation and deletion are Django's (``SESSION_ENGINE`` names this module), so
sessions made by ``django.contrib.sessions.backends.db`` are read unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from sozialraum.lib.sql import select_statement


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        """The live session row (only key and data: all ``load`` reads), or None."""
        key = self.session_key
        if not key:
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        statement = select_statement(
            connection, model, ("session_data",), [("session_key", "="), ("expire_date", ">")]
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(statement, [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])

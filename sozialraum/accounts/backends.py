"""The sign-in backend: Django's ``ModelBackend``, with the signed-in user read by one
plain statement.

Every signed-in request loads its user from the session. Django's backend reads the user
through the ORM (``objects.get(pk=...)``), whose query building cost more than the
statement itself (as for the session and the verified device, :mod:`sozialraum.lib.sql`).
Authentication, permissions and the rule that inactive users are nobody stay Django's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router

from sozialraum.lib.sql import concrete_field_names, select_statement


class UserReadingBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        """The active user with ``user_id`` (as the session stores it), or None."""
        model = get_user_model()
        pk_field = model._meta.pk
        assert pk_field is not None
        try:
            pk = pk_field.to_python(user_id)
        except ValidationError:
            return None
        database = router.db_for_read(model)
        statement = select_statement(
            connections[database],
            model,
            concrete_field_names(model),
            [(pk_field.name, "=")],
        )
        user = next(iter(model._default_manager.db_manager(database).raw(statement, [pk])), None)
        return user if self.user_can_authenticate(user) else None

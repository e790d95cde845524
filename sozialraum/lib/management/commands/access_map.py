from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sozialraum.lib.urlmap import iter_apis, iter_operations, iter_views


class Command(BaseCommand):
    help = (
        "Prints every page (URL pattern) and every API operation with the audience it "
        "declares: public, authenticated, or a list of roles. Fails if any has none."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = 0
        for view in iter_views():
            audience = view.access.describe() if view.access else "UNDECLARED"
            missing += view.access is None
            self.stdout.write(f"{audience:<40} /{view.route}  ({view.name or '-'})")
        for api in iter_apis():
            for op in iter_operations(api.get_openapi_schema()):
                missing += op.access is None
                self.stdout.write(f"{op.access or 'UNDECLARED':<40} {op.method} {op.path}")
        if missing:
            raise CommandError(f"{missing} pages or operations declare no audience.")
        self.stdout.write("Every page and operation declares its audience.")

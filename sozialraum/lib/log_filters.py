"""Logging filters (used by ``LOGGING`` in config/settings.py)."""

from __future__ import annotations

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Drops the traceback from records of 4xx responses: Django logs a refused request
    (``PermissionDenied``: 403) with the exception, which writes a traceback to the log for
    every refusal, as if the refusal were a fault. The one warning line stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True

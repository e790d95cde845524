"""A plain-text progress line on stderr for long imports (no extra dependency)."""

from __future__ import annotations

from django.core.management.base import OutputWrapper


class ProgressLine:
    """Called with (done, total); redraws "label: done/total (percent)" in place with a
    carriage return, at most every ``step`` records and at the end, then ends the line."""

    def __init__(self, stream: OutputWrapper, label: str, step: int = 25) -> None:
        self.stream, self.label, self.step = stream, label, step

    def __call__(self, done: int, total: int) -> None:
        if done % self.step and done != total:
            return
        percent = done * 100 // total if total else 100
        self.stream.write(f"\r{self.label}: {done}/{total} ({percent} %)", ending="")
        if done == total:
            self.stream.write("")
        self.stream.flush()

"""The progress bar of long imports: drawn on a terminal only, for runs of at least
PROGRESS_MINIMUM records, once per per cent, ending its line when done."""

from __future__ import annotations

from io import StringIO

from django.core.management.base import OutputWrapper

from sozialraum.lib.commands import PROGRESS_MINIMUM, progress_bar


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_that_ends_its_line_when_done() -> None:
    out = Terminal()
    draw = progress_bar(OutputWrapper(out), "stadtteile.csv")
    for done in range(1, 301):
        draw(done, 300)
    text = out.getvalue()
    assert text.endswith("\rstadtteile.csv [" + "#" * 30 + "] 300/300\n")
    assert text.count("\r") == 101  # once per per cent, 0 to 100
    assert "\rstadtteile.csv [###############---------------] 150/300" in text


def test_a_log_or_pipe_gets_nothing() -> None:
    out = StringIO()
    draw = progress_bar(OutputWrapper(out), "stadtteile.csv")
    for done in range(1, 301):
        draw(done, 300)
    assert out.getvalue() == ""


def test_a_short_run_gets_nothing() -> None:
    out = Terminal()
    draw = progress_bar(OutputWrapper(out), "stadtteile.csv")
    for done in range(1, PROGRESS_MINIMUM):
        draw(done, PROGRESS_MINIMUM - 1)
    assert out.getvalue() == ""

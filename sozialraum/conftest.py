"""Shared test fixtures: a real browser (Debian's chromium through Playwright) on a live
server, and an accessibility check with axe-core.

Outside CI a missing browser skips the page tests with a message; with CI=true it fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    context.add_init_script(CSP_RECORDER)
    refused: list[str] = []
    context.on(
        "console",
        lambda message: refused.append(message.text) if CSP_CONSOLE in message.text else None,
    )
    tab = context.new_page()
    yield tab
    context.close()
    # Every browser test is also a check of the Content-Security-Policy.
    assert refused == [], "Content-Security-Policy violations"


#: Chromium's console message for anything the Content-Security-Policy refused.
CSP_CONSOLE = "Content Security Policy"


#: Runs before any page script: keeps each Content-Security-Policy violation of the page.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


def csp_violations(page: Any) -> list[str]:
    """The Content-Security-Policy violations the current page has reported so far."""
    return list(page.evaluate("window.__cspViolations || []"))


def axe_violations(
    page: Any, impacts: tuple[str, ...] = ("serious", "critical"), *, preload: bool = True
) -> list[str]:
    """axe-core's violations of the given impacts on the current page, one line each.

    ``preload=False`` keeps axe from loading the page's style sheets itself: it copies an
    ``@import``-ed sheet (the Django admin's) into a ``<style>`` element, which the
    Content-Security-Policy refuses; the rules that need the sheets (orientation lock)
    are then skipped."""
    from axe_playwright_python.sync_playwright import Axe

    options: dict[str, Any] = {"resultTypes": ["violations"], "preload": preload}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]


@pytest.fixture(autouse=True)
def page_cache(request: pytest.FixtureRequest, settings: Any) -> None:
    """The cache of anonymous visitors' pages is off in tests (it reads the data version
    from the database on every anonymous request, and a test reads what its view did)
    except in those marked ``page_cache``, which start with it empty (a rolled-back test
    leaves the data version as it found it)."""
    from sozialraum.lib.page_cache import page_cache_clear

    page_cache_clear()
    if request.node.get_closest_marker("page_cache") is None:
        settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """PostgreSQL test connections commit without waiting for the write-ahead log to reach
    the disk (``synchronous_commit=off``): a throwaway test database needs no durability,
    and the migrations, flushes and autocommitted statements of the suite each waited for
    a sync of the shared machine's disk. What a commit makes visible is unchanged."""
    from django.db import connections

    for alias in connections:
        settings_dict = connections[alias].settings_dict
        if settings_dict["ENGINE"] == "django.db.backends.postgresql":
            options = settings_dict.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session", autouse=True)
def flush_by_delete() -> Iterator[None]:
    """Transactional tests end with a flush; Django flushes PostgreSQL with one
    ``TRUNCATE`` of every table, which gives every table and index a new file synced at
    commit: 2-4 s per test on the shared test machine. Deleting the few rows a test left
    takes 0.2 s. The foreign keys are deferred until the flush's transaction commits, so
    the order of the tables does not matter. A flush that resets sequences or cascades
    keeps Django's statements."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: Any,
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(autouse=True)
def access_log_flushable(request: pytest.FixtureRequest) -> Iterator[None]:
    """Lets a transactional test's closing flush empty the access log.

    The access log's triggers refuse every DELETE, and the tests' flush deletes (see
    :func:`flush_by_delete`; Django's own flush deletes on SQLite). The triggers are dropped
    just before the flush and come back with the flush's post_migrate signal.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactional:
        yield
        return
    # Requested here, so the flush runs after this fixture's teardown.
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    from sozialraum.audit.triggers import triggers_drop

    triggers_drop(connection)

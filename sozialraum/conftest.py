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


@pytest.fixture(autouse=True)
def access_log_flushable(request: pytest.FixtureRequest) -> Iterator[None]:
    """Lets a transactional test's closing flush empty the access log on SQLite.

    The access log's triggers refuse every DELETE, and Django flushes SQLite with DELETE
    (PostgreSQL with TRUNCATE, which row triggers do not see). The triggers are dropped just
    before the flush and come back with the flush's post_migrate signal.
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

    if connection.vendor == "sqlite":
        triggers_drop(connection)

"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Screenshots of every step land in test-artifacts/screenshots/ (kept by CI as artefacts).
"""

import os
import shutil
from pathlib import Path

import pytest

from .reminder_mail import mail  # noqa: F401 (the fixture of the reminders' browser tests)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the live server shares the test's one in-memory connection across its threads,
    and a browser's parallel requests (a field's save beside its preview, two tabs) then break
    it ("cannot open savepoint"). There it answers one request at a time; PostgreSQL, as CI and
    production run, keeps the threaded server and its real concurrency."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class OneAtATime(WSGIServer):
        # The server thread itself already uses the test's connection (LiveServerThread.run).
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneAtATime
    yield
    LiveServerThread.server_class = threaded


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_instance():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser_instance, live_server):
    context = browser_instance.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_errors = []

    def remember_error(message):
        if message.type == "error":
            where = message.location
            page.console_errors.append(
                f"{message.text} ({where.get('url')}:{where.get('lineNumber')})"
            )

    page.on("console", remember_error)
    yield page
    context.close()


@pytest.fixture
def shoot():
    """Save a full-page screenshot under test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

"""Fixtures of the map page tests: the demo archive, the API on loopback, headless Chromium.

  demo_archive   session RunSettings whose data_dir holds an SQLite archive of the bundled
                         demo's events (tests may add events to it)
  api_server     module  base URL of strikewatch.api.app.create_app over that archive,
                         served by uvicorn on a free loopback port, in a thread
  browser        session a headless Chromium (Debian chromium + chromium-driver)
  api_over(settings)     the same server as a context manager, for other settings

Without /usr/bin/chromium or /usr/bin/chromedriver the browser tests skip with the reason,
except under CI: there a missing browser fails the run (.ci/run installs both).
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _browser_missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"no headless Chromium: {reason}")


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory):
    """Run the bundled demo through every stage in-process; its archive stays in data_dir."""
    from prometheus_client import CollectorRegistry

    from strikewatch.core.metrics import Metrics
    from strikewatch.core.settings import RunSettings
    from strikewatch.replay import DEMO_DIR, ReplayServer
    from strikewatch.runner import Pipeline

    data_dir = tmp_path_factory.mktemp("web-demo")
    with ReplayServer(DEMO_DIR) as server:
        settings = RunSettings(
            data_dir=data_dir, allowed_networks=server.base_url.removeprefix("http://"),
        )
        pipeline = Pipeline(settings, Metrics(CollectorRegistry()), stream=io.StringIO())  # alerts: not needed here
        try:
            pipeline.cycle(server.feeds())
            pipeline.alerts.flush(force=True)
        finally:
            pipeline.close()
    return settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(app) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port, in a thread; yield its base URL."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="web-test-uvicorn", daemon=True)
    thread.start()
    ready = threading.Event()
    while thread.is_alive() and not server.started:
        ready.wait(0.05)
    if not server.started:
        pytest.fail("uvicorn did not start the API (see the log above)", pytrace=False)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextlib.contextmanager
def api_over(settings) -> Iterator[str]:
    """strikewatch.api.app.create_app over the archive in ``settings.data_dir``, served."""
    from strikewatch.api.app import create_app
    from strikewatch.sinks.db import open_database

    database = open_database("", settings.data_dir)
    try:
        with serve_app(create_app(database, settings)) as base:
            yield base
    finally:
        database.close()


@pytest.fixture(scope="module")
def api_server(demo_archive) -> Iterator[str]:
    with api_over(demo_archive) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
        _browser_missing(f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _browser_missing("selenium is not installed (pip install -e '.[dev]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,860", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-extensions", "--disable-sync"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Both paths are given, so Selenium Manager has nothing to look up; offline makes sure
    # it downloads nothing either way.
    old = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except Exception as exc:  # a broken install: name it
        _browser_missing(f"chromium did not start: {exc}".splitlines()[0])
    finally:
        if old is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = old
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the top of the repository (screenshots; ignored by git)."""
    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


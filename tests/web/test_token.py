"""Where the API asks for a token, the page opened as /?token=... hands it to every call."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from pydantic import SecretStr

from tests.web.conftest import api_over, serve_app
from tests.web.test_map_page import console_problems, markers, wait_for

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402

TOKEN = "page-test-token-1"


def test_page_opened_with_a_token_loads_and_streams(browser, demo_archive):
    settings = demo_archive.model_copy(update={"api_tokens": SecretStr(TOKEN)})
    with api_over(settings) as base:
        try:
            urllib.request.urlopen(f"{base}/static/app.js", timeout=10).close()
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                raise
            # The page's own files carry no data, but the API's guard asks a token for
            # them too, and a script tag cannot send one: the page cannot start.
            pytest.xfail("with STRIKEWATCH_API_TOKENS set, /static/ answers 401 without a token")
        browser.get(f"{base}/?token={TOKEN}")
        wait_for(browser, lambda d: markers(d) > 0, "no markers with a token")
        wait_for(browser, lambda d: "connected" in d.find_element(By.ID, "status").text,
                 "the stream did not connect with the token")
        assert console_problems(browser) == []
        browser.get("about:blank")


def test_the_page_hands_its_token_to_every_api_call_and_the_stream(browser, demo_archive):
    """The page's own files let through (as a proxy in front of the API could), the API
    calls and the stream must then carry the token the page was opened with."""
    from strikewatch.api.app import create_app
    from strikewatch.sinks.db import open_database

    settings = demo_archive.model_copy(update={"api_tokens": SecretStr(TOKEN)})
    database = open_database("", settings.data_dir)
    api = create_app(database, settings)
    asked: list[str] = []

    async def page_files_open(scope, receive, send):
        if scope["type"] == "http":
            asked.append(scope["path"] + "?" + scope["query_string"].decode())
            if scope["path"] == "/" or scope["path"].startswith("/static/"):
                headers = [*scope["headers"], (b"authorization", f"Bearer {TOKEN}".encode())]
                scope = {**scope, "headers": headers}
        await api(scope, receive, send)

    try:
        with serve_app(page_files_open) as base:
            browser.get(f"{base}/?token={TOKEN}")
            wait_for(browser, lambda d: markers(d) > 0, "no markers: the event list call was refused")
            wait_for(browser, lambda d: "connected" in d.find_element(By.ID, "status").text,
                     "the stream did not connect with the token")
            calls = [a for a in asked if a.startswith("/api/")]
            assert {c.split("?")[0] for c in calls} >= {"/api/v1/events", "/api/v1/stream", "/api/v1/config"}
            assert all(f"token={TOKEN}" in c for c in calls)
            assert console_problems(browser) == []
            browser.get("about:blank")
    finally:
        database.close()

"""Where the API asks for a token, the page opened as /?token=... hands it to every call."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from pydantic import SecretStr

from tests.web.conftest import api_over
from tests.web.test_map_page import console_problems, markers, wait_for

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402

TOKEN = "page-test-token-1"


def test_page_opened_with_a_token_lists_streams_and_opens_events(browser, demo_archive):
    settings = demo_archive.model_copy(update={"api_tokens": SecretStr(TOKEN)})
    with api_over(settings) as base:
        with pytest.raises(urllib.error.HTTPError) as refused:  # the API itself is closed
            urllib.request.urlopen(f"{base}/api/v1/events", timeout=10)
        assert refused.value.code == 401
        browser.get(f"{base}/?token={TOKEN}")
        wait_for(browser, lambda d: markers(d) > 0, "no markers: the event list call was refused")
        wait_for(browser, lambda d: "connected" in d.find_element(By.ID, "status").text,
                 "the stream did not connect with the token")
        browser.find_element(By.CSS_SELECTOR, "#event-list button").click()
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#panel .sources > li"),
                 "the event detail call was refused")
        # a filter applied keeps the token in the address, so the shared view still opens
        browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
        wait_for(browser, lambda d: markers(d) > 0, "the reloaded view was refused")
        assert f"token={TOKEN}" in browser.current_url
        assert console_problems(browser) == []
        browser.get("about:blank")

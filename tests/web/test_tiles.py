"""A configured tile server: the page draws its tiles, and the CSP lets them in from that host only."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from strikewatch.api.app import STATIC_DIR
from tests.web.conftest import api_over
from tests.web.test_map_page import console_problems, markers, wait_for

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402

TILE = (STATIC_DIR / "vendor" / "leaflet" / "images" / "layers.png").read_bytes()  # any PNG will do


@pytest.fixture
def tile_server():
    """A loopback tile server answering every /z/x/y.png with one PNG; records the paths."""
    asked: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(TILE)))
            self.end_headers()
            self.wfile.write(TILE)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def test_configured_tiles_are_drawn_with_their_attribution_as_text(browser, demo_archive, tile_server):
    tiles, asked = tile_server
    settings = demo_archive.model_copy(update={
        "api_tile_url": tiles + "/{z}/{x}/{y}.png",
        "api_tile_attribution": "Test tiles <b>bold</b>",
    })
    with api_over(settings) as base:
        browser.get(base + "/")
        wait_for(browser, lambda d: markers(d) > 0, "no markers with tiles configured")
        wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "img.leaflet-tile-loaded"),
                 "no tile was drawn")
        assert asked and all(p.endswith(".png") for p in asked)
        attribution = browser.find_element(By.CLASS_NAME, "leaflet-control-attribution").text
        assert "Test tiles <b>bold</b>" in attribution and "Natural Earth" in attribution
        assert browser.find_elements(By.CSS_SELECTOR, ".leaflet-control-attribution b") == []
        assert console_problems(browser) == []
        browser.get("about:blank")  # close the stream before the server stops

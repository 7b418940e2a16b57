"""The replay server: {{BASE}} substitution, validators and 304, 404s, quiet logs."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from strikewatch.replay import DEMO_DIR, ReplayServer

REPLAY_DIR = Path(__file__).resolve().parents[1] / "resources" / "replay"


@pytest.fixture
def replay():
    with ReplayServer(REPLAY_DIR) as server:
        yield server


def test_feeds_point_at_the_server(replay):
    feeds = replay.feeds()
    assert [f.url for f in feeds] == [
        f"{replay.base_url}/feeds/wire-world.xml",
        f"{replay.base_url}/feeds/regional.atom",
    ]
    assert feeds[0].name == "Wire World" and feeds[0].model_extra == {"region": "global"}
    assert replay.base_url.startswith("http://127.0.0.1:") and not replay.base_url.endswith("/")


def test_serves_text_with_base_replaced_and_validators(replay):
    response = httpx.get(replay.url("feeds/wire-world.xml"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml"
    assert f"<link>{replay.base_url}/pages/depot-strike.html</link>" in response.text
    assert "{{BASE}}" not in response.text
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith("GMT")
    assert int(response.headers["content-length"]) == len(response.content)
    assert httpx.get(replay.url("pages/depot-strike.html")).headers["content-type"] == "text/html"
    assert (
        httpx.get(replay.url("feeds/regional.atom")).headers["content-type"]
        == "application/atom+xml"
    )


def test_conditional_requests_get_304(replay):
    url = replay.url("feeds/regional.atom")
    first = httpx.get(url)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert httpx.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert (
        httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code
        == 200
    )
    # If-None-Match wins over If-Modified-Since
    both = {"If-None-Match": '"other"', "If-Modified-Since": last_modified}
    assert httpx.get(url, headers=both).status_code == 200


def test_etag_depends_on_the_served_body(tmp_path):
    (tmp_path / "a.xml").write_text("<a>{{BASE}}</a>")
    with ReplayServer(tmp_path) as one, ReplayServer(tmp_path) as two:
        assert (
            httpx.get(one.url("a.xml")).headers["etag"]
            != httpx.get(two.url("a.xml")).headers["etag"]
        )


@pytest.mark.parametrize(
    "path", ["/nope.xml", "/", "/feeds", "/../test_replay.py", "/%2e%2e/test_replay.py"]
)
def test_unknown_paths_are_404(replay, path):
    assert httpx.get(replay.base_url + path).status_code == 404


def test_logs_go_to_logging_not_stderr(replay, capfd):
    httpx.get(replay.url("feeds/wire-world.xml"))
    httpx.get(replay.url("nope"))
    assert capfd.readouterr().err == ""


def test_lifecycle(tmp_path):
    server = ReplayServer(tmp_path)
    with pytest.raises(RuntimeError):
        _ = server.base_url
    with server:
        url = server.url("x.txt")
    with pytest.raises(httpx.ConnectError):
        httpx.get(url)
    with pytest.raises(FileNotFoundError, match="replay directory not found"):
        ReplayServer(tmp_path / "missing")


def test_demo_dir_is_the_bundled_package_data():
    assert DEMO_DIR == Path(__file__).resolve().parents[2] / "strikewatch" / "demo"
    if not (DEMO_DIR / "feeds.yaml").is_file():
        pytest.skip("the demo replay is not written yet")
    with ReplayServer.demo() as server:
        feeds = server.feeds()
        assert feeds
        assert all(httpx.get(f.url).status_code == 200 for f in feeds)


def test_served_files_are_not_rewritten_on_disk(replay):
    path = REPLAY_DIR / "feeds" / "wire-world.xml"
    before = path.stat().st_mtime, path.read_bytes()
    httpx.get(replay.url("feeds/wire-world.xml"))
    assert (path.stat().st_mtime, path.read_bytes()) == before


def test_paths_outside_the_directory_are_not_resolved(replay):
    assert replay.resolve("/%2e%2e/test_replay.py") is None
    assert replay.resolve("/feeds/../../test_replay.py") is None
    assert replay.resolve("/feeds/../feeds.yaml") == REPLAY_DIR / "feeds.yaml"

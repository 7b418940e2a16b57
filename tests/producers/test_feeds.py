"""The feeds file: loading, defaults, and errors that name file, line, entry and field."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from strikewatch.producers.feeds import DEFAULT_FEEDS_FILE, Feed, FeedsFileError, load_feeds
from tests.producers.conftest import RESOURCES


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_feeds_keeps_extra_keys_and_drops_duplicates(caplog):
    path = RESOURCES / "feeds" / "feeds.yaml"
    with caplog.at_level(logging.WARNING, logger="strikewatch.producers.feeds"):
        feeds = load_feeds(path)
    assert [f.url for f in feeds] == [
        "https://news.example.org/world.rss",
        "https://wire.example.net/atom.xml",
    ]
    assert feeds[0].name == "Example World"
    assert feeds[0].model_extra == {"language": "en"}
    assert feeds[1].name == ""
    [record] = caplog.records
    assert "duplicate feed" in record.getMessage()
    assert (
        "entry=3" in record.getMessage()
        and "https://news.example.org/world.rss" in record.getMessage()
    )


def test_none_loads_the_bundled_list():
    feeds = load_feeds(None)
    assert DEFAULT_FEEDS_FILE.name == "default-feeds.yaml"
    assert feeds and all(isinstance(f, Feed) and f.url.startswith("http") for f in feeds)


def test_feed_is_frozen():
    feed = Feed(url="https://example.org/rss")
    with pytest.raises(ValueError):
        feed.url = "https://other.example/"  # type: ignore[misc]


def test_relative_urls_resolve_against_base_url(tmp_path):
    path = write(tmp_path, "feeds:\n  - url: feeds/a.xml\n  - url: '{{BASE}}/b.xml'\n    name: B\n")
    feeds = load_feeds(path, base_url="http://127.0.0.1:8000")
    assert [f.url for f in feeds] == [
        "http://127.0.0.1:8000/feeds/a.xml",
        "http://127.0.0.1:8000/b.xml",
    ]


def test_missing_file(tmp_path):
    with pytest.raises(FeedsFileError, match=r"nope\.yaml: cannot read the feeds file"):
        load_feeds(tmp_path / "nope.yaml")


def test_not_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "feeds:\n  - url: https://a.example/rss\n  - url: [unclosed\n")
    with pytest.raises(FeedsFileError) as err:
        load_feeds(path)
    assert str(err.value).startswith(f"{path}:")
    assert "not valid YAML" in str(err.value)


@pytest.mark.parametrize(
    "text",
    ["just a string\n", "other: 1\n", "feeds: https://a.example/rss\n", "feeds: []\n", ""],
    ids=["scalar", "no-feeds-key", "feeds-not-a-list", "empty-list", "empty-file"],
)
def test_no_feeds_list(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(FeedsFileError, match="'feeds'") as err:
        load_feeds(path)
    assert str(path) in str(err.value)


def test_entry_without_url_names_line_entry_and_field(tmp_path):
    path = write(
        tmp_path,
        "feeds:\n"
        "  - url: https://a.example/rss\n"
        "    name: A\n"
        "  - url: https://b.example/rss\n"
        "  - name: BBC World\n"
        "    language: en\n",
    )
    with pytest.raises(FeedsFileError) as err:
        load_feeds(path)
    assert str(err.value) == f"{path}:5: entry 3 ('BBC World'): field 'url': Field required"


def test_entry_with_relative_url_is_refused_without_base(tmp_path):
    path = write(tmp_path, "feeds:\n  - url: example.org/rss\n    name: Example\n")
    with pytest.raises(
        FeedsFileError,
        match=r"entry 1 \('Example'\): field 'url': 'example.org/rss' is not an absolute",
    ):
        load_feeds(path)


def test_entry_that_is_not_a_mapping(tmp_path):
    path = write(tmp_path, "feeds:\n  - https://a.example/rss\n")
    with pytest.raises(FeedsFileError, match=r":2: entry 1: expected a mapping"):
        load_feeds(path)


def test_a_feeds_file_alias_bomb_is_refused_at_once(tmp_path):
    """Each anchor eight aliases of the previous one: 8**9 feed entries if expanded."""
    lines = ["a0: &a0 {url: 'https://news.example/feed.xml'}"]
    for n in range(1, 9):
        lines.append(f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(8))}]")
    lines.append("feeds: *a8")
    path = tmp_path / "feeds.yaml"
    path.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    with pytest.raises(FeedsFileError, match=r"feeds\.yaml:2: not valid YAML: aliases"):
        load_feeds(path)
    assert time.perf_counter() - start < 1.0


def test_a_duplicate_key_in_a_feeds_file_is_refused(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - url: https://a.example/f.xml\n    url: https://b.example/f.xml\n")
    with pytest.raises(FeedsFileError, match=r"feeds\.yaml:3: .*duplicate key 'url'"):
        load_feeds(path)

"""Coverage-guided fuzzing of the untrusted-input parsers with atheris (by hand, not in CI).

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/fuzz_inputs.py feed -max_total_time=300
    .venv/bin/python tests/fuzz/fuzz_inputs.py page|records|subscriptions -runs=100000

Each target accepts only its parser's own error; anything else is a crash that atheris
reports with the input (saved as crash-*; replay it by passing the file as argument).
The hypothesis properties in tests/security/test_fuzz.py run the same contracts in CI.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import atheris

with atheris.instrument_imports():
    from strikewatch.core.jsonl import read_records
    from strikewatch.core.records import Article, Link
    from strikewatch.producers.feedparse import FeedParseError, parse_feed
    from strikewatch.producers.feeds import Feed
    from strikewatch.producers.fetcher import ExtractionError, extract_article
    from strikewatch.producers.pages import decode_page, detect_wall, page_links
    from strikewatch.sinks.subscriptions import SubscriptionsError, parse_subscriptions

NOW = datetime(2024, 3, 1, tzinfo=UTC)
FEED = Feed(url="https://news.example/feed.xml")
LINK = Link(id="x", url="https://news.example/a", feed_url=FEED.url, discovered=NOW)


def feed(data: bytes) -> None:
    try:
        parse_feed(data, FEED, NOW)
    except FeedParseError:
        pass


def page(data: bytes) -> None:
    html = decode_page(data, None)
    page_links(html, LINK.url)
    detect_wall(html, LINK.url, "")
    try:
        extract_article(html, LINK, NOW)
    except ExtractionError:
        pass


def records(data: bytes) -> None:
    lines = data.decode("utf-8", errors="replace").splitlines()
    list(read_records(Article, lines, "fuzz", []))


def subscriptions(data: bytes) -> None:
    try:
        parse_subscriptions(data.decode("utf-8", errors="replace"), "fuzz.yaml")
    except SubscriptionsError:
        pass


TARGETS = {"feed": feed, "page": page, "records": records, "subscriptions": subscriptions}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(TARGETS)} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()

"""Property tests (hypothesis) on the parsers of untrusted input: each returns its result
or raises its own error type naming the input, and never anything else.

Example counts come from the profile in conftest.py (100; ``HYPOTHESIS_PROFILE=fuzz``
for 5,000). Coverage-guided fuzzing of the same parsers: tests/fuzz/ (atheris; a short run
in every test run, a long run by hand)."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from strikewatch.cli.dedup import dedup_stream as dedup_main
from strikewatch.cli.extract import extract_stream as extract_main
from strikewatch.core.jsonl import read_records
from strikewatch.core.netguard import BlockedAddressError, NetworkPolicy
from strikewatch.core.records import Article, Event, Link, RecordError, decode
from strikewatch.producers.feedparse import FeedParseError, parse_feed
from strikewatch.producers.feeds import Feed
from strikewatch.producers.fetcher import ExtractionError, extract_article
from strikewatch.producers.pages import decode_page, detect_wall, page_links, visible_text
from strikewatch.sinks.subscriptions import Subscription, SubscriptionsError, parse_subscriptions

NOW = datetime(2024, 3, 1, tzinfo=UTC)
FEED = Feed(url="https://news.example/feed.xml")
LINK = Link(id="x", url="https://news.example/a", feed_url=FEED.url, discovered=NOW)

text = st.text(max_size=200)
xmlish = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "]]>",
        "<![CDATA[",
        "\x00",
        "\ufffe",
        "é",
        "<b>",
        "</item>",
    ]
)
fragment = st.lists(st.one_of(text, xmlish), max_size=8).map("".join)


@st.composite
def feeds(draw) -> bytes:
    """Mostly well-formed RSS/Atom with hostile field values, sometimes raw bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=2000))
    items = draw(st.lists(st.tuples(fragment, fragment, fragment, fragment), max_size=5))
    if draw(st.booleans()):
        body = "".join(
            f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
            f"<pubDate>{date}</pubDate><guid>{t}</guid></item>"
            for t, link, d, date in items
        )
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{body}</channel></rss>'
    else:
        body = "".join(
            f'<entry><title type="html">{t}</title><link href="{link}"/><summary>{d}</summary>'
            f"<updated>{date}</updated><id>{t}</id></entry>"
            for t, link, d, date in items
        )
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>{body}</feed>'
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
    return doc.encode(encoding, errors="replace")


@given(
    feeds(),
    st.sampled_from(
        [None, "application/rss+xml", "text/html; charset=bogus", "text/xml; charset=utf-16"]
    ),
)
def test_parse_feed_returns_links_or_feed_parse_error(content, content_type):
    try:
        links = parse_feed(content, FEED, NOW, content_type=content_type)
    except FeedParseError as exc:
        assert FEED.url in str(exc)
        return
    for link in links:
        assert isinstance(link, Link)
        assert link.url.startswith(("http://", "https://"))
        assert link.id and link.feed_url == FEED.url
        assert len(link.summary) <= 500


@st.composite
def pages(draw) -> str:
    tags = st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "<article>",
            "<script>",
            "</script>",
            "<style>",
            '<script type="application/ld+json">',
            '<link rel="canonical" href="',
            '<link rel="amphtml" href="',
            "<html amp>",
            '<meta charset="',
            '">',
            "<!--",
            "-->",
        ]
    )
    parts = draw(st.lists(st.one_of(text, tags), max_size=30))
    return "".join(parts)


@given(pages())
def test_extract_article_returns_an_article_or_extraction_error(page):
    try:
        article = extract_article(page, LINK, NOW)
    except ExtractionError as exc:
        assert exc.reason == "no_text" and exc.url == LINK.url
    else:
        assert isinstance(article, Article) and len(article.text) >= 40
    found = page_links(page, LINK.url)
    assert (
        found.canonical is None
        or found.canonical.startswith(("http", "https"))
        or ":" in found.canonical
    )
    assert detect_wall(page, LINK.url, "") in (None, "paywall", "consent")
    assert detect_wall(page, LINK.url) in (None, "paywall", "consent")
    assert "<script>" not in visible_text(page).lower() or "<script>" in page.lower()


@given(
    st.binary(max_size=3000),
    st.one_of(
        st.none(),
        st.sampled_from(
            ["utf-8", "utf-16", "latin-1", "x-bogus", "utf-7", "cp1252", "shift_jis", ""]
        ),
    ),
)
def test_decode_page_always_gives_text(content, declared):
    assert isinstance(decode_page(content, declared), str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
article_like = st.fixed_dictionaries(
    {"id": st.one_of(text, st.integers())},
    optional={
        "url": text,
        "title": text,
        "text": text,
        "published": st.one_of(text, st.just("2024-03-01T00:00:00Z")),
        "schema": text,
        "language": text,
    },
)
lines = st.lists(
    st.one_of(text, json_values.map(json.dumps), article_like.map(json.dumps)), max_size=8
)


@given(
    st.one_of(
        st.binary(max_size=500),
        text,
        json_values.map(json.dumps),
        json_values.filter(lambda v: isinstance(v, dict)),
    )
)
def test_decode_returns_a_record_or_record_error(data):
    for cls in (Article, Event, Link):
        try:
            record = decode(cls, data, source="fuzz:1")
        except RecordError as exc:
            assert str(exc).startswith(f"{cls.__name__} from fuzz:1: ")
        else:
            assert isinstance(record, cls)


@given(lines)
def test_read_records_reports_bad_lines_and_never_raises(raw):
    errors: list[RecordError] = []
    records = list(
        read_records(Article, [line.replace("\n", " ") + "\n" for line in raw], "in.jsonl", errors)
    )
    assert all(isinstance(r, Article) for r in records)
    assert len(records) + len(errors) <= len(raw)
    assert all(re.fullmatch(r"in\.jsonl:\d+", e.source) for e in errors)


@given(lines)
def test_cli_filters_never_raise(raw):
    stdin = "".join(line.replace("\n", " ") + "\n" for line in raw)
    for main in (extract_main, dedup_main):
        out = io.StringIO()
        assert main(io.StringIO(stdin), out) in (0, 2)
        for line in out.getvalue().split("\n")[:-1]:  # not splitlines(): U+0085 is in the text
            json.loads(line)


yaml_scalars = st.sampled_from(
    [
        "",
        "~",
        "[]",
        "{}",
        "x",
        "1",
        "-1",
        "1e999",
        "yes",
        "&a x",
        "*a",
        "!!python/object:os.system",
        "'",
        '"',
        ":",
        "- ",
        "\t",
        "webhook",
        "webhook+hmac",
        "console",
        "http://127.0.0.1/",
        "IQ",
        "zz",
    ]
)
yaml_keys = st.sampled_from(
    [
        "subscriptions",
        "id",
        "channels",
        "type",
        "url",
        "secret_env",
        "to",
        "filters",
        "countries",
        "event_types",
        "near",
        "place",
        "lat",
        "lon",
        "radius_km",
        "bbox",
        "min_killed",
        "rate_limit",
        "digest",
        "updates",
        "bogus",
    ]
)


@st.composite
def subscription_docs(draw) -> str:
    def node(depth: int) -> str:
        indent = "  " * depth
        kind = draw(st.integers(0, 2 if depth < 4 else 0))
        if kind == 0:
            return draw(st.one_of(yaml_scalars, text.map(json.dumps)))
        if kind == 1:
            return "\n" + "\n".join(
                f"{indent}- {node(depth + 1).lstrip()}" for _ in range(draw(st.integers(0, 3)))
            )
        return "\n" + "\n".join(
            f"{indent}{draw(yaml_keys)}: {node(depth + 1)}" for _ in range(draw(st.integers(0, 4)))
        )

    if draw(st.booleans()):
        return draw(text)
    return f"subscriptions: {node(1)}\n"


@given(subscription_docs())
def test_subscription_loader_returns_subscriptions_or_names_line_and_field(doc):
    try:
        subs = parse_subscriptions(doc, "subs.yaml")
    except SubscriptionsError as exc:
        for problem in str(exc).splitlines():
            assert re.match(r"subs\.yaml(:\d+)?: ", problem), problem
        return
    assert all(isinstance(s, Subscription) for s in subs)


@given(st.one_of(text, st.builds(lambda h, p: f"http://{h}{p}", text, text)))
def test_check_url_refuses_or_passes_but_never_crashes(url):
    try:
        NetworkPolicy.parse("loopback,private").check_url(url)
    except BlockedAddressError as exc:
        assert str(exc).startswith(url) or url in str(exc)

"""Bombs and hostile documents, fixed inputs: none may crash, hang past the time limit or
exhaust memory. Memory is measured with tracemalloc (peak of Python allocations, which
include the bytes a decompressor returns) around the fetches, and as growth of the
process's peak RSS around the parsers (tracemalloc would slow them tenfold)."""

from __future__ import annotations

import asyncio
import gzip
import io
import resource
import time
import tracemalloc
import zlib
from contextlib import contextmanager
from datetime import UTC, datetime

import brotli
import pytest

from strikewatch.cli.dedup import dedup_stream as dedup_main
from strikewatch.cli.extract import extract_stream as extract_main
from strikewatch.core.jsonl import read_records
from strikewatch.core.records import Article, Link, RecordError
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feedparse import FeedParseError, parse_feed
from strikewatch.producers.feeds import Feed
from strikewatch.producers.fetcher import ArticleFetcher, ExtractionError, extract_article
from strikewatch.producers.http import FetchError, afetch_bytes, make_async_client
from strikewatch.producers.pages import decode_page, detect_wall, page_links, visible_text
from strikewatch.producers.poller import FeedPoller
from strikewatch.producers.state import STATE_FILE, SeenStore
from tests.producers.conftest import respond

NOW = datetime(2024, 3, 1, tzinfo=UTC)
FEED = Feed(url="https://news.example/feed.xml")
LINK = Link(id="x", url="https://news.example/a", feed_url=FEED.url, discovered=NOW)
PARAGRAPH = (
    "<p>A rocket struck the market in the city on Monday, killing four people, officials said.</p>"
)
MB = 1024 * 1024


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


@contextmanager
def bounded(seconds: float, megabytes: float, traced: bool = False):
    """Assert the block ends within ``seconds`` and grows memory by at most ``megabytes``:
    the tracemalloc peak when ``traced``, else the growth of the process's peak RSS."""
    if traced:
        tracemalloc.start()
    before = peak_rss()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        if traced:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        else:
            peak = peak_rss() - before
    assert elapsed < seconds, f"took {elapsed:.1f}s, limit {seconds}s"
    assert peak < megabytes * MB, f"grew {peak / MB:.0f} MB, limit {megabytes} MB"


def laughs(levels: int = 9) -> bytes:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        f"<title>&l{levels};</title><item><title>&l{levels};</title>"
        f"<link>https://news.example/a</link><description>&l{levels};</description></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize("levels", [5, 9])
def test_billion_laughs_feed_is_not_expanded(levels):
    """Level 5 (300 kB) is under expat's own guard, level 9 (3 GB) over it: neither expands."""
    with bounded(2, 20):
        links = parse_feed(laughs(levels), FEED, NOW)
    assert [link.url for link in links] == ["https://news.example/a"]
    assert all(len(link.title) < 100 for link in links)


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    for entity in (f'SYSTEM "file://{secret}"', f'PUBLIC "-//x//EN" "file://{secret}"'):
        xxe = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe {entity}>]>'
            '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title>'
            "<link>https://news.example/a</link><description>&xxe;</description></item></channel></rss>"
        ).encode()
        links = parse_feed(xxe, FEED, NOW)
        assert "TOP-SECRET" not in repr(links)
    # Atom, and a parameter entity pulling an external DTD
    atom = (
        f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY % ext SYSTEM "file://{secret}"> %ext;]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title>'
        '<link href="https://news.example/b"/><id>b</id></entry></feed>'
    ).encode()
    try:
        assert "TOP-SECRET" not in repr(parse_feed(atom, FEED, NOW))
    except FeedParseError:
        pass


def test_ten_thousand_item_feed():
    items = "".join(
        f"<item><title>t{i}</title><link>https://news.example/{i}</link><guid>g{i}</guid></item>"
        for i in range(10_000)
    )
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )
    with bounded(15, 200):  # the first 1,000 are read, by default
        assert len(parse_feed(body.encode(), FEED, NOW)) == 1000
    with bounded(15, 200):  # and every one when asked
        assert len(parse_feed(body.encode(), FEED, NOW, max_items=None)) == 10_000


def test_feed_with_a_gigantic_attribute_and_invalid_utf8():
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        b'<item><title x="' + b"A" * (4 * MB) + b'">\xff\xfe\xc3\x28 title</title>'
        b"<link>https://news.example/a</link></item></channel></rss>"
    )
    links = parse_feed(body, FEED, NOW)
    assert [link.url for link in links] == ["https://news.example/a"]


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000 + "</body></html>",
        "<html><body>" + "<div><span>" * 50_000 + PARAGRAPH,
        '<html><body><article><p title="'
        + "x" * (4 * MB)
        + '">hi</p>'
        + PARAGRAPH * 3
        + "</article>",
        "<html><body><article><p>" + "word " * (MB // 5) + "</p></article></body></html>",
        "<b>" * 500_000,
    ],
    ids=[
        "deeply-nested",
        "deep-unclosed",
        "gigantic-attribute",
        "one-long-line",
        "half-a-million-tags",
    ],
)
def test_hostile_pages_extract_or_fail_cleanly(page):
    with bounded(20, 400):
        try:
            assert extract_article(page, LINK, NOW).text
        except ExtractionError as exc:
            assert exc.reason == "no_text"
        page_links(page, LINK.url)
        detect_wall(page, LINK.url, "")


@pytest.mark.parametrize(
    "unit",
    [
        "<link ",
        "<script ",
        "<script>",
        '<script type="application/ld+json">',
        "<",
        "<meta ",
        "<html ",
        "<style>",
    ],
)
def test_page_checks_are_linear_in_unclosed_tags(unit):
    """These patterns took minutes on 200 kB before the scans were made linear."""
    page = unit * (MB // len(unit))
    with bounded(5, 50):
        page_links(page, LINK.url)
        detect_wall(page, LINK.url, "")
        visible_text(page)
    tag = "<link " + "a" * 150_000 + ">"
    with bounded(2, 20):
        page_links(tag, LINK.url)


@pytest.mark.parametrize(
    "declared", [None, "utf-8", "iso-8859-1", "utf-16", "shift_jis", "x-nonsense", "utf-7"]
)
def test_invalid_utf8_and_lying_charsets_decode(declared):
    content = (
        b"<html><meta charset=utf-16><body>"
        + b"\xff\xfe\xc3\x28\xa0\xa1\xed\xa0\x80" * 20_000
        + b"</body>"
    )
    assert isinstance(decode_page(content, declared), str)


# ------------------------------------------------------------------ over HTTP, from a local server


def bomb(encoding: str, size: int = 64 * MB) -> bytes:
    zeros = b"\0" * size
    if encoding == "br":
        return brotli.compress(zeros, quality=5)
    if encoding == "gzip":
        return gzip.compress(zeros, compresslevel=9)
    return zlib.compress(zeros, 9)


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {name: bomb(name) for name in ("br", "gzip", "deflate")}


@pytest.mark.parametrize("encoding", ["br", "gzip", "deflate"])
def test_compression_bombs_stop_at_the_decompressed_size_cap(
    encoding, bombs, scripted, local, metrics, registry
):
    """64 MB of zeros in 100 bytes (brotli) or 64 kB (gzip): refused at 1 MB decompressed."""
    headers = {"Content-Encoding": encoding}
    feed = scripted.route(
        "/feed.xml",
        lambda h: respond(
            h, 200, bombs[encoding], {**headers, "Content-Type": "application/rss+xml"}
        ),
    )
    page = scripted.route(
        "/a.html",
        lambda h: respond(h, 200, bombs[encoding], {**headers, "Content-Type": "text/html"}),
    )
    with bounded(10, 30, traced=True):
        with (
            SeenStore(local.data_dir / STATE_FILE) as seen,
            FeedPoller(local, metrics, seen) as poller,
        ):
            assert poller.poll(Feed(url=feed)) == []
        link = Link(id="x", url=page, feed_url=feed, discovered=utcnow())
        with ArticleFetcher(local, metrics) as fetcher:
            assert fetcher.fetch(link) is None
    for stage in ("poll", "fetch"):
        assert (
            registry.get_sample_value(
                "strikewatch_failures_total", {"stage": stage, "reason": "too_large"}
            )
            == 1
        )


def test_compressed_bodies_under_the_cap_still_decode(scripted, local):
    body = b"<rss>" + b"x" * 500_000 + b"</rss>"
    for encoding, data in [
        ("gzip", gzip.compress(body)),
        ("br", brotli.compress(body)),
        ("deflate", zlib.compress(body)),
        ("deflate", zlib.compress(body)[2:-4]),
    ]:
        url = scripted.route(
            f"/{encoding}-{len(data)}",
            lambda h, d=data, e=encoding: respond(h, 200, d, {"Content-Encoding": e}),
        )

        async def get(url=url):
            async with make_async_client(local) as client:
                return await afetch_bytes(client, url, local)

        assert asyncio.run(get()).content == body


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd", "gzip, br"])
def test_corrupt_or_unknown_encodings_are_parse_errors(encoding, scripted, local):
    url = scripted.route(
        "/x",
        lambda h: respond(h, 200, b"not compressed at all" * 10, {"Content-Encoding": encoding}),
    )

    async def get():
        async with make_async_client(local) as client:
            return await afetch_bytes(client, url, local)

    with pytest.raises(FetchError) as caught:
        asyncio.run(get())
    assert caught.value.reason == "parse_error"


def test_a_page_that_never_finishes_hits_the_time_limit(scripted, local):
    """Slowloris: headers, then a byte every 0.2 s forever; and headers, then silence."""

    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"<")
            handler.wfile.flush()
            time.sleep(0.2)

    def silent(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.flush()
        time.sleep(5)

    for path, handler in (("/trickle", trickle), ("/silent", silent)):
        url = scripted.route(path, handler)

        async def get(url=url):
            async with make_async_client(local) as client:
                return await afetch_bytes(client, url, local)

        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            asyncio.run(get())
        assert caught.value.reason == "timeout"
        assert time.monotonic() - started < local.http_timeout_seconds + 1


# ------------------------------------------------------------------ JSON Lines


def test_a_50_mb_line_is_reported_not_raised():
    huge = "x" * (50 * MB)
    lines = [
        huge + "\n",
        '{"id": "a0", "published": "' + huge + '"}\n',
        '{"id":"a1","text":"' + "word " * 1000 + '"}\n',
    ]
    errors: list[RecordError] = []
    with bounded(20, 400):
        records = list(read_records(Article, lines, "big.jsonl", errors))
    assert [r.id for r in records] == ["a1"]
    assert [e.source for e in errors] == ["big.jsonl:1", "big.jsonl:2"]


def test_cli_filters_survive_garbage_lines():
    garbage = "\x00\xff{[\n" + '{"id": 1}\n' + "[]\n" + '"str"\n' + '{"events": 5}\n' + "\n"
    for main in (extract_main, dedup_main):
        out = io.StringIO()
        assert main(io.StringIO(garbage), out) == 2
        assert out.getvalue() == ""

"""The fuzz targets: one function per parser of untrusted input, each taking fuzzer bytes.

A target returns, or raises the parser's own error type (caught here); any other
exception, and any broken promise checked by an ``assert``, is a crash. The promises
beyond "no other exception": what a parser accepts can be written out and read back
(the next stage decodes it), and the stream commands never swallow a processing error
("not processed" in their per-line report means a record made a stage raise).

Run them with tests/fuzz/harness.py; the short CI run is tests/fuzz/test_short_run.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import atheris
from prometheus_client import CollectorRegistry

from strikewatch.cli.dedup import dedup_stream
from strikewatch.cli.extract import extract_stream
from strikewatch.core.jsonl import read_records
from strikewatch.core.metrics import Metrics
from strikewatch.core.records import (
    EVENT_TYPES,
    Actor,
    Alert,
    Article,
    Event,
    Evidence,
    Link,
    Location,
    RecordError,
    Source,
    Target,
    decode,
)
from strikewatch.processors.core import candidate_events
from strikewatch.processors.dedup.merge import deduplicate
from strikewatch.processors.dedup.state import memory_state
from strikewatch.producers.feedparse import FeedParseError, parse_feed
from strikewatch.producers.feeds import Feed
from strikewatch.producers.fetcher import ExtractionError, extract_page
from strikewatch.producers.pages import decode_page, detect_wall, page_links, visible_text
from strikewatch.sinks.subscriptions import (
    SubscriptionsError,
    load_subscriptions,
    parse_subscriptions,
)
from tests.fuzz import values as v
from tests.fuzz.words import ATTACK_WORDS, HTML_PARTS, XML_PARTS, YAML_KEYS, YAML_SCALARS

NOW = datetime(2024, 3, 1, tzinfo=UTC)
FEED = Feed(url="https://news.example/feed.xml")
RECORDS = [Link, Article, Event, Alert, Location, Actor, Target, Evidence, Source]
METRICS = Metrics(CollectorRegistry())
CHARSETS = [None, "", "utf-8", "utf-16", "latin-1", "x-bogus", "utf-7", "cp1252", "shift_jis",
            "utf-32", "idna", "rot13", "base64", "hex", "punycode", "undefined"]  # fmt: skip


class _Swallowed(logging.Handler):
    """Collects the per-line reports of records whose processing raised."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "not processed" in message:
            self.messages.append(message)


SWALLOWED = _Swallowed()
logging.getLogger("strikewatch.cli.common").addHandler(SWALLOWED)
logging.getLogger().addHandler(logging.NullHandler())  # no last-resort stderr per bad line
logging.getLogger().setLevel(logging.WARNING)


def _provider(data: bytes):
    return atheris.FuzzedDataProvider(data)


def _round_trip(record) -> None:
    """What a parser accepted must serialise and decode again as the same record type."""
    again = decode(type(record), record.to_bytes(), source="round trip")
    assert again == record or again.to_json() == record.to_json(), (record, again)


def _run_stream(stream, lines: list[bytes], **kwargs) -> str:
    SWALLOWED.messages.clear()
    out = io.StringIO()
    stdin = io.BytesIO(b"".join(line.replace(b"\n", b" ") + b"\n" for line in lines))
    with contextlib.redirect_stderr(io.StringIO()):  # "no valid line in input" for each all-bad input
        code = stream(stdin, out, **kwargs)
    assert code in (0, 2), code
    assert not SWALLOWED.messages, SWALLOWED.messages
    for line in out.getvalue().split("\n")[:-1]:  # not splitlines(): U+2028 may be in the text
        json.loads(line)
    return out.getvalue()


# ------------------------------------------------------------------ records (decoders)


def record_line(src, cls) -> bytes:
    """One JSON Lines line for ``cls``: a hostile object, sometimes nested or raw bytes."""
    kind = src.ConsumeIntInRange(0, 9)
    if kind == 0:
        return src.ConsumeBytes(src.ConsumeIntInRange(0, 200))
    if kind == 1:
        return v.encoded(src, v.dumps(v.anything(src)))
    return v.encoded(src, v.dumps(v.record(src, cls)))


def records(data: bytes) -> None:
    """Every record type through decode(); JSON Lines bytes through read_records()."""
    src = _provider(data)
    cls = v.pick(src, RECORDS)
    lines = [record_line(src, cls) for _ in range(src.ConsumeIntInRange(1, 4))]
    for line in lines:
        for target in (cls, *v.pick(src, [(), (Event,), (Article, Link)])):
            try:
                record = decode(target, line, source="fuzz:1")
            except RecordError as exc:
                assert str(exc).startswith(f"{target.__name__} from fuzz:1: "), exc
            else:
                _round_trip(record)
    errors: list[RecordError] = []
    kept = list(read_records(cls, lines, "in.jsonl", errors))
    assert len(kept) + len(errors) <= len(lines)


# ------------------------------------------------------------------ feed parser wrapper


def _rfc822(src) -> str:
    year = v.pick(src, v.YEARS)
    day = v.pick(src, ["01", "31", "00", "32", "29", "1"])
    zone = v.pick(src, ["+0000", "GMT", "+2359", "-2359", "+9999", "EST", "Z", "", "+14:00"])
    weekday = v.pick(src, ["Sat", "Fri", "Mon", "Xyz"])
    return f"{weekday}, {day} {v.pick(src, ['Jan', 'Dec', 'Feb', 'Foo'])} {year:04d} {v.pick(src, v.TIMES)} {zone}"


def _xml_text(src) -> str:
    parts = [v.pick(src, XML_PARTS) if src.ConsumeBool() else v.text(src) for _ in range(src.ConsumeIntInRange(0, 4))]
    return "".join(parts)


def _url(src) -> str:
    return v.pick(src, ["https://news.example/a", "http://[::1", "/relative", "javascript:alert(1)",
                        "https://xn--nxasmq6b.example/", "http://a.example:99999/", "//cdn.example/x",
                        "https://news.example/" + "a" * 5000, "", " https://news.example/b?utm_source=x#f",
                        "http://user:pw@host.example/", "https://news.example/%ZZ"]) + _xml_text(src)[:20]  # fmt: skip


def feed_document(src) -> bytes:
    items = []
    atom = src.ConsumeBool()
    for _ in range(src.ConsumeIntInRange(0, 4)):
        date = _rfc822(src) if src.ConsumeBool() else v.datetime_text(src)
        title, summary, guid = _xml_text(src), _xml_text(src), _xml_text(src)
        if atom:
            items.append(f'<entry><title type="html">{title}</title><link href="{_url(src)}"/>'
                         f"<summary>{summary}</summary><updated>{date}</updated><id>{guid}</id></entry>")
        else:
            items.append(f"<item><title>{title}</title><link>{_url(src)}</link><description>{summary}"
                         f"</description><pubDate>{date}</pubDate><guid>{guid}</guid></item>")
    body = "".join(items)
    prolog = v.pick(src, ['<?xml version="1.0"?>', '<?xml version="1.0" encoding="latin-1"?>', "",
                          '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '<?xml version="1.0" encoding="bogus"?>'])  # fmt: skip
    if atom:
        doc = f'{prolog}<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>{body}</feed>'
    else:
        doc = f'{prolog}<rss version="2.0"><channel><title>x</title>{body}</channel></rss>'
    return v.encoded(src, doc)


def feed(data: bytes) -> None:
    """parse_feed() on raw bytes and on RSS/Atom with hostile dates, links and text."""
    src = _provider(data)
    content_type = v.pick(src, [None, "application/rss+xml", "text/html; charset=bogus",
                                "text/xml; charset=utf-16", "application/atom+xml; charset=latin-1"])  # fmt: skip
    content = feed_document(src) if src.ConsumeBool() else src.ConsumeBytes(src.remaining_bytes())
    try:
        links = parse_feed(content, FEED, NOW, content_type=content_type)
    except FeedParseError as exc:
        assert FEED.url in str(exc), exc
        return
    for link in links:
        assert urlsplit(link.url).scheme in ("http", "https") and urlsplit(link.url).hostname, link.url
        _round_trip(link)


# ------------------------------------------------------------------ HTML extraction wrapper


def page_document(src) -> bytes:
    parts = []
    for _ in range(src.ConsumeIntInRange(0, 40)):
        kind = src.ConsumeIntInRange(0, 3)
        if kind == 0:
            parts.append(v.pick(src, HTML_PARTS))
        elif kind == 1:
            parts.append(" ".join(v.pick(src, ATTACK_WORDS) for _ in range(src.ConsumeIntInRange(1, 30))))
        elif kind == 2:
            parts.append(v.datetime_text(src))
        else:
            parts.append(v.text(src))
    return v.encoded(src, "".join(parts))


def page(data: bytes) -> None:
    """decode_page(), page_links(), detect_wall() and extract_page() on a hostile page."""
    src = _provider(data)
    declared = v.pick(src, CHARSETS)
    published = v.pick(src, [None, NOW, datetime(1900, 1, 1, tzinfo=UTC), datetime(2100, 12, 31, 23, 59, tzinfo=UTC)])
    link = Link(id="x", url=v.pick(src, ["https://news.example/a", "https://consent.example/x", "http://[::1]/"]),
                feed_url=FEED.url, feed_name=v.pick(src, ["", "News"]), published=published, discovered=NOW)
    content_type = v.pick(src, ["text/html", "text/plain"])
    content = page_document(src) if src.ConsumeBool() else src.ConsumeBytes(src.remaining_bytes())
    html = decode_page(content, declared)
    assert isinstance(html, str)
    found = page_links(html, link.url)
    assert found.canonical is None or isinstance(found.canonical, str)
    assert detect_wall(html, link.url) in (None, "paywall", "consent")
    assert detect_wall(html, link.url, v.text(src)) in (None, "paywall", "consent")
    visible_text(html)
    try:
        article = extract_page(html, content_type, link, NOW)
    except ExtractionError as exc:
        assert exc.reason == "no_text" and exc.url == link.url, exc
        return
    _round_trip(article)


# ------------------------------------------------------------------ classifier / extractor


def article_text(src) -> str:
    words = []
    for _ in range(src.ConsumeIntInRange(0, 120)):
        kind = src.ConsumeIntInRange(0, 7)
        if kind <= 4:
            words.append(v.pick(src, ATTACK_WORDS))
        elif kind == 5:
            words.append(str(v.pick(src, [0, 1, 3, 12, 999, 10_000_000, 10**20, 2**63])))
        elif kind == 6:
            words.append(v.pick(src, [". ", ".\n\n", ", ", " - ", '"', "'s"]))
        else:
            words.append(v.text(src, 12))
    return " ".join(words)


def extract(data: bytes) -> None:
    """candidate_events() (classify + extract) on articles made of attack-report words."""
    src = _provider(data)
    published = v.pick(src, [None, NOW, datetime(1900, 1, 1, tzinfo=UTC), datetime(1900, 1, 31, 5, tzinfo=UTC),
                             datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC), datetime(2024, 2, 29, tzinfo=UTC)])  # fmt: skip
    article = Article(id=v.pick(src, ["a1", "a2"]), url="https://news.example/a", title=article_text(src)[:200],
                      text=article_text(src), published=published, language=v.pick(src, ["", "en", "ar"]),
                      outlet=v.pick(src, ["", "News"]))  # fmt: skip
    events = candidate_events(article, METRICS, min_confidence=v.pick(src, [0.0, 0.5, 1.0]))
    for event in events:
        assert isinstance(event, Event)
        _round_trip(event)
    if src.ConsumeIntInRange(0, 15) == 15:  # the command as well (slower: it writes JSON)
        _run_stream(extract_stream, [article.to_bytes(), record_line(src, Article)])


# ------------------------------------------------------------------ dedup

PLACES = [("Kyiv", "UA", 50.45, 30.52), ("Kharkiv", "UA", 49.99, 36.23), ("Gaza", "PS", 31.5, 34.47),
          ("North Pole", "", 90.0, 0.0), ("Date line", "FJ", -16.5, 180.0), ("Antimeridian", "FJ", -16.5, -180.0),
          ("South Pole", "AQ", -90.0, -180.0), ("Null Island", "", 0.0, -0.0), ("", "IQ", None, None)]  # fmt: skip


def event_object(src) -> dict:
    name, country, lat, lon = v.pick(src, PLACES)
    obj = v.record(src, Event) if src.ConsumeIntInRange(0, 4) == 4 else {}
    obj.setdefault("event_type", v.pick(src, list(EVENT_TYPES[:4])))
    obj.setdefault("id", v.pick(src, ["a1", "a2", "a3", ""]))
    if src.ConsumeIntInRange(0, 5):
        obj["date"] = v.pick(src, ["1900-01-01", "1900-01-02", "2100-12-31", "2100-12-30", "2024-03-01", "2024-03-02"])
    if src.ConsumeIntInRange(0, 3):
        obj["location"] = {"name": name, "country": country, "lat": lat, "lon": lon,
                           "precision": v.pick(src, ["site", "city", "country"])}  # fmt: skip
    for count in ("killed", "injured"):
        if src.ConsumeBool():
            obj[count] = v.pick(src, [0, 1, 5, 10_000_000])
    if src.ConsumeBool():
        obj["perpetrator"] = {"name": v.pick(src, ["Russia", "Hamas", "", "Islamic State"])}
    if src.ConsumeBool():
        obj["first_seen"] = v.pick(src, ["1900-01-01T00:00:00Z", "2100-12-31T23:59:59Z", "2024-03-01T12:00:00Z"])
    obj.setdefault("summary", " ".join(v.pick(src, ATTACK_WORDS) for _ in range(src.ConsumeIntInRange(0, 12))))
    obj.setdefault("confidence", v.pick(src, [0.0, 0.5, 1.0]))
    return obj


def dedup(data: bytes) -> None:
    """Events through the dedup state, deduplicate() and the dedup command."""
    src = _provider(data)
    window = v.pick(src, [0, 1, 3, 365]) if src.ConsumeBool() else src.ConsumeIntInRange(0, 365)
    objects = [event_object(src) for _ in range(src.ConsumeIntInRange(1, 8))]
    events = []
    for obj in objects:
        try:
            events.append(decode(Event, obj, source="fuzz"))
        except RecordError:
            pass
    state, known = memory_state(window), []
    for event in events:
        decision = state.add(event)
        assert decision.status in ("new", "update", "duplicate"), decision
        _round_trip(decision.event)
        listed, known = deduplicate(event, known, window)
        assert listed.status in ("new", "update", "duplicate"), listed
    if src.ConsumeIntInRange(0, 3) == 3:
        lines = [v.encoded(src, v.dumps(obj if src.ConsumeBool() else {"id": "a9", "events": [obj]}))
                 for obj in objects]  # fmt: skip
        _run_stream(dedup_stream, lines, window_days=window)


# ------------------------------------------------------------------ subscriptions loader


def _yaml_node(src, depth: int) -> str:
    indent = "  " * depth
    kind = src.ConsumeIntInRange(0, 2 if depth < 6 else 0)
    if kind == 0:
        return v.pick(src, YAML_SCALARS) if src.ConsumeIntInRange(0, 3) else json.dumps(v.text(src))
    if kind == 1:
        items = [f"{indent}- {_yaml_node(src, depth + 1).lstrip()}" for _ in range(src.ConsumeIntInRange(0, 3))]
        return "\n" + "\n".join(items)
    pairs = [f"{indent}{v.pick(src, YAML_KEYS)}: {_yaml_node(src, depth + 1)}" for _ in range(src.ConsumeIntInRange(0, 5))]
    return "\n" + "\n".join(pairs)


def subscriptions_document(src) -> str:
    if src.ConsumeIntInRange(0, 19) == 19:  # deep flow nesting (PyYAML takes ~1 s past 300 levels)
        depth = v.pick(src, [100, 1000, 60_000])
        return "subscriptions: " + "[" * depth + "]" * (depth if src.ConsumeBool() else 0) + "\n"
    return f"subscriptions: {_yaml_node(src, 1)}\n"


_TMP = Path(tempfile.mkdtemp(prefix="strikewatch-fuzz-"))


def subscriptions(data: bytes) -> None:
    """parse_subscriptions() on hostile YAML; load_subscriptions() on bytes that may not be UTF-8."""
    src = _provider(data)
    kind = src.ConsumeIntInRange(0, 3)
    try:
        if kind == 0:
            path = _TMP / "subs.yaml"
            path.write_bytes(src.ConsumeBytes(src.remaining_bytes()))
            subs = load_subscriptions(path)
        else:
            doc = subscriptions_document(src) if kind > 1 else src.ConsumeUnicode(src.remaining_bytes())
            subs = parse_subscriptions(doc, "subs.yaml")
    except SubscriptionsError as exc:
        assert str(exc), exc
        return
    for sub in subs:
        sub.model_dump_json()


TARGETS = {
    "records": records,
    "feed": feed,
    "page": page,
    "extract": extract,
    "dedup": dedup,
    "subscriptions": subscriptions,
}

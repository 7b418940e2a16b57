"""Every crash the fuzz targets found, as its smallest input (docs/reliability.md, issue #17).

Each test is named after what the input is; the comment says which target found it and
what escaped before the fix. No atheris needed: these run in every test run.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from strikewatch.cli.dedup import dedup_stream
from strikewatch.core.records import Actor, Article, Event, Link, RecordError, decode
from strikewatch.processors.extract import analyse
from strikewatch.producers.fetcher import ExtractionError, extract_article
from strikewatch.producers.pages import decode_page

NOW = datetime(2024, 3, 1, tzinfo=UTC)
LINK = Link(id="x", url="https://news.example/a", discovered=NOW)


# records: decode() accepted the text, then to_bytes() raised PydanticSerializationError
# ("surrogates not allowed"), so the record could never be sent on.
@pytest.mark.parametrize(
    "line",
    [
        r'{"id": "a", "title": "\ud800"}',
        r'{"id": "a", "text": "ok \udfff ok", "author": "\ud83d"}',
    ],
)
def test_json_escape_of_a_lone_surrogate_decodes_to_a_record_that_can_be_sent(line):
    article = decode(Article, line)
    assert "\ufffd" in article.title + article.text + article.author
    assert decode(Article, article.to_bytes()) == article


def test_lone_surrogates_in_nested_records_and_lists_are_replaced():
    event = decode(
        Event,
        r'{"event_type": "shelling", "perpetrator": {"name": "\ud800", "aliases_matched": ["\udc00"]},'
        r' "evidence": [{"field": "summary", "text": "\ud800x", "start": 0, "end": 2}]}',
    )
    assert event.perpetrator == Actor(name="\ufffd", aliases_matched=["\ufffd"])
    assert event.evidence[0].text == "\ufffdx"
    assert decode(Event, event.to_bytes()) == event


def test_a_record_built_from_a_utf7_page_with_a_lone_surrogate_can_be_sent():
    text = b"+2AA-".decode("utf-7")  # a charset a page may declare; decodes to "\ud800"
    assert Article(id="a", text=text).to_bytes() == b'{"schema":"strikewatch.article/1","id":"a","url":"","title":"","text":"\xef\xbf\xbd","published":null,"outlet":"","author":"","language":"","fetched":null,"discovered":null,"canonical_url":""}'


# records: json.loads raises a plain ValueError (not JSONDecodeError) for an integer of
# more than 4,300 digits; it escaped decode() and ended `strikewatch dedup`.
def test_an_integer_of_5000_digits_is_a_record_error():
    line = '{"event_type": "shelling", "killed": ' + "9" * 5000 + "}"
    with pytest.raises(RecordError, match=r"^Event from stdin:1: not JSON \(Exceeds the limit"):
        decode(Event, line, source="stdin:1")
    out = io.StringIO()
    good = json.dumps({"event_type": "shelling", "id": "a1"})
    assert dedup_stream(io.BytesIO(f"{line}\n{good}\n".encode()), out) == 0
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["a1"]


# page: a page that names a codec which raises UnicodeError (not UnicodeDecodeError) in
# its <meta charset> or Content-Type made decode_page() raise.
def test_a_charset_whose_codec_raises_unicode_error_falls_back():
    page = b"\xff<meta charset=undefined><p>caf\xe9</p>"
    assert "<p>caf" in decode_page(page, None)
    assert "<p>caf" in decode_page(page, "undefined")


# page: lxml's drop_tree() asserts the element has a parent; htmldate called it on a
# <script> that this page makes the root, and the AssertionError left extract_article().
def test_a_page_whose_script_becomes_the_root_of_the_tree_has_no_text():
    with pytest.raises(ExtractionError) as err:
        extract_article("\xa0<script><a<html>", LINK, NOW)
    assert err.value.reason == "no_text" and err.value.url == LINK.url


# extract: a casualty figure past MAX_COUNT went into Event(killed=...), whose validation
# error left analyse(); one of over 4,300 digits raised ValueError in int().
@pytest.mark.parametrize("figure", ["99999999999999999999", "20000000", "9" * 5000])
def test_a_casualty_figure_no_record_may_carry_is_not_extracted(figure):
    analysis = analyse(Article(id="a", text=f"A drone strike killed {figure} people."))
    assert analysis.is_attack
    assert [e.killed for e in analysis.events] == [None]


def test_a_casualty_figure_at_max_count_is_still_extracted():
    analysis = analyse(Article(id="a", text="A drone strike killed 10,000,000 people."))
    assert [e.killed for e in analysis.events] == [10_000_000]


# extract: a day phrase resolved against an article dated at the edge of the records'
# range fell outside it (31 December 1899), and Event(date=...) raised in analyse().
@pytest.mark.parametrize(
    "published, text",
    [
        (datetime(1900, 1, 1, tzinfo=UTC), "A missile strike killed 3 people on 31 December."),
        (datetime(1900, 1, 1, tzinfo=UTC), "A missile strike killed 3 people yesterday."),
        (datetime(1900, 1, 2, tzinfo=UTC), "A missile strike killed 3 people last week."),
    ],
)
def test_an_event_day_before_1900_gives_way_to_the_article_day(published, text):
    analysis = analyse(Article(id="a", text=text, published=published))
    assert analysis.is_attack
    assert [e.date for e in analysis.events] == [published.date()]


def test_an_event_day_in_range_is_still_resolved_at_the_edge():
    published = datetime(1900, 1, 2, tzinfo=UTC)
    analysis = analyse(Article(id="a", text="A missile strike killed 3 people yesterday.", published=published))
    assert [e.date.isoformat() for e in analysis.events] == ["1900-01-01"]


# subscriptions: PyYAML's int() raised ValueError for an integer of over 4,300 digits,
# and it left parse_subscriptions(). The strict loader (strikewatch/core/strict_yaml.py)
# now turns it into a YAML error with the line.
def test_a_yaml_integer_of_5000_digits_is_a_subscriptions_error():
    from strikewatch.sinks.subscriptions import SubscriptionsError, parse_subscriptions

    doc = "subscriptions:\n  - id: a\n    channels: [{type: console}]\n    filters: {min_killed: " + "1" * 5000 + "}\n"
    with pytest.raises(SubscriptionsError, match=r"^subs\.yaml:4: "):
        parse_subscriptions(doc, "subs.yaml")


# feed (long run): parse_feed() kept an item link with an http scheme and no host, which
# its callers take for a fetchable URL. Now the link needs a host (else the next
# candidate link of the entry, or none).
@pytest.mark.parametrize("url", ["http:/host.example/a", "http:\u00e2//host.example/a"])
def test_an_item_link_without_a_host_is_not_a_link(url):
    from strikewatch.producers.feedparse import parse_feed
    from strikewatch.producers.feeds import Feed

    doc = f'<rss version="2.0"><channel><item><title>t</title><link>{url}</link></item></channel></rss>'
    links = parse_feed(doc.encode(), Feed(url="https://news.example/feed.xml"), NOW)
    assert all(link.url.startswith(("http://", "https://")) for link in links), links


# extract (long run): "10,000,000 people and a policeman" counts one more victim through
# the "a"/"another" guard, which skipped the MAX_COUNT bound: 10,000,001 left analyse()
# as a validation error. Now the sum is no count; the figure itself still is.
def test_max_count_victims_and_one_more_keeps_the_figure_itself():
    analysis = analyse(Article(id="a", text="Gunmen killed 10000000 people and a policeman."))
    assert analysis.is_attack
    assert [e.killed for e in analysis.events] == [10_000_000]

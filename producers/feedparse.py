"""Feed bytes to links: :func:`parse_feed` is pure (bytes in, links out).

feedparser does the parsing; this module removes declared entities first (no billion
laughs, no external entities), reads at most ``max_items`` items
(:func:`keep_first_items`), and turns each entry into a :class:`Link` with a clean
title and summary and a date within 1900-2100.
"""

from __future__ import annotations

import calendar
import io
import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan
import feedparser
import lxml.html
from lxml.etree import ParserError

from strikewatch.core.records import MAX_YEAR, MIN_YEAR, Link
from strikewatch.producers.feeds import Feed

log = logging.getLogger(__name__)

#: Longest feed summary kept on a link, in characters.
SUMMARY_CHARS = 500

#: Items read from one feed by :func:`parse_feed` unless told otherwise.
MAX_FEED_ITEMS = 1000

#: Where a document type declaration may stand: before the root element, near the start.
PROLOG_BYTES = 65_536
_SUBSET_END = re.compile(rb"\]\s*>")

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


#: The start of an RSS ``<item>`` or Atom ``<entry>`` (any namespace prefix, any case).
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])", re.IGNORECASE)
#: Start and end tags before the first item: names only, comments and declarations skipped.
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)(?:[^>]*?)(/?)>")


def keep_first_items(content: bytes, max_items: int) -> tuple[bytes, int]:
    """``content`` with only its first ``max_items`` items, and how many were dropped.

    Item starts are found by a pattern, not a parser: text like ``<item`` inside CDATA
    counts too, which can only move the cut earlier, never let more items through.
    """
    starts = [m.start() for m in _ITEM_START.finditer(content)]
    if len(starts) <= max_items:
        return content, 0
    open_tags: list[bytes] = []
    prefix = re.sub(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!][^>]*>", b"", content[: starts[0]], flags=re.S)
    for closing, name, empty in _TAG.findall(prefix):
        if empty:
            continue
        if not closing:
            open_tags.append(name)
        elif name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
    tail = b"".join(b"</" + name + b">" for name in reversed(open_tags))
    cut = starts[max_items] if max_items else starts[0]
    return content[:cut] + tail, len(starts) - max_items


class FeedParseError(ValueError):
    """The content is not an RSS/Atom feed."""

    reason = "parse_error"


def canonical_url(url: str) -> str:
    """The URL as an item identity: tracking parameters (courlan's list) and fragment removed,
    host lower-case, default port dropped, query parameters sorted."""
    url = url.strip()
    try:
        normalized = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        normalized = url  # courlan refuses a few odd URLs; the fallback below still cleans them
    parts = urlsplit(normalized)
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k and not _TRACKING_PARAMS.match(k)
        ]
    )
    host = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))




def parse_feed(
    content: bytes,
    feed: Feed,
    now: datetime,
    *,
    base_url: str | None = None,
    content_type: str | None = None,
    max_items: int | None = MAX_FEED_ITEMS,
) -> list[Link]:
    """Parse RSS/Atom ``content`` into links (entries without a link are skipped).

    ``base_url`` (default: the feed URL) resolves relative links; only the first
    ``max_items`` items are read (:func:`keep_first_items`). Raises
    :class:`FeedParseError` naming the feed URL when the content is not a feed.
    """
    headers = {"content-location": base_url or feed.url}
    if content_type:
        headers["content-type"] = content_type
    content = without_entity_declarations(content)
    if max_items is not None:
        content, dropped = keep_first_items(content, max_items)
        if dropped:
            log.warning("feed items dropped feed=%s kept=%d dropped=%d", feed.url, max_items, dropped)
    try:
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    except (ValueError, OverflowError, LookupError, AttributeError, TypeError) as exc:
        # Bugs of feedparser on malformed feeds, found by tests/security/test_fuzz.py:
        # "&#2000000;" (ValueError from chr), "<link></ITEM</link>" (KeyError 'links' and
        # AttributeError in its loose parser).
        raise FeedParseError(
            f"{feed.url}: not a readable feed ({type(exc).__name__}: {exc})"
        ) from None
    if not parsed.entries and not parsed.get("version"):
        cause = parsed.get("bozo_exception")
        detail = f" ({cause})" if cause else ""
        raise FeedParseError(f"{feed.url}: not an RSS or Atom feed{detail}")
    feed_name = feed.name or _clean_text(parsed.feed.get("title", ""))
    links = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link is None:
            log.debug(
                "feed entry without link skipped feed=%s title=%r", feed.url, entry.get("title", "")
            )
            continue
        guid = (entry.get("id") or "").strip()
        links.append(
            Link(
                id=guid or canonical_url(link),
                url=link,
                title=_clean_text(entry.get("title", "")),
                summary=_clean_text(entry.get("summary", ""), SUMMARY_CHARS),
                published=_entry_time(entry),
                feed_url=feed.url,
                feed_name=feed_name,
                discovered=now,
            )
        )
    return links


def without_entity_declarations(content: bytes) -> bytes:
    """The feed without an internal DTD subset that declares entities.

    Feeds have no use for their own entities; expat would expand them (billion laughs)
    up to a hundred times the document's size before its own guard stops it. Without
    the declarations feedparser reads the entities as unknown, like ``&nbsp;``.
    """
    head = content[:PROLOG_BYTES]
    start = head.find(b"<!DOCTYPE")
    if start < 0 or b"<!ENTITY" not in content:
        return content
    subset = head.find(b"[", start)
    closing = head.find(b">", start)
    if subset < 0 or 0 <= closing < subset:
        return content  # no internal subset: nothing is declared in this document
    end = _SUBSET_END.search(content, subset)
    if end is None:
        return content[:start]  # never closed: nothing after it is a feed
    return content[:start] + content[end.end() :]


def _entry_link(entry: Mapping) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        alt.get("href")
        for alt in entry.get("links", [])
        if alt.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        try:
            parts = urlsplit(candidate.strip())
        except ValueError:  # e.g. an unclosed IPv6 literal
            continue
        # "http:/host.example/a" has a scheme but no host: not a fetchable link
        if parts.scheme in ("http", "https") and parts.hostname:
            return candidate.strip()
    return None


def _entry_time(entry: Mapping) -> datetime | None:
    # feedparser normalises *_parsed to UTC struct_time.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if MIN_YEAR <= moment.year <= MAX_YEAR:  # else not a date a record may carry
                return moment
    return None


def _clean_text(value: str, limit: int | None = None) -> str:
    """Text of an HTML fragment, whitespace collapsed, cut at ``limit`` characters."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        try:
            value = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
        except (ParserError, ValueError):
            pass  # not parseable as HTML: keep the raw text
    value = _SPACE.sub(" ", value).strip()
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rsplit(" ", 1)[0] + "…"
    return value

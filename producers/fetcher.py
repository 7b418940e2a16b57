"""Fetch article pages and extract their text as :class:`~strikewatch.records.Article`.

:func:`extract_article` is pure (HTML in, article out, using trafilatura).
:class:`ArticleFetcher` is the shell: a guarded GET, content-type check and the
extraction. One bad page never raises out of :meth:`ArticleFetcher.fetch`; it
is logged, counted and yields ``None``.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import httpx
import trafilatura

from producers.http import FetchError, FetchResult, fetch_bytes, make_client
from strikewatch.metrics import Metrics
from strikewatch.records import Article, Link, url_hash, utcnow
from strikewatch.settings import ProducerSettings

log = logging.getLogger(__name__)

#: Media types accepted as article pages (a missing Content-Type is accepted too).
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

#: Shorter extractions are leftovers (a menu item, a "Loading…"), not an article.
MIN_TEXT_CHARS = 40

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"


class ExtractionError(ValueError):
    """No article could be extracted from a page."""

    def __init__(self, reason: str, url: str, message: str):
        self.reason = reason
        self.url = url
        super().__init__(message)


def extract_article(html: str | bytes, link: Link, fetched: datetime) -> Article:
    """Extract the main text and metadata of an article page.

    The title, date and outlet fall back to the feed item's. Raises
    :class:`ExtractionError` (reason ``no_text``) when the page has no text.
    """
    doc = trafilatura.bare_extraction(
        html,
        url=link.url,
        fast=True,
        # Precision over recall: boilerplate in the text misleads the classifier downstream.
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError("no_text", link.url, f"{link.url}: no article text found in the page")
    return Article(
        id=url_hash(link.url),
        url=link.url,
        title=(doc.title or "").strip() or link.title,
        text=text,
        published=_published(doc.date, link.published),
        outlet=_outlet(doc.sitename, link),
        author=(doc.author or "").strip(),
        fetched=fetched,
        discovered=link.discovered,
    )


def _published(extracted: str | None, from_feed: datetime | None) -> datetime | None:
    """The page's date wins; the feed's timestamp supplies the time of day when the days agree."""
    try:
        day = date.fromisoformat(extracted[:10]) if extracted else None
    except ValueError:
        day = None
    if day is None:
        return from_feed
    if from_feed is not None and from_feed.astimezone(UTC).date() == day:
        return from_feed
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _outlet(sitename: str | None, link: Link) -> str:
    """The page's site name; the feed name when trafilatura only knows the host name."""
    sitename = (sitename or "").strip()
    host = (urlsplit(link.url).netloc or "").lower()
    if not sitename or sitename.lower() in (host, host.removeprefix("www.")):
        return link.feed_name or sitename
    return sitename


def plain_text_page(text: str) -> str:
    """Wrap a text/plain body as HTML paragraphs so it can be extracted like a page."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<html><body><article>{body}</article></body></html>"


class ArticleFetcher:
    """Downloads article pages (guarded) and extracts them."""

    def __init__(
        self, settings: ProducerSettings, metrics: Metrics, client: httpx.Client | None = None
    ):
        self.settings = settings
        self.metrics = metrics
        self._own_client = client is None
        self.client = client if client is not None else make_client(settings)

    def close(self) -> None:
        """Close the HTTP client if this fetcher created it."""
        if self._own_client:
            self.client.close()

    def __enter__(self) -> ArticleFetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch(self, link: Link) -> Article | None:
        """The article behind ``link``, or ``None`` (logged and counted) when it fails."""
        with self.metrics.stage_seconds.labels(stage="fetch").time():
            try:
                article = self._fetch(link)
            except (FetchError, ExtractionError) as exc:
                reason, message = exc.reason, str(exc)
            except Exception:
                # A bug, not a bad page: keep the traceback, but keep fetching the others.
                log.exception("article fetch crashed url=%s", link.url)
                reason, message = "processing_error", "unexpected error"
            else:
                self.metrics.articles.labels(outcome="ok").inc()
                log.debug("article fetched url=%s chars=%s", link.url, len(article.text))
                return article
        log.warning("article fetch failed url=%s reason=%s: %s", link.url, reason, message)
        self.metrics.articles.labels(outcome="failed").inc()
        self.metrics.fail("fetch", reason)
        return None

    def fetch_many(self, links: Iterable[Link]) -> list[Article]:
        """Articles of ``links`` (failures left out), ``settings.fetch_concurrency`` at a time."""
        links = list(links)
        if not links:
            return []
        workers = min(len(links), self.settings.fetch_concurrency)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            return [article for article in pool.map(self.fetch, links) if article is not None]

    def _fetch(self, link: Link) -> Article:
        result = fetch_bytes(
            self.client, link.url, self.settings, {"Accept": PAGE_ACCEPT}, PAGE_TYPES
        )
        if result.status == 304:
            raise FetchError(
                "http_status", link.url, f"HTTP 304 from {link.url} to an unconditional GET"
            )
        page = _page_text(result)
        if result.content_type == "text/plain":
            if isinstance(page, bytes):
                page = page.decode("utf-8", errors="replace")
            page = plain_text_page(page)
        return extract_article(page, link, utcnow())


def _page_text(result: FetchResult) -> str | bytes:
    """The body decoded with the HTTP charset, or raw bytes for trafilatura to sniff."""
    charset = result.charset
    if charset:
        try:
            return result.content.decode(charset, errors="replace")
        except LookupError:
            log.debug(
                "unknown charset %r from %s; letting the parser detect it", charset, result.url
            )
    return result.content

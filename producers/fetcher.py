"""Fetch article pages and extract their text as :class:`~strikewatch.core.records.Article`.

:func:`extract_article` is pure (HTML in, article out, using trafilatura).
:class:`ArticleFetcher` is the shell: a guarded GET, content-type check and the
extraction. One bad page never raises out of :meth:`ArticleFetcher.fetch`; it
is logged, counted and yields ``None``.
"""

from __future__ import annotations

import asyncio
import html
import logging
import multiprocessing
import re
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from functools import partial
from urllib.parse import urlsplit

import httpx
import trafilatura

from strikewatch.core.metrics import Metrics
from strikewatch.core.records import MAX_YEAR, MIN_YEAR, Article, Link, url_hash
from strikewatch.core.settings import ProducerSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.http import FetchError, FetchResult, afetch_bytes, make_async_client
from strikewatch.producers.metrics import producer_metrics
from strikewatch.producers.pages import decode_page, detect_wall, page_links
from strikewatch.producers.robots import RobotsCache
from strikewatch.producers.schedule import HostLimiter

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

    def __reduce__(self):  # raised in extraction processes: must pickle
        return (type(self), (self.reason, self.url, str(self)))


def extract_article(html: str | bytes, link: Link, fetched: datetime) -> Article:
    """Extract the main text and metadata of an article page.

    The title, date and outlet fall back to the feed item's. Raises
    :class:`ExtractionError` (reason ``no_text``) when the page has no text.
    """
    try:
        doc = _bare_extraction(html, link)
    except AssertionError:
        # lxml's drop_tree() asserts that the element has a parent; htmldate calls it on
        # a <script> that a broken page turned into the root ("\xa0<script><a<html>")
        raise ExtractionError(
            "no_text", link.url, f"{link.url}: the page could not be parsed for its text"
        ) from None
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
        language=(doc.language or "").strip()[:2].lower(),
        fetched=fetched,
        discovered=link.discovered,
    )


def _bare_extraction(html: str | bytes, link: Link):
    return trafilatura.bare_extraction(
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


def _published(extracted: str | None, from_feed: datetime | None) -> datetime | None:
    """The page's date wins; the feed's timestamp supplies the time of day when the days agree."""
    try:
        day = date.fromisoformat(extracted[:10]) if extracted else None
    except ValueError:
        day = None
    if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
        day = None  # not a date a record may carry (and not a real article's)
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


def extract_page(page: str, content_type: str, link: Link, fetched: datetime) -> Article:
    """:func:`extract_article` of a decoded page (text/plain wrapped); runs in the extraction pool."""
    if content_type == "text/plain":
        page = plain_text_page(page)
    return extract_article(page, link, fetched)


class ArticleFetcher:
    """Downloads article pages politely (robots.txt, per-host pause) and extracts them off the loop.

    :meth:`afetch` runs on an asyncio loop; :meth:`fetch` and :meth:`fetch_many`
    are blocking wrappers. Extraction runs in a process pool
    (``settings.extract_workers``; 0 means a thread) so it never blocks polling.
    """

    def __init__(
        self,
        settings: ProducerSettings,
        metrics: Metrics,
        client: httpx.AsyncClient | None = None,
        limiter: HostLimiter | None = None,
    ):
        self.settings = settings
        self.metrics = metrics
        self.pmetrics = producer_metrics(metrics)
        self.client = client
        self.limiter = limiter or HostLimiter(
            settings.host_delay_seconds, settings.host_concurrency
        )
        self.robots = RobotsCache(settings, self.limiter) if settings.robots_txt else None
        self._pool: ProcessPoolExecutor | None = None

    def close(self) -> None:
        """Stop the extraction processes."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ArticleFetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch(self, link: Link) -> Article | None:
        """The article behind ``link``, or ``None`` (logged and counted) when it fails."""
        articles = self.fetch_many([link])
        return articles[0] if articles else None

    def fetch_many(self, links: Iterable[Link]) -> list[Article]:
        """Articles of ``links`` (failures left out), in order; blocks until all are done."""
        links = list(links)
        if not links:
            return []
        return asyncio.run(self._fetch_many(links))

    async def _fetch_many(self, links: list[Link]) -> list[Article]:
        connections = min(len(links), self.settings.fetch_concurrency)
        async with make_async_client(self.settings, connections) as client:
            return await self.afetch_many(links, client)

    async def afetch_many(self, links: Iterable[Link], client: httpx.AsyncClient) -> list[Article]:
        """Articles of ``links`` on the running loop, ``settings.fetch_concurrency`` at a time."""
        gate = asyncio.Semaphore(self.settings.fetch_concurrency)

        async def one(link: Link) -> Article | None:
            async with gate:
                return await self.afetch(link, client)

        results = await asyncio.gather(*(one(link) for link in links))
        return [article for article in results if article is not None]

    async def afetch(self, link: Link, client: httpx.AsyncClient | None = None) -> Article | None:
        """One article on the running loop; ``None`` (logged and counted) when it fails."""
        client = client or self.client
        if client is None:
            raise RuntimeError("ArticleFetcher.afetch needs an httpx.AsyncClient")
        started = time.monotonic()
        try:
            article = await self._afetch(link, client)
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
        finally:
            self.metrics.stage_seconds.labels(stage="fetch").observe(time.monotonic() - started)
        log.warning("article fetch failed url=%s reason=%s: %s", link.url, reason, message)
        self.metrics.articles.labels(outcome="failed").inc()
        self.metrics.fail("fetch", reason)
        return None

    async def _afetch(self, link: Link, client: httpx.AsyncClient) -> Article:
        result, page = await self._get_page(client, link.url, link.url)
        found = page_links(page, result.url)
        if found.is_amp and found.canonical and found.canonical != result.url:
            # An AMP page: the canonical page is the article proper (followed once).
            log.debug(
                "amp page, following canonical url=%s canonical=%s", link.url, found.canonical
            )
            result, page = await self._get_page(client, found.canonical, link.url)
        try:
            article = await self._extract(page, result, link)
        except ExtractionError as exc:
            if exc.reason != "no_text" or not found.amphtml or found.is_amp:
                raise
            # Script-rendered pages often have a static AMP version (followed once).
            log.debug("no text, trying the amp version url=%s amp=%s", link.url, found.amphtml)
            result, page = await self._get_page(client, found.amphtml, link.url)
            article = await self._extract(page, result, link)
        if found.canonical:
            article = article.model_copy(update={"canonical_url": found.canonical})
        return article

    async def _get_page(
        self, client: httpx.AsyncClient, url: str, item_url: str
    ) -> tuple[FetchResult, str]:
        """A page's response and decoded text, after robots.txt, politeness and wall checks."""
        if self.robots is not None and not await self.robots.allowed(client, url):
            raise FetchError("robots_disallowed", item_url, f"{url}: disallowed by robots.txt")
        async with self.limiter.slot(urlsplit(url).hostname or ""):
            result = await afetch_bytes(
                client, url, self.settings, {"Accept": PAGE_ACCEPT}, PAGE_TYPES
            )
        self.pmetrics.bytes.labels(stage="fetch").inc(len(result.content))
        if result.status == 304:
            raise FetchError(
                "http_status", item_url, f"HTTP 304 from {url} to an unconditional GET"
            )
        page = decode_page(result.content, result.charset)
        wall = detect_wall(page, result.url)
        if wall is not None:
            raise ExtractionError(wall, item_url, f"{url}: a {wall} page, not the article")
        return result, page

    async def _extract(self, page: str, result: FetchResult, link: Link) -> Article:
        """Extract off the loop; a short text that is a paywall or consent notice is a wall."""
        try:
            article = await self._run_extraction(page, result.content_type, link)
        except ExtractionError as exc:
            wall = detect_wall(page, result.url, "") if exc.reason == "no_text" else None
            if wall is None:
                raise
            raise ExtractionError(
                wall, link.url, f"{result.url}: a {wall} page, not the article"
            ) from None
        wall = detect_wall(page, result.url, article.text)
        if wall is not None:
            raise ExtractionError(wall, link.url, f"{result.url}: a {wall} page, not the article")
        return article

    async def _run_extraction(self, page: str, content_type: str, link: Link) -> Article:
        job = partial(extract_page, page, content_type, link, utcnow())
        if self.settings.extract_workers <= 0:
            return await asyncio.to_thread(job)
        if self._pool is None:
            # spawn, not fork: the services run Kafka client threads that must not be forked.
            self._pool = ProcessPoolExecutor(
                self.settings.extract_workers, mp_context=multiprocessing.get_context("spawn")
            )
        return await asyncio.get_running_loop().run_in_executor(self._pool, job)

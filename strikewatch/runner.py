"""`strikewatch run`: every stage in one process, no broker.

The same pure functions as the Kafka services, wired with plain calls:
poll feeds -> fetch articles -> classify/extract -> dedup (local store) -> alerts.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO

from strikewatch.core.errors import UsageError
from strikewatch.core.metrics import Metrics, serve_metrics
from strikewatch.core.records import Event
from strikewatch.core.settings import RunSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.processors.core import candidate_events_or_copy
from strikewatch.processors.dedup.state import sqlite_state
from strikewatch.processors.neardup import NearDuplicateIndex
from strikewatch.producers.feeds import Feed, FeedsFileError, load_feeds
from strikewatch.producers.fetcher import ArticleFetcher
from strikewatch.producers.poller import FeedPoller, SeenStore
from strikewatch.sinks.alerting import AlertSink

log = logging.getLogger(__name__)

#: Longest one polling cycle may take beyond the wait between cycles, before /healthz fails.
CYCLE_DEADLINE_SECONDS = 900.0

#: Links fetched and processed at a time within one cycle (memory follows this, not the
#: number of new links).
BATCH_LINKS = 200



@dataclass
class CycleReport:
    feeds_ok: int = 0
    """Feeds that answered (new items or not modified)."""
    feeds_failed: dict[str, int] = field(default_factory=dict)
    """Failed feeds by reason (blocked_address, timeout, ...)."""
    links: int = 0
    articles: int = 0
    candidates: int = 0
    alerts: int = 0


class Pipeline:
    """The stages of one process, kept between polling cycles."""

    def __init__(self, settings: RunSettings, metrics: Metrics, stream: IO[str] | None = None,
                 archive_db=None):
        self.settings = settings
        self.metrics = metrics
        self.seen = SeenStore(settings.data_dir / "seen.sqlite3")
        self.poller = FeedPoller(settings, metrics, self.seen)
        self.fetcher = ArticleFetcher(settings, metrics)
        # known events persist in data_dir (a replay gets a fresh temporary data_dir)
        self.dedup = sqlite_state(settings.data_dir / "dedup.sqlite3", settings.dedup_window_days)
        self.near_duplicates = NearDuplicateIndex()
        # archive + subscriptions + delivery
        self.alerts = AlertSink(settings, metrics, stream, archive_db=archive_db)

    def cycle(self, feeds: list[Feed]) -> CycleReport:
        """Poll every feed once and push everything new through every stage."""
        report = CycleReport()
        results = self.poller.poll_all_results(feeds)
        links = [link for result in results for link in result.links]
        for result in results:
            if result.outcome in ("ok", "not_modified"):
                report.feeds_ok += 1
            elif result.outcome == "error":
                report.feeds_failed[result.reason] = report.feeds_failed.get(result.reason, 0) + 1
        report.links = len(links)
        # Oldest first, so the first report of an event opens it and later ones update it.
        links.sort(key=lambda link: (link.published or link.discovered or utcnow(), link.id))
        # Pages are fetched, processed and alerted a batch at a time, so memory follows the
        # batch, not the number of new links (a first poll of many feeds brings
        # thousands), and the first alerts go out after one batch, not the whole cycle.
        # Reports of one event within a batch make one alert with the event's latest
        # state: "new" if the event opened in this batch, else "update".
        for start in range(0, len(links), BATCH_LINKS):
            articles = self.fetcher.fetch_many(links[start:start + BATCH_LINKS])
            report.articles += len(articles)
            articles.sort(key=lambda a: (a.published or a.fetched or utcnow(), a.id))
            touched: dict[str, Event] = {}
            opened: set[str] = set()
            for article in articles:
                self._process(article, report, touched, opened)
            del articles
            for event_id, event in touched.items():
                status = "new" if event_id in opened else "update"
                event = event.model_copy(update={"status": status})
                self.metrics.events.labels(status=status).inc()
                self.alerts.alert(event)
                report.alerts += 1
            self.alerts.flush()
        self.seen.expire(utcnow() - timedelta(days=self.settings.seen_ttl_days))
        return report

    def close(self) -> None:
        """Stop the parser and extraction processes; close the stores."""
        self.poller.close()
        self.fetcher.close()
        self.seen.close()
        self.alerts.close()

    def _process(self, article, report: CycleReport, touched: dict[str, Event], opened: set[str]) -> None:
        """Classify, extract and deduplicate one article; archive what changed."""
        for candidate in candidate_events_or_copy(
            article, self.near_duplicates, self.metrics, self.settings.min_confidence
        ):
            report.candidates += 1
            decision = self.dedup.add(candidate)
            self.metrics.candidates.labels(outcome=decision.status).inc()
            if decision.status == "new":
                opened.add(decision.event_id)
                self.metrics.count_new_event(decision.event)
            if decision.status != "duplicate":
                touched[decision.event_id] = decision.event
                self.alerts.archive(decision.event)


def _feeds(settings: RunSettings, feeds_file: Path | None) -> list[Feed]:
    try:
        feeds = load_feeds(feeds_file or settings.feeds_file)
    except FeedsFileError as exc:
        raise UsageError(str(exc)) from None
    if not feeds:
        raise UsageError(f"{feeds_file or 'feeds file'}: no feeds to poll")
    return feeds


def demo_archive_dir(settings: RunSettings) -> Path:
    """Where the demo keeps its archive: apart from the real one, and kept between runs."""
    return settings.data_dir / "demo"


def _serve_api(stack: contextlib.ExitStack, address: str, settings: RunSettings, archive_dir: Path | None):
    """Start the API on ``address`` over the archive the pipeline writes (its own handle)."""
    from prometheus_client import REGISTRY

    from strikewatch.api.app import create_app
    from strikewatch.api.server import BackgroundServer, check_exposure, parse_address
    from strikewatch.sinks.db import open_database

    host, port = parse_address(address)
    check_exposure(host, settings.tokens)
    if archive_dir is not None:
        db = open_database("", archive_dir)
    else:
        try:
            db = open_database(settings.database_url.get_secret_value(), settings.data_dir)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    stack.callback(db.close)
    server = BackgroundServer(create_app(db, settings, REGISTRY), host, port).start()
    stack.callback(server.stop)
    print(f"strikewatch run: map and API at {server.url}/ (API under {server.url}/api/v1/)",
          file=sys.stderr)
    return server


def run(
    settings: RunSettings,
    feeds_file: Path | None = None,
    once: bool = False,
    demo: bool = False,
    replay: Path | None = None,
    stream: IO[str] | None = None,
    serve: str | None = None,
) -> int:
    """Run the pipeline; with ``once`` poll each feed once, drain and return the exit
    status: 0, or 1 when every feed failed (refused, unreachable, not a feed).

    With ``serve`` (HOST:PORT) the API and map page are served while the pipeline runs,
    and after a ``once`` cycle until interrupted. Without a database URL the demo archives
    its events in ``data_dir/demo``, afresh each run, so they can be listed and served
    afterwards apart from the real archive."""
    from strikewatch.replay import DEMO_DIR, ReplayServer
    from strikewatch.sinks.db import open_database

    metrics = Metrics()
    health = serve_metrics(settings.metrics_port) if not once else None
    # With STRIKEWATCH_DATABASE_URL the demo archives there, as every run does (never cleared).
    archive_dir = demo_archive_dir(settings) if demo and not settings.database_url.get_secret_value() else None
    with contextlib.ExitStack() as stack:
        if demo or replay:
            directory = DEMO_DIR if demo else replay
            if not (directory / "feeds.yaml").is_file():
                raise UsageError(f"{directory}: not a replay directory (no feeds.yaml)")
            server = stack.enter_context(ReplayServer(directory))
            feeds = server.feeds()
            # A replay is a fresh world each time: keep its seen-set out of the real one.
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="strikewatch-replay-"))
            # The network policy opens the replay's own server, and nothing else.
            own = server.base_url.removeprefix("http://")
            settings = settings.model_copy(update={
                "data_dir": Path(tmp),
                "allowed_networks": ",".join(filter(None, (settings.allowed_networks, own))),
            })
            log.info("replay serving dir=%s url=%s feeds=%d", directory, server.base_url, len(feeds))
        else:
            feeds = _feeds(settings, feeds_file)
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        archive_db = None
        if archive_dir is not None:
            # The replay's URLs (and so its article and event ids) change with its port on
            # every run: start the demo archive afresh rather than pile up copies.
            from strikewatch.sinks.archive import Archive

            archive_db = open_database("", archive_dir)
            Archive(archive_db).clear()
        pipeline = Pipeline(settings, metrics, stream, archive_db)
        stack.callback(pipeline.close)
        server = _serve_api(stack, serve, settings, archive_dir) if serve else None
        status = 0
        stop = threading.Event()
        if (not once or server) and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
        while True:
            if health is not None:
                health.beat("cycle", settings.poll_interval_seconds + CYCLE_DEADLINE_SECONDS)
            report = pipeline.cycle(feeds)
            log.info(
                "cycle done feeds=%d links=%d articles=%d candidates=%d alerts=%d",
                len(feeds), report.links, report.articles, report.candidates, report.alerts,
            )
            if report.feeds_failed and not report.feeds_ok:
                failed = sum(report.feeds_failed.values())
                reasons = ", ".join(f"{r} {n}" for r, n in sorted(report.feeds_failed.items()))
                log.error("every feed failed this cycle feeds=%d reasons=%s", failed, reasons)
                if once:
                    status = 1
                    print(f"strikewatch run: every feed failed ({failed} of {len(feeds)}: "
                          f"{reasons}); see the log above", file=sys.stderr)
            if once or stop.wait(settings.poll_interval_seconds):
                break
        if health is not None:
            health.stopped("cycle")
        if once:
            pipeline.alerts.flush(force=True)  # --once drains digests too
        if archive_dir is not None:
            count = pipeline.alerts.archive_store.db.query("SELECT COUNT(*) AS n FROM events")[0]["n"]
            print(f"strikewatch run: the demo's {count} events are archived in {archive_dir / 'sink.sqlite3'}; "
                  f"list them with `STRIKEWATCH_DATA_DIR={archive_dir} strikewatch events list`, or map "
                  "them with `strikewatch run --demo --once --serve 127.0.0.1:8080`", file=sys.stderr)
        if server is not None and once:
            print(f"strikewatch run: cycle done; still serving {server.url}/ (Ctrl-C or SIGTERM stops)",
                  file=sys.stderr)
            try:
                stop.wait()
            except KeyboardInterrupt:
                pass
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(RunSettings(), once=True, demo=True))

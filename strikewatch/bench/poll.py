"""Measure the producers: poll-loop capacity and extraction throughput, on local servers only.

``poll_capacity(n_feeds)`` polls ``n_feeds`` feeds served by one local server
(a share answering 304 to the conditional GET) twice and reports feeds/second;
``extraction_rate(n_pages)`` extracts recorded pages in the process pool.
``python -m strikewatch.bench.poll`` prints both as a table.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry

from strikewatch.bench.core import Row, write_feeds
from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Link
from strikewatch.core.settings import ProducerSettings
from strikewatch.producers.feeds import Feed
from strikewatch.producers.fetcher import extract_page
from strikewatch.producers.poller import FeedPoller
from strikewatch.producers.state import STATE_FILE, SeenStore
from strikewatch.replay import DEMO_DIR, ReplayServer


def _feed(i: int, items: int = 20) -> str:
    entries = "".join(
        f"<item><guid>bench-{i}-{j}</guid><title>Item {j}</title>"
        f"<link>{{{{BASE}}}}/pages/{i}/{j}.html</link>"
        f"<pubDate>Tue, 05 Mar 2024 {j % 24:02d}:00:00 GMT</pubDate></item>"
        for j in range(items)
    )
    return f"<rss version='2.0'><channel><title>Bench {i}</title>{entries}</channel></rss>"


def poll_capacity(n_feeds: int = 1000, concurrency: int = 200) -> dict:
    """Feeds polled per second: a first pass (all 200 OK, parsed) and a second (all 304)."""
    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-") as tmp:
        root = Path(tmp) / "replay"
        write_feeds(root, n_feeds, _feed)
        settings = ProducerSettings(
            allow_private_addresses=True,
            data_dir=Path(tmp) / "data",
            poll_concurrency=concurrency,
            http_timeout_seconds=60,
        )
        metrics = Metrics(CollectorRegistry())
        with ReplayServer(root) as server, SeenStore(Path(tmp) / "data" / STATE_FILE) as seen:
            feeds = [Feed(url=server.url(f"feeds/{i}.xml")) for i in range(n_feeds)]
            with FeedPoller(settings, metrics, seen) as poller:
                out = {"feeds": n_feeds, "concurrency": concurrency}
                for name in ("first_pass_200", "second_pass_304"):
                    started = time.perf_counter()
                    results = asyncio.run(poller.poll_results(feeds))
                    seconds = time.perf_counter() - started
                    out[f"{name}_feeds_per_second"] = round(n_feeds / seconds, 1)
                    out[f"{name}_outcomes"] = _tally(r.outcome for r in results)
                out["items_new"] = metrics.registry.get_sample_value(
                    "strikewatch_feed_items_total", {"outcome": "new"}
                )
    return out


def extraction_rate(n_pages: int = 50) -> dict:
    """Pages extracted per second by trafilatura (fast mode), one process, demo pages."""
    pages = sorted((DEMO_DIR / "pages").glob("*.html"))
    link = Link(id="x", url="http://bench.test/a.html", discovered=datetime.now(UTC))
    texts = [p.read_text(encoding="utf-8") for p in pages]
    started = time.perf_counter()
    for i in range(n_pages):
        extract_page(texts[i % len(texts)], "text/html", link, datetime.now(UTC))
    seconds = time.perf_counter() - started
    return {"pages": n_pages, "pages_per_second_one_process": round(n_pages / seconds, 1)}


def _tally(values) -> dict:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def bench(quick: bool) -> list[Row]:
    n = 200 if quick else 1000
    r = poll_capacity(n)
    note = f"{n} feeds x 20 items on one local server, {r['concurrency']} polls in flight"
    return [
        Row("producers", "poll loop, feeds changed (200)", r["first_pass_200_feeds_per_second"], "feeds/s",
            note=f"{note}; outcomes {r['first_pass_200_outcomes']}"),
        Row("producers", "poll loop, feeds unchanged (304)", r["second_pass_304_feeds_per_second"],
            "feeds/s", "first pass (200)", r["first_pass_200_feeds_per_second"],
            note=f"outcomes {r['second_pass_304_outcomes']}"),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 1000
    rows = {**poll_capacity(n), **extraction_rate()}
    width = max(len(k) for k in rows)
    for key, value in rows.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Poll -> Kafka: items/s and latency from "item parsed from its feed" to "Link acknowledged by the broker".

1,000 local feeds of 20 items each are watched by the producers' scheduled loop
(`strikewatch.producers.watch.watch`, as `strikewatch producer` runs it), with the first polls
spread over ``SPREAD_SECONDS``; every new item is sent to a links topic with the
producer settings the services use. An item's latency is its acknowledgement time
minus its ``discovered`` time.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry

from strikewatch.bench.core import Row, write_feeds
from strikewatch.bench.e2e_kafka import _broker
from strikewatch.bench.e2e_run import percentile
from strikewatch.bench.progress import counter

SPREAD_SECONDS = 5.0


def _feed(i: int, items: int = 20) -> str:
    entries = "".join(
        f"<item><guid>pk-{i}-{j}</guid><title>Story {j} of desk {i}</title>"
        f"<link>https://desk{i % 40}.example.org/{i}/{j}</link>"
        f"<pubDate>Tue, 05 Mar 2024 {j % 24:02d}:00:00 GMT</pubDate></item>"
        for j in range(items)
    )
    return f"<rss version='2.0'><channel><title>Desk {i}</title>{entries}</channel></rss>"


def bench(quick: bool) -> list[Row]:
    import asyncio

    from strikewatch.core.kafka import ensure_topics, make_producer
    from strikewatch.core.metrics import Metrics
    from strikewatch.core.records import url_hash
    from strikewatch.core.settings import ProducerSettings
    from strikewatch.producers.feeds import Feed
    from strikewatch.producers.poller import FeedPoller
    from strikewatch.producers.state import STATE_FILE, SeenStore
    from strikewatch.producers.watch import watch
    from strikewatch.replay import ReplayServer

    bootstrap, broker = _broker()
    if bootstrap is None:
        return [Row("producers", "poll -> Kafka", None, "", note="skipped: no Kafka broker")]
    n_feeds = 200 if quick else 1000
    try:
        with tempfile.TemporaryDirectory(prefix="strikewatch-bench-") as tmp:
            root = Path(tmp) / "replay"
            write_feeds(root, n_feeds, _feed)
            settings = ProducerSettings(
                kafka_bootstrap=bootstrap, topic_prefix=f"benchpk{int(time.time())}",
                allow_private_addresses=True, data_dir=Path(tmp) / "data", metrics_port=0,
                poll_min_interval_seconds=SPREAD_SECONDS, poll_max_interval_seconds=3600,
            )
            ensure_topics(settings)
            producer = make_producer(settings)
            acked: list[tuple[datetime, float]] = []
            with ReplayServer(root) as server, SeenStore(Path(tmp) / "data" / STATE_FILE) as seen:
                feeds = [Feed(url=server.url(f"feeds/{i}.xml")) for i in range(n_feeds)]
                with FeedPoller(settings, Metrics(CollectorRegistry()), seen) as poller:
                    expected = n_feeds * 20
                    sent = []

                    def emit(links) -> None:
                        for link in links:
                            sent.append(link)
                            future = producer.send(settings.topics.links, key=url_hash(link.url).encode(),
                                                   value=link.to_bytes())
                            future.add_callback(
                                lambda _m, d=link.discovered: acked.append((d, time.time())))

                    start = time.perf_counter()
                    deadline = start + SPREAD_SECONDS + 120

                    with counter("poll -> Kafka: items sent", expected, "items") as update:
                        def done() -> bool:
                            update(len(sent))
                            return len(sent) >= expected or time.perf_counter() > deadline

                        asyncio.run(watch(poller, feeds, emit, done, tick=0.05))
                    producer.flush()
                    seconds = time.perf_counter() - start
                    links = sent
            producer.close()
    finally:
        if broker is not None:
            broker.stop()
    latencies = [at - discovered.astimezone(UTC).timestamp() for discovered, at in acked]
    note = f"{n_feeds} local feeds x 20 items, first polls spread over {SPREAD_SECONDS:.0f} s, acks=all"
    rows = [Row("producers", "poll -> Kafka throughput", len(acked) / seconds, "items/s",
                note=f"{note}; {len(acked)} of {len(links)} acknowledged")]
    if latencies:
        for p in (50, 99):
            rows.append(Row("producers", f"p{p} latency polled -> on Kafka", percentile(latencies, p), "s",
                            note="an item is sent as soon as its feed is parsed"))
    return rows

"""End to end on Apache Kafka: producer -> Kafka -> faust processor -> sink, as separate processes.

Items appear in their feeds at a steady rate (a local feed server shows each item
from its appearance time on); the producer polls every second; the sink posts each
alert to a local webhook receiver, which stamps its arrival. Latency is "item appears
in its feed" -> "alert delivered". Run once with one processor worker and once with
two, on the same load and the same partition count.

The broker is ``STRIKEWATCH_KAFKA_BOOTSTRAP`` when set, else one started from the
Maven jars as the test suite does (from a repository checkout with Java and Maven).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from strikewatch.bench.core import Row
from strikewatch.bench.e2e_run import percentile
from strikewatch.bench.loadgen import make_replay, rss

PARTITIONS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppearingFeeds:
    """Serves generated pages, and feeds that show each item from its appearance time on."""

    def __init__(self, directory: Path, items: list[tuple[int, str]], rate: float, n_feeds: int):
        self.directory = directory
        self.items = items
        self.rate = rate
        self.n_feeds = n_feeds
        self.t0: float | None = None
        self.appear: dict[str, float] = {}  # page path -> appearance time (perf_counter)
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0].lstrip("/")
                if path.startswith("feeds/desk"):
                    body = feeds.feed(int(path.removeprefix("feeds/desk").removesuffix(".xml")))
                    kind = "application/rss+xml"
                else:
                    file = feeds.directory / path
                    if not file.is_file():
                        self.send_response(404)
                        self.end_headers()
                        return
                    body, kind = file.read_bytes(), "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def start(self) -> None:
        self.t0 = time.perf_counter()
        for i, (_, item) in enumerate(self.items):
            page = item.split("{{BASE}}/", 1)[1].split("<", 1)[0]
            self.appear[page] = self.t0 + i / self.rate

    def feed(self, number: int) -> bytes:
        now = time.perf_counter()
        visible = [item for i, (f, item) in enumerate(self.items)
                   if f == number and self.t0 is not None and self.t0 + i / self.rate <= now]
        return rss(f"Bench desk {number}", visible).replace("{{BASE}}", self.base).encode()

    def write_feeds_file(self, path: Path) -> Path:
        """A feeds file (strikewatch feeds format) listing every desk of this server."""
        path.write_text("feeds:\n" + "".join(
            f"  - {{url: '{self.base}/feeds/desk{f}.xml', name: desk {f}}}\n" for f in range(self.n_feeds)))
        return path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def pipeline_env(bootstrap: str, prefix: str, partitions: int, workdir: Path, feeds_file: Path) -> dict:
    """Settings of producer, processor and sink services over one topic prefix, polling every second."""
    return {
        "STRIKEWATCH_KAFKA_BOOTSTRAP": bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_TOPIC_PARTITIONS": str(partitions),
        "STRIKEWATCH_DATA_DIR": str(workdir / "data"),
        "STRIKEWATCH_ALLOWED_NETWORKS": "loopback",  # the feed server and the receiver
        "STRIKEWATCH_FEEDS_FILE": str(feeds_file),
        "STRIKEWATCH_APP_ID": f"{prefix}-processor",
        "STRIKEWATCH_GROUP_ID": f"{prefix}-sink",
        "STRIKEWATCH_POLL_INTERVAL_SECONDS": "1",
        "STRIKEWATCH_POLL_MIN_INTERVAL_SECONDS": "1",
        "STRIKEWATCH_POLL_MAX_INTERVAL_SECONDS": "1",
    }


class Receiver:
    """A webhook receiver that stamps each alert's arrival."""

    def __init__(self):
        self.arrivals: list[tuple[float, dict]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.arrivals.append((time.perf_counter(), json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/alerts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _broker():
    bootstrap = os.environ.get("STRIKEWATCH_KAFKA_BOOTSTRAP")
    if bootstrap:
        return bootstrap, None
    repo = Path(__file__).resolve().parents[2]
    if not (repo / "tests" / "kafka_broker.py").is_file():
        return None, None
    sys.path.insert(0, str(repo))
    from tests.kafka_broker import KafkaBroker

    broker = KafkaBroker()
    broker.start()
    return broker.bootstrap, broker


def stop_processes(procs: list[subprocess.Popen]) -> None:
    """SIGTERM to every service, then wait for each (kill after 20 s)."""
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            p.kill()


def _run_once(bootstrap: str, workers: int, n: int, rate: float, workdir: Path) -> dict:
    load = make_replay(workdir / "replay", n_articles=n, n_feeds=10)
    feeds = AppearingFeeds(workdir / "replay", load["items"], rate, 10)
    receiver = Receiver()
    prefix = f"bench{os.getpid()}w{workers}t{int(time.time())}"
    env = {
        **os.environ,
        **pipeline_env(bootstrap, prefix, PARTITIONS, workdir, feeds.write_feeds_file(workdir / "feeds.yaml")),
        "STRIKEWATCH_WEBHOOK_URL": receiver.url,
        "STRIKEWATCH_CONSOLE": "false",
        "STRIKEWATCH_ALERT_SETTLE_SECONDS": "0.5",
        "STRIKEWATCH_LOG_LEVEL": "WARNING",
    }
    procs: list[subprocess.Popen] = []

    def start(*args: str) -> None:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "strikewatch.cli", *args],
            env={**env, "STRIKEWATCH_METRICS_PORT": str(_free_port())},
            stdout=subprocess.DEVNULL, stderr=(workdir / f"{args[0]}-{len(procs)}.log").open("w"),
            cwd=workdir,
        ))

    try:
        subprocess.run([sys.executable, "-m", "strikewatch.cli", "topics", "create"], env=env,
                       check=True, capture_output=True, cwd=workdir)
        for _ in range(workers):
            start("processor")
        start("sink")
        time.sleep(8)  # workers join the group and get their partitions
        feeds.start()
        start("producer")
        appeared = time.perf_counter() + n / rate
        deadline = appeared + 120
        seen, quiet_since = 0, time.perf_counter()
        while time.perf_counter() < deadline and len(receiver.arrivals) < load["attacks"]:
            time.sleep(0.5)
            if len(receiver.arrivals) != seen:
                seen, quiet_since = len(receiver.arrivals), time.perf_counter()
            elif time.perf_counter() > appeared and time.perf_counter() - quiet_since > 15:
                break  # nothing more is coming (an item that is not an event, say)
        latencies = []
        for arrived, alert in receiver.arrivals:
            firsts = [feeds.appear.get(s["url"].split(feeds.base + "/", 1)[-1]) for s in alert["event"]["sources"]]
            firsts = [t for t in firsts if t is not None]
            if firsts:
                latencies.append(arrived - min(firsts))
        last = max((t for t, _ in receiver.arrivals), default=time.perf_counter())
        return {
            "items": n, "attacks": load["attacks"], "alerts": len(receiver.arrivals),
            "seconds": last - feeds.t0, "latencies": latencies,
        }
    finally:
        stop_processes(procs)
        feeds.close()
        receiver.close()


def bench(quick: bool) -> list[Row]:
    bootstrap, broker = _broker()
    if bootstrap is None:
        return [Row("end to end (kafka)", "throughput", None, "",
                    note="skipped: no STRIKEWATCH_KAFKA_BOOTSTRAP and no repository checkout to start a broker")]
    n, rate = (60, 20.0) if quick else (600, 50.0)
    rows: list[Row] = []
    try:
        results = {}
        for workers in ((1,) if quick else (1, 2)):
            with tempfile.TemporaryDirectory(prefix="strikewatch-bench-kafka-") as tmp:
                results[workers] = _run_once(bootstrap, workers, n, rate, Path(tmp))
        for workers, r in results.items():
            stage = f"end to end (kafka, {workers} processor{'s' if workers > 1 else ''})"
            load = f"{r['items']} items at {rate:.0f}/s, {PARTITIONS} partitions; {r['alerts']} of {r['attacks']} alerts"
            rows.append(Row(stage, "sustained throughput", r["items"] / r["seconds"], "items/s",
                            "offered load", rate, note=load))
            if r["latencies"]:
                for p in (50, 95, 99):
                    rows.append(Row(stage, f"p{p} latency feed -> alert", percentile(r["latencies"], p), "s",
                                    note="poll every 1 s; sink settle 0.5 s"))
        if 1 in results and 2 in results:
            one, two = (results[w]["items"] / results[w]["seconds"] for w in (1, 2))
            rows.append(Row("scale", "2 workers vs 1", two, "items/s", "1 worker", one,
                            note=f"{PARTITIONS} partitions, 2 cores"))
    finally:
        if broker is not None:
            broker.stop()
    return rows

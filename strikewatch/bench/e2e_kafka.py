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
    from strikewatch.bench.progress import quiet_kafka_start
    from tests.kafka_broker import KafkaBroker

    broker = KafkaBroker()
    with quiet_kafka_start():  # a client that reaches the port first logs ECONNREFUSED bursts
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


#: Items of the untimed run that warms the broker before the measured ones.
WARM_UP_ITEMS = 300

#: After the last item appears, how long the pipeline may take to alert it (on time) ...
SLACK_SECONDS = 30.0
#: ... and how much longer the harness listens, to tell a late alert from a lost one.
GRACE_SECONDS = 30.0


def ready(port: int) -> bool:
    """Does the service on ``port`` answer /readyz with 200 (its partitions assigned)?"""
    import urllib.request

    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200
    except OSError:
        return False


def readiness(port: int) -> str:
    """What /readyz on ``port`` says (for an error message)."""
    import urllib.error
    import urllib.request

    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).read().decode()[:300]
    except urllib.error.HTTPError as exc:
        return exc.read().decode(errors="replace")[:300]
    except OSError as exc:
        return str(exc)


#: How long started services may take to answer /readyz with 200.
READY_TIMEOUT_SECONDS = 90.0


def wait_ready(procs: list[subprocess.Popen], ports: list[int], workdir: Path,
               timeout: float = READY_TIMEOUT_SECONDS) -> None:
    """Wait until every service (``strikewatch.cli <name>``, metrics on the matching port)
    is ready, saying on stderr what it waits for and how long it took; a service that exits,
    or one still not ready after ``timeout``, raises with the reason (logs in ``workdir``)."""
    names = [p.args[3] for p in procs]
    what = ", ".join(f"{names.count(n)} {n}{'s' if names.count(n) > 1 else ''}" for n in dict.fromkeys(names))
    sys.stderr.write(f"[bench] waiting for {what} to be ready (partitions assigned) ...\n")
    start = time.monotonic()
    while not all(ready(p) for p in ports):  # every consumer has its partitions
        dead = [(p.args[3], p.returncode) for p in procs if p.poll() is not None]
        if dead or time.monotonic() - start > timeout:
            if dead:
                logs = sorted(workdir.glob("*.log"))
                tail = " | ".join(f.read_text().strip().splitlines()[-1] for f in logs if f.read_text().strip())
                raise RuntimeError(f"{', '.join(f'{n} exited with {c}' for n, c in dead)}: {tail[-400:]}")
            waiting = [f"{p.args[3]} on port {port}: {readiness(port)}"
                       for p, port in zip(procs, ports, strict=True) if not ready(port)]
            raise RuntimeError(f"services not ready after {timeout:.0f} s: {'; '.join(waiting)}")
        time.sleep(0.5)
    sys.stderr.write(f"[bench] {what} ready after {time.monotonic() - start:.1f} s\n")
    sys.stderr.flush()


def _run_once(bootstrap: str, workers: int, n: int, rate: float, workdir: Path, label: str = "") -> dict:
    from strikewatch.bench.e2e_watch import (
        StageSampler,
        expected_alerts,
        explain,
        page_of,
        progress,
        trace_pages,
        transit_rows,
    )

    load = make_replay(workdir / "replay", n_articles=n, n_feeds=10)
    expected = expected_alerts(n)
    events, by_design = expected.events, expected.by_design
    feeds = AppearingFeeds(workdir / "replay", load["items"], rate, 10)
    receiver = Receiver()
    prefix = f"bench{os.getpid()}w{workers}t{int(time.time())}"
    label = label or f"kafka, {workers} processor{'s' if workers > 1 else ''}"
    env = {
        **os.environ,
        **pipeline_env(bootstrap, prefix, PARTITIONS, workdir, feeds.write_feeds_file(workdir / "feeds.yaml")),
        "STRIKEWATCH_WEBHOOK_URL": receiver.url,
        "STRIKEWATCH_CONSOLE": "false",
        "STRIKEWATCH_ALERT_SETTLE_SECONDS": "0.5",
        "STRIKEWATCH_LOG_LEVEL": "WARNING",
    }
    procs: list[subprocess.Popen] = []
    ports: list[int] = []
    sampler = StageSampler(bootstrap, prefix)

    def start(*args: str) -> None:
        ports.append(_free_port())
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "strikewatch.cli", *args],
            env={**env, "STRIKEWATCH_METRICS_PORT": str(ports[-1])},
            stdout=subprocess.DEVNULL, stderr=(workdir / f"{args[0]}-{len(procs)}.log").open("w"),
            cwd=workdir,
        ))

    try:
        subprocess.run([sys.executable, "-m", "strikewatch.cli", "topics", "create"], env=env,
                       check=True, capture_output=True, cwd=workdir)
        for _ in range(workers):
            start("processor")
        start("sink")
        wait_ready(procs, ports, workdir)
        sampler.start()
        feeds.start()
        start("producer")
        appeared = feeds.t0 + n / rate
        deadline = appeared + SLACK_SECONDS
        listen_until = deadline + GRACE_SECONDS
        shown = 0.0
        while time.perf_counter() < listen_until:
            verdict = explain(events, by_design, receiver.arrivals, deadline, {})
            if verdict.complete:
                break
            if time.perf_counter() - shown >= 2:
                progress(label, feeds.t0, sampler, verdict.arrived, verdict.expected)
                shown = time.perf_counter()
            time.sleep(0.25)
        sampler.stop()
        reached = trace_pages(bootstrap, prefix)  # where each report went, and when
        verdict = explain(events, by_design, receiver.arrivals, deadline, reached)
        progress(label, feeds.t0, sampler, verdict.arrived, verdict.expected)
        to_epoch = time.time() - time.perf_counter()
        alerted: dict[str, float] = {}
        for arrived, alert in receiver.arrivals:
            for page in filter(None, (page_of(src.get("url")) for src in alert["event"]["sources"])):
                alerted.setdefault(page, arrived + to_epoch)
        transits = transit_rows(f"end to end ({label})",
                                {page: t + to_epoch for page, t in feeds.appear.items()}, reached, alerted)
        latencies = []
        for arrived, alert in receiver.arrivals:
            if alert.get("status") != "new" and alert["event"].get("status") != "new":
                continue  # latency of the first alert of each event
            firsts = [feeds.appear.get(page_of(src.get("url"))) for src in alert["event"]["sources"]]
            firsts = [t for t in firsts if t is not None]
            if firsts:
                latencies.append((min(firsts), arrived - min(firsts)))
        latencies = [latency for _, latency in sorted(latencies)]  # in the order items appeared
        last = max((t for t, _ in receiver.arrivals), default=time.perf_counter())
        # The pipeline's transit time (median latency) is not throughput: a run that keeps
        # up ends one transit after the last item appears. Items appear over n / rate
        # seconds, so no run is faster than that: throughput is at most the offered load.
        transit = percentile(latencies, 50) if latencies else 0.0
        return {
            "items": n, "verdict": verdict, "seconds": max(last - feeds.t0 - transit, n / rate),
            "latencies": latencies,
            "stages": transits + sampler.rows(f"end to end ({label})"), "label": label,
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
        if not quick:
            # A broker just started runs its first minute on a cold JVM (the JIT still
            # compiling), which made the first measured run several times slower than
            # the second on the same machine: warm it (and the page cache) first, untimed.
            with tempfile.TemporaryDirectory(prefix="strikewatch-bench-kafka-") as tmp:
                _run_once(bootstrap, 1, WARM_UP_ITEMS, rate, Path(tmp), label="warm-up")
        for workers in ((1,) if quick else (1, 2)):
            with tempfile.TemporaryDirectory(prefix="strikewatch-bench-kafka-") as tmp:
                results[workers] = _run_once(bootstrap, workers, n, rate, Path(tmp))
        for r in results.values():
            rows += result_rows(r, rate)
        complete = [w for w, r in results.items() if r["verdict"].complete]
        if 1 in complete and 2 in complete:
            one, two = (percentile(results[w]["latencies"], 50) for w in (1, 2))
            rows.append(Row("scale", "2 workers vs 1: p50 latency", two, "s", "1 worker", one,
                            note=f"same offered load, {PARTITIONS} partitions, 2 cores (below 1x: faster)"))
    finally:
        if broker is not None:
            broker.stop()
    return rows


def result_rows(r: dict, rate: float) -> list[Row]:
    """A complete run's throughput and latency; a run that missed any alert is a failed row
    (with the counts and what became of each missing alert), never a figure."""
    stage, verdict = f"end to end ({r['label']})", r["verdict"]
    load = f"{r['items']} items at {rate:.0f}/s, {PARTITIONS} partitions"
    if not verdict.complete:
        return [Row(stage, "(failed)", None, "", note=f"{load}: {verdict.summary()}"), *r["stages"]]
    rows = [Row(stage, "sustained throughput", r["items"] / r["seconds"], "items/s", "offered load", rate,
                note=f"{load}; {verdict.summary()}; items / (last alert - first item - p50 transit), "
                     "at most the offered load")]
    for p in (50, 95, 99):
        rows.append(Row(stage, f"p{p} latency feed -> alert", percentile(r["latencies"], p), "s",
                        note="first alert of each event; poll every 1 s; sink settle 0.5 s"))
    quarter = max(1, len(r["latencies"]) // 4)
    first, last = r["latencies"][:quarter], r["latencies"][-quarter:]
    rows.append(Row(stage, "backlog: p50 latency, last vs first quarter", percentile(last, 50), "s",
                    "first quarter", percentile(first, 50),
                    note="about 1x: the pipeline keeps up; growing: a backlog builds"))
    return rows + r["stages"]

"""Alert delivery throughput and latency against a local signed-webhook receiver.

    python -m strikewatch.bench.alerts [--alerts 2000] [--subscribers 1] [--database-url postgresql://...]

Each alert is rendered, checked against and recorded in the delivery log (pending,
then sent, each committed durably), signed, and POSTed to a receiver on loopback
that verifies the signature. Latency is the event's ``first_seen`` (set just before
the alert enters the sink) to the receiver having the request: the sink's own share
of end-to-end latency. Prints a table and, with ``--json``, writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from prometheus_client import CollectorRegistry

from strikewatch.bench.core import Row
from strikewatch.core.metrics import Metrics
from strikewatch.core.netguard import NetworkPolicy
from strikewatch.core.records import Event, Location
from strikewatch.core.timefmt import utcnow
from strikewatch.sinks.alerts import render_alert
from strikewatch.sinks.channels import WebhookChannel
from strikewatch.sinks.db import open_database
from strikewatch.sinks.delivery import Deliverer, DeliveryLog, RetryPolicy
from strikewatch.sinks.signing import verify
from strikewatch.sinks.subscriptions import Subscription

SECRET = b"bench-secret"


def _receiver(arrivals: dict[str, float], bad: list[int]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            now = time.time()
            if verify(SECRET, self.headers.get("X-Strikewatch-Timestamp"), body,
                      self.headers.get("X-Strikewatch-Signature")):
                arrivals[self.headers["Idempotency-Key"]] = now
                self.send_response(204)
            else:
                bad.append(1)
                self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run(alerts: int, subscribers: int, database_url: str) -> dict:
    arrivals: dict[str, float] = {}
    bad: list[int] = []
    server = _receiver(arrivals, bad)
    url = f"http://127.0.0.1:{server.server_port}/hook"
    policy = NetworkPolicy.parse(f"127.0.0.1:{server.server_port}")  # the receiver, nothing else
    with tempfile.TemporaryDirectory(prefix="strikewatch-bench-") as tmp:
        db = open_database(database_url, Path(tmp))
        subs = [
            (Subscription.model_validate({"id": f"s{i}", "channels": [
                {"type": "webhook+hmac", "url": url, "secret_env": "UNUSED"}]}, context={"policy": policy}),
             [WebhookChannel(url, SECRET, policy=policy)])
            for i in range(subscribers)
        ]
        deliverer = Deliverer(subs, DeliveryLog(db), Metrics(CollectorRegistry()), RetryPolicy(retries=0))
        first_seen: dict[str, float] = {}
        started = time.perf_counter()
        for n in range(alerts):
            seen = utcnow()
            event = Event(event_id=f"bench-{n}", event_type="drone_attack", killed=n % 7, first_seen=seen,
                          location=Location(name="Kharkiv", country="UA", lat=49.99, lon=36.23))
            first_seen[event.event_id] = seen.timestamp()
            deliverer.deliver(render_alert(event, utcnow()))
        elapsed = time.perf_counter() - started
        store = db.description.split("://")[0] if "://" in db.description else "sqlite"
        db.close()
    server.shutdown()
    server.server_close()
    latencies = sorted(arrivals[k] - first_seen[k.split(":")[0]] for k in arrivals)
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else latencies * 99
    return {
        "store": store, "alerts": alerts, "subscribers": subscribers, "delivered": len(arrivals),
        "bad_signatures": len(bad), "seconds": round(elapsed, 3),
        "deliveries_per_second": round(len(arrivals) / elapsed, 1),
        "latency_p50_ms": round(q[49] * 1000, 2), "latency_p99_ms": round(q[98] * 1000, 2),
        "latency_max_ms": round(latencies[-1] * 1000, 2),
    }


def bench(quick: bool) -> list[Row]:
    r = run(alerts=200 if quick else 2000, subscribers=1,
            database_url=os.environ.get("STRIKEWATCH_DATABASE_URL", ""))
    note = (f"{r['delivered']} of {r['alerts']} delivered, {r['bad_signatures']} bad signatures; "
            f"delivery log on {r['store']}")
    return [
        Row("sinks", "alert delivery", r["deliveries_per_second"], "alerts/s", note=note),
        Row("sinks", "p50 latency event -> delivered", r["latency_p50_ms"], "ms", note="sink's own share"),
        Row("sinks", "p99 latency event -> delivered", r["latency_p99_ms"], "ms", note="sink's own share"),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m strikewatch.bench.alerts", description=__doc__.splitlines()[0])
    p.add_argument("--alerts", type=int, default=2000)
    p.add_argument("--subscribers", type=int, default=1)
    p.add_argument("--database-url", default="", help="postgresql:// URL; default: SQLite in a temp dir")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    result = run(args.alerts, args.subscribers, args.database_url)
    for key, value in result.items():
        print(f"{key:24} {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["delivered"] == args.alerts * args.subscribers and not result["bad_signatures"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

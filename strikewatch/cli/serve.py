"""``strikewatch serve``: the HTTP API, live stream, Atom feed and map page over the archive."""

from __future__ import annotations

import argparse

NAME = "serve"
HELP = "service: HTTP API, live event stream, Atom feed and map page over the event archive"
DESCRIPTION = (
    "Serve the event archive (the one `strikewatch events` reads: STRIKEWATCH_DATABASE_URL, else "
    "sink.sqlite3 in STRIKEWATCH_DATA_DIR) over HTTP: the map page at /, the API under /api/v1/, "
    "the live stream at /api/v1/stream and the Atom feed at /feed.atom (docs/api.md). "
    "A non-loopback address needs STRIKEWATCH_API_TOKENS."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", help="address to listen on (default STRIKEWATCH_API_HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default STRIKEWATCH_API_PORT, 8080)")


def run(args: argparse.Namespace) -> int:
    from prometheus_client import CollectorRegistry

    from strikewatch.api.app import create_app
    from strikewatch.api.server import check_exposure, serve
    from strikewatch.cli.common import load_settings
    from strikewatch.cli.events import open_sink_database
    from strikewatch.core.errors import UsageError
    from strikewatch.core.metrics import serve_metrics
    from strikewatch.core.settings import ApiSettings

    settings = load_settings(ApiSettings)
    host = args.host or settings.api_host
    port = args.port or settings.api_port
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port}: expected 1-65535")
    check_exposure(host, settings.tokens)
    db = open_sink_database(settings)
    try:
        registry = CollectorRegistry()
        app = create_app(db, settings, registry)
        if "metrics_port" in settings.model_fields_set:
            # A metrics port of its own, without a token, for a Prometheus inside the network.
            serve_metrics(settings.metrics_port, registry)
        serve(app, host, port)
    finally:
        db.close()
    return 0

"""`strikewatch processor`: start the faust worker for strikewatch.processors.app."""

from __future__ import annotations

import sys

from strikewatch.core.kafka import ensure_topics
from strikewatch.core.metrics import serve_metrics


def main(loglevel: str = "info") -> int:
    from strikewatch.processors.app import app, health, settings

    # faust subscribes only to topics that exist when it starts.
    ensure_topics(settings)
    serve_metrics(settings.metrics_port, health=health)
    # faust parses sys.argv itself; hand it the worker command.
    sys.argv = ["strikewatch processor", "worker", "-l", loglevel, "--without-web"]
    app.main()
    return 0

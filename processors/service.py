"""`strikewatch processor`: the faust worker of :mod:`strikewatch.processors.app`."""

from __future__ import annotations

from strikewatch.core.kafka import ensure_topics
from strikewatch.core.metrics import serve_metrics
from strikewatch.core.settings import ProcessorSettings


def main(settings: ProcessorSettings, loglevel: str = "info") -> int:
    from faust.cli.faust import cli

    from strikewatch.processors.app import create_app

    processor = create_app(settings)
    # faust subscribes only to topics that exist when it starts.
    ensure_topics(settings)
    serve_metrics(settings.metrics_port, health=processor.health)
    app = processor.app
    # What faust's App.main() does, with the worker's arguments given rather than read
    # from sys.argv.
    app.finalize()
    app.worker_init()
    app.worker_init_post_autodiscover()
    cli.main(
        args=["worker", "-l", loglevel, "--without-web"],
        prog_name="strikewatch processor",
        app=app,
    )
    return 0

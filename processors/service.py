"""`strikewatch processor`: the faust worker of :mod:`strikewatch.processors.app`."""

from __future__ import annotations

import signal
import threading

from strikewatch.core.kafka_start import prepare_kafka
from strikewatch.core.metrics import serve_metrics
from strikewatch.core.settings import ProcessorSettings


def wait_for_kafka(settings: ProcessorSettings) -> bool:
    """Wait for the broker and the topics before faust starts; False on SIGTERM/SIGINT.

    faust subscribes once, to the topics as its consumer sees them at that moment
    (strikewatch.core.kafka_start says why that must not be too early); until the worker
    runs and installs its own handlers, a signal ends the wait and the process cleanly.
    """
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return prepare_kafka(settings, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(settings: ProcessorSettings, loglevel: str = "info") -> int:
    from faust.cli.faust import cli

    from strikewatch.processors.app import create_app

    processor = create_app(settings)
    serve_metrics(settings.metrics_port, health=processor.health)
    if not wait_for_kafka(settings):
        return 0
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

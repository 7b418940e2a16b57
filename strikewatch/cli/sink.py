"""``strikewatch sink``: the service that archives events and alerts subscribers."""

from __future__ import annotations

import argparse

NAME = "sink"
HELP = "service: archive events and alert subscribers from the events topic"


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import SinkSettings
    from strikewatch.sinks.service import main as sink_main

    return sink_main(load_settings(SinkSettings))

"""``strikewatch producer``: the service that polls feeds and fetches articles into Kafka."""

from __future__ import annotations

import argparse

NAME = "producer"
HELP = "service: poll feeds and fetch articles into Kafka"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--role", choices=["all", "poller", "fetcher"], default="all",
                   help="run the feed poller, the article fetcher, or both (default)")
    p.add_argument("--once", action="store_true", help="poll each feed once, then keep fetching")


def run(args: argparse.Namespace) -> int:
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import ProducerSettings
    from strikewatch.producers.service import main as producer_main

    return producer_main(load_settings(ProducerSettings), role=args.role, once=args.once)

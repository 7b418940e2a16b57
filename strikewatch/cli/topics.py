"""``strikewatch topics create|describe``: the pipeline's Kafka topics."""

from __future__ import annotations

import argparse
import sys

NAME = "topics"
HELP = "create the pipeline's Kafka topics, or describe them with lag"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["create", "describe"])
    p.add_argument("--partitions", type=int, help="partitions of created topics (default: settings)")


def run(args: argparse.Namespace) -> int:
    from strikewatch import ops
    from strikewatch.cli.common import load_settings
    from strikewatch.core.settings import CommonSettings

    settings = load_settings(CommonSettings)
    if args.action == "create":
        return ops.create_topics(settings, args.partitions or settings.topic_partitions, sys.stdout)
    return ops.describe_topics(settings, sys.stdout)

"""``strikewatch status``: each running service's readiness and main counters."""

from __future__ import annotations

import argparse
import sys

NAME = "status"
HELP = "summarise running services from their /metrics and /readyz"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("services", nargs="*", default=["localhost:9108"],
                   help="service addresses host:port (default localhost:9108)")
    p.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from strikewatch import ops

    return ops.status(args.services, sys.stdout, as_json=args.json)

"""The ``strikewatch`` command.

Subcommands follow the command-line contract in README.md: ``run`` (every
stage in one process), ``extract`` and ``dedup`` (JSON Lines filters), and
``producer``, ``processor``, ``sink`` (each stage as a service on Kafka).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from strikewatch.core.errors import UsageError

log = logging.getLogger("strikewatch")


def _setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # One line per HTTP request drowns the pipeline's own log lines.
    for noisy in ("httpx", "httpcore", "kafka", "aiokafka", "trafilatura"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))


def _settings(cls):
    try:
        return cls()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise UsageError(
            f"invalid setting STRIKEWATCH_{field.upper()}: {first['msg']}"
        ) from None


def cmd_run(args: argparse.Namespace) -> int:
    from strikewatch.core.settings import RunSettings
    from strikewatch.runner import run

    if args.demo or args.replay:
        # A replay is served on loopback by this very process.
        os.environ["STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES"] = "1"
    settings = _settings(RunSettings)
    return run(settings, feeds_file=args.feeds, once=args.once, demo=args.demo, replay=args.replay)


def cmd_extract(args: argparse.Namespace) -> int:
    from strikewatch.processors.cli import extract_main

    return extract_main(sys.stdin, sys.stdout)


def cmd_dedup(args: argparse.Namespace) -> int:
    from strikewatch.processors.cli import dedup_main

    return dedup_main(sys.stdin, sys.stdout, window_days=args.window_days)


def cmd_eval(args: argparse.Namespace) -> int:
    words = list(args.args)
    if words and words[0] in ("extract", "dedup"):
        kind = words.pop(0)
    else:
        kind = "extract"
    if len(words) > 1:
        raise UsageError("usage: strikewatch eval [extract|dedup] [FILE]")
    path = Path(words[0]) if words else None
    if kind == "dedup":
        from strikewatch.processors.dedup_eval import main as eval_dedup

        return eval_dedup(path, sys.stdout)
    from strikewatch.processors.evaluate import main as eval_extract

    return eval_extract(path, sys.stdout, as_json=args.json)


def cmd_topics(args: argparse.Namespace) -> int:
    from strikewatch import ops
    from strikewatch.core.settings import CommonSettings

    settings = _settings(CommonSettings)
    if args.action == "create":
        return ops.create_topics(settings, args.partitions or settings.topic_partitions, sys.stdout)
    return ops.describe_topics(settings, sys.stdout)


def cmd_status(args: argparse.Namespace) -> int:
    from strikewatch import ops

    return ops.status(args.services, sys.stdout, as_json=args.json)


def cmd_bench(args: argparse.Namespace) -> int:
    from strikewatch.bench.run import main as bench_main

    only = [n.strip() for n in args.only.split(",")] if args.only else None
    return bench_main(args.quick, only, args.json)


def cmd_producer(args: argparse.Namespace) -> int:
    from strikewatch.core.settings import ProducerSettings
    from strikewatch.producers.service import main as producer_main

    return producer_main(_settings(ProducerSettings), role=args.role, once=args.once)


def cmd_feeds(args: argparse.Namespace) -> int:
    from strikewatch.core.settings import ProducerSettings
    from strikewatch.producers.feeds_cli import main as feeds_main

    return feeds_main(args.args, _settings(ProducerSettings))


def cmd_processor(args: argparse.Namespace) -> int:
    from strikewatch.processors.service import main as processor_main

    return processor_main(loglevel=args.loglevel)


def cmd_sink(args: argparse.Namespace) -> int:
    from strikewatch.core.settings import SinkSettings
    from strikewatch.sinks.service import main as sink_main

    return sink_main(_settings(SinkSettings))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strikewatch",
        description="News feeds in, deduplicated geocoded attack events and alerts out.",
    )
    parser.add_argument("--log-level", default=os.environ.get("STRIKEWATCH_LOG_LEVEL", "INFO"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", help="run every stage in one process (no broker)")
    p.add_argument("--feeds", type=Path, help="YAML feeds file (default: the bundled list)")
    p.add_argument("--once", action="store_true", help="poll each feed once, drain, print alerts, exit")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--demo", action="store_true", help="serve the bundled demo replay locally")
    group.add_argument("--replay", type=Path, metavar="DIR", help="serve a recorded replay directory")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("extract", help="JSON Lines articles on stdin -> attack verdicts and events")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("dedup", help="JSON Lines events on stdin -> event ids and statuses")
    p.add_argument("--window-days", type=int, default=3, help="days within which reports may merge")
    p.set_defaults(func=cmd_dedup)

    p = sub.add_parser(
        "eval",
        help="score extraction (default) or dedup against labeled JSON Lines",
        description="strikewatch eval [extract] [FILE] | strikewatch eval dedup [FILE]; "
        "FILE defaults to the bundled development set under eval/.",
    )
    p.add_argument("args", nargs="*", metavar="[extract|dedup] [FILE]")
    p.add_argument("--json", action="store_true", help="extract: print the figures as JSON")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("topics", help="create the pipeline's Kafka topics, or describe them with lag")
    p.add_argument("action", choices=["create", "describe"])
    p.add_argument("--partitions", type=int, help="partitions of created topics (default: settings)")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("status", help="summarise running services from their /metrics and /readyz")
    p.add_argument("services", nargs="*", default=["localhost:9108"],
                   help="service addresses host:port (default localhost:9108)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("bench", help="benchmark every stage and end to end; print a table, write JSON")
    p.add_argument("--quick", action="store_true", help="small inputs: under a minute, for CI smoke runs")
    p.add_argument("--only", help="comma-separated benchmarks or groups: feeds,extraction,poll,poll_kafka,"
                   "processing,dedup,processor_kafka,alerts,run,kafka | producers,processors,sinks,e2e")
    p.add_argument("--json", type=Path, default=Path("bench-results/bench.json"), help="where to write JSON")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("producer", help="service: poll feeds and fetch articles into Kafka")
    p.add_argument("--role", choices=["all", "poller", "fetcher"], default="all",
                   help="run the feed poller, the article fetcher, or both (default)")
    p.add_argument("--once", action="store_true", help="poll each feed once, then keep fetching")
    p.set_defaults(func=cmd_producer)

    p = sub.add_parser("feeds", help="manage feeds: add|list|check|remove|import|export|discover",
                       add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="ACTION ...")
    p.set_defaults(func=cmd_feeds)

    p = sub.add_parser("processor", help="service: the faust app (classify, extract, dedup)")
    p.add_argument("--loglevel", default="info", choices=["crit", "error", "warn", "info", "debug"])
    p.set_defaults(func=cmd_processor)

    p = sub.add_parser("sink", help="service: alerts from the events topic to console and webhook")
    p.set_defaults(func=cmd_sink)

    # events list|show|export, subscriptions check
    from strikewatch.sinks.cli import add_parsers as add_sink_parsers

    add_sink_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.log_level)
    try:
        return args.func(args) or 0
    except UsageError as exc:
        print(f"strikewatch {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

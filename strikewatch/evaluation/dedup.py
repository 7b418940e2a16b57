"""`strikewatch eval dedup [FILE]`: score the dedup against labeled clusters.

FILE is JSON Lines of events as `strikewatch extract` writes them, each with a gold
``"cluster"`` label (format in eval/README.md); default eval/dedup-dev.jsonl. The
events run through the dedup in file order, as a stream would deliver them; the
predicted cluster of a report is the event id it got. Printed: pairwise and B-cubed
precision/recall/F1, cluster counts, every predicted event that merges distinct gold
clusters, and F1 at neighbouring thresholds (to tune ``MATCH_THRESHOLD`` on the dev
set only).
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import IO

from strikewatch.core.records import Event, RecordError, decode
from strikewatch.processors.dedup.scoring import MATCH_THRESHOLD
from strikewatch.processors.dedup.state import memory_state

log = logging.getLogger(__name__)

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "eval" / "dedup-dev.jsonl"
WINDOW_DAYS = 3


@dataclass(frozen=True)
class Scores:
    pair_precision: float
    pair_recall: float
    pair_f1: float
    b3_precision: float
    b3_recall: float
    b3_f1: float
    gold_clusters: int
    predicted_clusters: int
    #: predicted event id -> the gold clusters it merged (only where more than one)
    merges: dict[str, list[str]]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[str], predicted: list[str]) -> Scores:
    """Pairwise and B-cubed scores of a predicted clustering against gold labels."""
    n = len(gold)
    same_gold = same_pred = both = 0
    for i, j in combinations(range(n), 2):
        g, p = gold[i] == gold[j], predicted[i] == predicted[j]
        same_gold += g
        same_pred += p
        both += g and p
    pair_p = both / same_pred if same_pred else 1.0
    pair_r = both / same_gold if same_gold else 1.0

    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[str, list[int]] = defaultdict(list)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        by_gold[g].append(i)
        by_pred[p].append(i)
    overlap = Counter(zip(gold, predicted, strict=True))
    b3_p = (
        sum(overlap[gold[i], predicted[i]] / len(by_pred[predicted[i]]) for i in range(n)) / n
        if n
        else 1.0
    )
    b3_r = (
        sum(overlap[gold[i], predicted[i]] / len(by_gold[gold[i]]) for i in range(n)) / n
        if n
        else 1.0
    )

    merges = {}
    for p, members in by_pred.items():
        clusters = sorted({gold[i] for i in members})
        if len(clusters) > 1:
            merges[p] = clusters
    return Scores(
        pair_p,
        pair_r,
        _f1(pair_p, pair_r),
        b3_p,
        b3_r,
        _f1(b3_p, b3_r),
        len(by_gold),
        len(by_pred),
        merges,
    )


def load(lines: IO[str], name: str) -> tuple[list[Event], list[str]]:
    """Events and their gold clusters; bad lines are reported and skipped."""
    events, gold = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"skipped {where}: not JSON ({exc.msg} at column {exc.colno})", file=sys.stderr)
            continue
        cluster = data.get("cluster") if isinstance(data, dict) else None
        if not isinstance(cluster, str) or not cluster:
            print(f'skipped {where}: no "cluster" label', file=sys.stderr)
            continue
        try:
            event = decode(Event, data, where)
        except RecordError as exc:
            print(f"skipped {exc}", file=sys.stderr)
            continue
        if not event.id:
            event = event.model_copy(update={"id": f"line-{number}"})
        events.append(event)
        gold.append(cluster)
    return events, gold


def predict(
    events: list[Event], threshold: float = MATCH_THRESHOLD, window_days: int = WINDOW_DAYS
) -> list[str]:
    """Run the dedup over ``events`` in order; the event id each one got."""
    state = memory_state(window_days, threshold)
    return [state.add(event).event_id for event in events]


def report(scores: Scores, out: IO[str]) -> None:
    out.write(f"{'':10} {'precision':>9} {'recall':>7} {'F1':>6}\n")
    out.write(
        f"{'pairwise':10} {scores.pair_precision:9.3f} {scores.pair_recall:7.3f} {scores.pair_f1:6.3f}\n"
    )
    out.write(
        f"{'B-cubed':10} {scores.b3_precision:9.3f} {scores.b3_recall:7.3f} {scores.b3_f1:6.3f}\n"
    )
    out.write(f"clusters: gold {scores.gold_clusters}, predicted {scores.predicted_clusters}\n")
    out.write(f"merges of distinct gold clusters: {len(scores.merges)}\n")
    for event_id, clusters in sorted(scores.merges.items()):
        out.write(f"  {event_id}: {' + '.join(clusters)}\n")


def main(path: Path | None, out: IO[str]) -> int:
    path = path or DEFAULT_FILE
    try:
        with path.open(encoding="utf-8") as lines:
            events, gold = load(lines, str(path))
    except OSError as exc:
        print(f"strikewatch eval dedup: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not events:
        print(f"strikewatch eval dedup: {path}: no labeled event in the file", file=sys.stderr)
        return 2
    out.write(
        f"dedup eval: {path} ({len(events)} reports, threshold {MATCH_THRESHOLD}, window {WINDOW_DAYS} days)\n"
    )
    predicted = predict(events)
    scores = score(gold, predicted)
    report(scores, out)
    split = {
        g for g in set(gold) if len({p for p, h in zip(predicted, gold, strict=True) if h == g}) > 1
    }
    out.write(f"gold clusters split over several events: {len(split)}\n")
    for g in sorted(split):
        out.write(
            f"  {g}: {len({p for p, h in zip(predicted, gold, strict=True) if h == g})} events\n"
        )
    out.write("threshold sweep (tune on the dev set only):\n")
    out.write(f"  {'threshold':>9} {'pair F1':>8} {'B3 F1':>6} {'merges':>6}\n")
    for step in range(-4, 5):
        t = round(MATCH_THRESHOLD + 0.02 * step, 2)
        s = score(gold, predict(events, t))
        out.write(f"  {t:9.2f} {s.pair_f1:8.3f} {s.b3_f1:6.3f} {len(s.merges):6d}\n")
    out.flush()
    return 0

"""`strikewatch eval pipeline [FILE]`: score extraction and dedup together, from text.

FILE is labeled articles in the format of the independent sets (eval/README.md): each
gold event carries an ``event_key``, the same key for every report of one real attack.
The articles run as a stream would deliver them, in order of publication: each one is
classified and extracted, and every event it yields goes through the dedup. Then every
*mention* (one gold event of one report) is given the event id it ended up in:

- the mention is aligned with the most similar predicted event of its article, the way
  the field accuracies of ``strikewatch eval extract`` align them (same type family,
  country, date; one predicted event per gold event where the article has enough);
- a mention whose article yielded no event is *missed*: a cluster of its own.

B-cubed precision and recall over the mentions, with ``event_key`` as the gold label,
answer "is every attack one event, and every event one attack"; a predicted event that
holds mentions of two attacks is a *false merge* and is listed. So is every attack split
over several events, with what its events disagree on, and every event the pipeline made
from no attack (on a negative report, or a second event no gold event aligned with).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from strikewatch.core.records import Event
from strikewatch.evaluation.dedup import WINDOW_DAYS
from strikewatch.evaluation.dedup import score as cluster_score
from strikewatch.evaluation.extraction import Gold, align, read
from strikewatch.processors.dedup.scoring import MATCH_THRESHOLD
from strikewatch.processors.dedup.state import memory_state
from strikewatch.processors.extract import analyse

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "eval" / "independent-dev.jsonl"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class Mention:
    """One gold event of one report, and where the pipeline put it."""

    article: str
    key: str
    event: Event | None = None  # the aligned predicted event (None: missed)
    event_id: str = ""


@dataclass
class Result:
    articles: int = 0
    mentions: list[Mention] = field(default_factory=list)
    #: predicted events no gold event aligned with: (article, event id, is the article a negative)
    spurious: list[tuple[str, str, bool]] = field(default_factory=list)
    #: event id -> the merged event as the dedup holds it after the last report
    final: dict[str, Event] = field(default_factory=dict)


def _order(item: Gold) -> tuple[datetime, str]:
    return item.article.published or _EPOCH, item.article.id


def run(items: list[Gold], threshold: float = MATCH_THRESHOLD) -> Result:
    """Extract and dedup ``items`` in order of publication."""
    state = memory_state(WINDOW_DAYS, threshold)
    result = Result()
    for item in sorted(items, key=_order):
        result.articles += 1
        extracted = analyse(item.article).events
        ids = []
        for event in extracted:
            decision = state.add(event)
            ids.append(decision.event_id)
            result.final[decision.event_id] = decision.event
        aligned = align(item.events, extracted) if extracted else [None] * len(item.events)
        used = set()
        for ge, index in zip(item.events, aligned, strict=True):
            key = ge.get("event_key") or f"{item.article.id}#{len(result.mentions)}"
            mention = Mention(item.article.id, key)
            if index is not None:
                mention.event, mention.event_id = extracted[index], ids[index]
                used.add(index)
            result.mentions.append(mention)
        for index, event_id in enumerate(ids):
            if index not in used:
                result.spurious.append((item.article.id, event_id, not item.is_attack))
    return result


def _labels(result: Result) -> tuple[list[str], list[str]]:
    gold = [m.key for m in result.mentions]
    predicted = [m.event_id or f"missed:{m.article}:{i}" for i, m in enumerate(result.mentions)]
    return gold, predicted


def _describe(event: Event) -> str:
    loc = event.location
    place = f"{loc.name or '?'}/{loc.country or '?'}" if loc else "?"
    perp = event.perpetrator.name if event.perpetrator else "-"
    return (
        f"{event.event_type} {event.date or '?'} {place} perp={perp} "
        f"killed={event.killed} injured={event.injured}"
    )


def summary(result: Result) -> dict[str, Any]:
    gold, predicted = _labels(result)
    s = cluster_score(gold, predicted)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in result.mentions:
        by_key[m.key].append(m)
    split = {
        key: sorted({m.event_id or "missed" for m in ms})
        for key, ms in by_key.items()
        if len({m.event_id or f"missed:{i}" for i, m in enumerate(ms)}) > 1
    }
    events_per_attack = [len({m.event_id for m in ms if m.event_id}) for ms in by_key.values()]
    found = [n for n in events_per_attack if n]
    return {
        "articles": result.articles,
        "mentions": len(result.mentions),
        "missed_mentions": sum(1 for m in result.mentions if m.event is None),
        "attacks": len(by_key),
        "attacks_found": len(found),
        "events_per_found_attack": round(sum(found) / len(found), 3) if found else 0.0,
        "b3": {
            "precision": round(s.b3_precision, 3),
            "recall": round(s.b3_recall, 3),
            "f1": round(s.b3_f1, 3),
        },
        "pairwise": {
            "precision": round(s.pair_precision, 3),
            "recall": round(s.pair_recall, 3),
            "f1": round(s.pair_f1, 3),
        },
        "false_merges": dict(sorted(s.merges.items())),  # a missed mention is alone
        "split_attacks": split,
        "spurious_events": len(result.spurious),
        "spurious_on_negatives": sum(1 for _, _, negative in result.spurious if negative),
    }


def report(result: Result, out: IO[str], name: str, *, verbose: bool = False) -> None:
    d = summary(result)
    w = out.write
    w(
        f"pipeline eval: {name} ({d['articles']} articles, {d['mentions']} mentions of "
        f"{d['attacks']} attacks; threshold {MATCH_THRESHOLD}, window {WINDOW_DAYS} days)\n\n"
    )
    w(f"{'':<10}{'precision':>10}{'recall':>8}{'F1':>7}\n")
    for label, key in (("B-cubed", "b3"), ("pairwise", "pairwise")):
        f = d[key]
        w(f"{label:<10}{f['precision']:>10.3f}{f['recall']:>8.3f}{f['f1']:>7.3f}\n")
    w(
        f"\nattacks found: {d['attacks_found']}/{d['attacks']}; events per found attack: "
        f"{d['events_per_found_attack']:.2f}; mentions missed (no event): {d['missed_mentions']}\n"
    )
    w(f"false merges (one event, several attacks): {len(d['false_merges'])}\n")
    for event_id, keys in d["false_merges"].items():
        w(f"  {event_id}: {' + '.join(keys)}\n")
    w(
        f"events made from no attack: {d['spurious_events']} "
        f"({d['spurious_on_negatives']} on negative reports)\n"
    )
    w(f"attacks split over several events: {len(d['split_attacks'])}\n")
    if verbose:
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in result.mentions:
            by_key[m.key].append(m)
        for key in d["split_attacks"]:
            w(f"  {key}\n")
            for m in by_key[key]:
                told = _describe(m.event) if m.event else "missed"
                w(f"    {m.article:<14} {m.event_id or '-':<20} {told}\n")


def main(path: Path | None, out: IO[str], *, as_json: bool = False, verbose: bool = False) -> int:
    path = path or DEFAULT_FILE
    items = read(path, "pipeline")
    if items is None:
        return 2
    if not any(ge.get("event_key") for g in items for ge in g.events):
        print(
            f'strikewatch eval pipeline: {path}: no gold event has an "event_key" '
            "(the label that says which reports tell one attack)",
            file=sys.stderr,
        )
        return 2
    result = run(items)
    if as_json:
        json.dump({"file": str(path), **summary(result)}, out, indent=2)
        out.write("\n")
    else:
        report(result, out, str(path), verbose=verbose)
    return 0


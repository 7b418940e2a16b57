"""Score the classifier and event extractor against labeled JSON Lines.

``strikewatch eval [extract] [FILE]`` (default ``eval/extraction-dev.jsonl``; format in
``eval/README.md``). Three kinds of figures:

- **detection**: article level, predicted ``is_attack`` against the gold flag;
- **events**: a gold event is found when a predicted event of the same article has the
  same type family, the same country and a date within a day (each predicted event
  finds at most one gold event);
- **fields**: each gold event of an article that both gold and prediction call an
  attack is aligned with its most similar predicted event (same family, country, date,
  in that order of weight), and every field is compared on those pairs. Aligning on
  similarity rather than on the strict match keeps the country and date accuracies
  meaningful: on strictly matched events they would agree by construction.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from strikewatch.core.records import Article, Event
from strikewatch.processors.actors import described_names, find_actors
from strikewatch.processors.extract import analyse
from strikewatch.processors.gazetteer import normalize

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "eval" / "extraction-dev.jsonl"
FIELDS = ("event_type", "date", "country", "place", "perpetrator", "killed", "injured")
#: event types that analysts and outlets use for one another; matching is by family
FAMILIES = {
    "missile_attack": "projectile",
    "rocket_attack": "projectile",
    "drone_attack": "projectile",
    "air_strike": "projectile",
    "shelling": "projectile",
    "bombing": "explosive",
    "suicide_bombing": "explosive",
    "ied": "explosive",
    "shooting": "firearms",
    "armed_assault": "firearms",
    # GTD weapon types Melee and Vehicle
    "stabbing": "melee",
    "vehicle_ramming": "vehicle",
    "other_attack": "other",
}
_PLACE_STOP = {"air", "base", "international", "airport", "the", "of", "city", "al", "el"}


@dataclass
class Gold:
    line: int
    article: Article
    is_attack: bool
    events: list[dict[str, Any]]


@dataclass
class Scores:
    articles: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched_events: int = 0
    aligned: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _parse(data: Any, line: int) -> Gold:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    gold = data.get("gold")
    if not isinstance(gold, dict) or not isinstance(gold.get("is_attack"), bool):
        raise ValueError('no "gold" object with a boolean "is_attack"')
    events = gold.get("events", [])
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise ValueError('"gold.events" is not a list of objects')
    for e in events:
        if e.get("event_type") not in FAMILIES:
            raise ValueError(f"unknown event_type {e.get('event_type')!r}")
        if e.get("date"):
            date.fromisoformat(e["date"])
    fields = {k: data[k] for k in ("id", "url", "title", "text", "published") if k in data}
    fields.setdefault("id", f"line-{line}")
    return Gold(line, Article.model_validate(fields), gold["is_attack"], events)


def load(lines: IO[str], name: str) -> list[Gold]:
    """Labeled articles of a JSON Lines stream; bad lines are reported on stderr and skipped."""
    items = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            items.append(_parse(json.loads(raw), n))
        except json.JSONDecodeError as exc:
            print(f"{name}:{n}: skipped: not JSON ({exc.msg})", file=sys.stderr)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            print(f"{name}:{n}: skipped: {where}: {first['msg']}", file=sys.stderr)
        except (ValueError, TypeError) as exc:
            print(f"{name}:{n}: skipped: {exc}", file=sys.stderr)
    return items


def _days_apart(gold: dict[str, Any], event: Event) -> int | None:
    if not gold.get("date") or event.date is None:
        return None
    return abs((date.fromisoformat(gold["date"]) - event.date).days)


def _strict_match(gold: dict[str, Any], event: Event) -> bool:
    days = _days_apart(gold, event)
    return (
        FAMILIES[gold["event_type"]] == FAMILIES[event.event_type]
        and event.location is not None
        and event.location.country == gold.get("country")
        and days is not None
        and days <= 1
    )


def _similarity(gold: dict[str, Any], event: Event) -> tuple[int, int, int, int]:
    days = _days_apart(gold, event)
    return (
        int(FAMILIES[gold["event_type"]] == FAMILIES[event.event_type]),
        int(event.location is not None and event.location.country == gold.get("country")),
        int(days is not None and days <= 1),
        int(gold["event_type"] == event.event_type),
    )


def _canonical_actor(name: str) -> str:
    found = find_actors(name)
    return normalize(found[0].name if found else name)


def same_place(gold: str | None, event: Event) -> bool:
    """Gold place against the predicted location; no gold place means country level."""
    loc = event.location
    if not gold:
        return loc is None or loc.precision == "country"
    if loc is None:
        return False
    want = set(normalize(gold).replace(",", " ").split()) - _PLACE_STOP
    for name in (loc.name, loc.admin1):
        have = set(normalize(name).replace(",", " ").split()) - _PLACE_STOP
        if want and want <= have or (have and have <= want):
            return True
    return False


def same_perpetrator(gold: str | None, event: Event) -> bool:
    """Gold perpetrator (a named group or state; None when unnamed) against the prediction."""
    p = event.perpetrator
    if not gold:
        return p is None or p.name in described_names()
    if p is None:
        return False
    want = _canonical_actor(gold)
    return any(_canonical_actor(n) == want for n in [p.name, *p.aliases_matched])


def field_ok(name: str, gold: dict[str, Any], event: Event) -> bool:
    if name == "event_type":
        return event.event_type == gold["event_type"]
    if name == "date":
        return event.date is not None and event.date.isoformat() == gold.get("date")
    if name == "country":
        return event.location is not None and event.location.country == gold.get("country")
    if name == "place":
        return same_place(gold.get("place"), event)
    if name == "perpetrator":
        return same_perpetrator(gold.get("perpetrator"), event)
    return getattr(event, name) == gold.get(name)


def _got(name: str, e: Event) -> Any:
    if name in ("country", "place"):
        if e.location is None:
            return None
        return e.location.country if name == "country" else e.location.name
    if name == "perpetrator":
        return e.perpetrator.name if e.perpetrator else None
    value = getattr(e, name)
    return value.isoformat() if isinstance(value, date) else value


def align(gold_events: list[dict[str, Any]], events: list[Event]) -> list[int]:
    """For each gold event, the index of its most similar predicted event (``events`` not
    empty); one predicted event per gold event while there are enough of them."""
    free = list(range(len(events)))
    out = []
    for ge in gold_events:
        best = max(free or range(len(events)), key=lambda i: _similarity(ge, events[i]))
        if best in free and len(free) > 1:
            free.remove(best)
        out.append(best)
    return out


def score_article(g: Gold, predicted_attack: bool, events: list[Event], s: Scores) -> None:
    """Add one article's prediction to ``s``."""
    s.articles += 1
    aid = g.article.id
    if g.is_attack and predicted_attack:
        s.tp += 1
    elif g.is_attack:
        s.fn += 1
        s.false_negatives.append(aid)
    elif predicted_attack:
        s.fp += 1
        s.false_positives.append(aid)
    else:
        s.tn += 1
    s.gold_events += len(g.events)
    s.predicted_events += len(events)
    free = list(events)
    for ge in g.events:
        hit = next((e for e in free if _strict_match(ge, e)), None)
        if hit is not None:
            free.remove(hit)
            s.matched_events += 1
    if not (g.is_attack and events):
        return
    for ge, index in zip(g.events, align(g.events, events), strict=True):
        best = events[index]
        s.aligned += 1
        for name in FIELDS:
            if field_ok(name, ge, best):
                s.correct[name] += 1
            else:
                s.field_errors.append(
                    f"{aid}: {name} gold={ge.get(name)!r} got={_got(name, best)!r}"
                )


def evaluate(items: list[Gold]) -> Scores:
    s = Scores()
    for g in items:
        result = analyse(g.article)
        score_article(g, result.is_attack, result.events, s)
    return s


def summary(s: Scores) -> dict[str, Any]:
    dp, dr = _ratio(s.tp, s.tp + s.fp), _ratio(s.tp, s.tp + s.fn)
    ep, er = _ratio(s.matched_events, s.predicted_events), _ratio(s.matched_events, s.gold_events)
    return {
        "articles": s.articles,
        "detection": {
            "tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn,
            "precision": round(dp, 3), "recall": round(dr, 3), "f1": round(_f1(dp, dr), 3),
        },
        "events": {
            "gold": s.gold_events, "predicted": s.predicted_events, "matched": s.matched_events,
            "precision": round(ep, 3), "recall": round(er, 3), "f1": round(_f1(ep, er), 3),
        },
        "fields": {
            "aligned": s.aligned,
            **{n: round(_ratio(s.correct[n], s.aligned), 3) for n in FIELDS},
        },
        "false_positives": s.false_positives,
        "false_negatives": s.false_negatives,
    }  # fmt: skip


def report(s: Scores, out: IO[str], name: str) -> None:
    d = summary(s)
    det, ev, fl = d["detection"], d["events"], d["fields"]
    w = out.write
    w(f"extraction eval: {name} ({s.articles} articles)\n\n")
    w(f"{'':<22}{'precision':>10}{'recall':>8}{'F1':>7}   counts\n")
    w(
        f"{'detection (articles)':<22}{det['precision']:>10.3f}{det['recall']:>8.3f}{det['f1']:>7.3f}"
        f"   tp={s.tp} fp={s.fp} fn={s.fn} tn={s.tn}\n"
    )
    w(
        f"{'events':<22}{ev['precision']:>10.3f}{ev['recall']:>8.3f}{ev['f1']:>7.3f}"
        f"   gold={s.gold_events} predicted={s.predicted_events} matched={s.matched_events}\n"
    )
    w("  (event match: same type family, same country, date within 1 day)\n\n")
    w(f"{'field accuracy':<22}{'accuracy':>10}   correct/aligned\n")
    for n in FIELDS:
        w(f"{'  ' + n:<22}{fl[n]:>10.3f}   {s.correct[n]}/{s.aligned}\n")
    if s.false_positives:
        w(f"\nfalse positives: {', '.join(s.false_positives)}\n")
    if s.false_negatives:
        w(f"false negatives: {', '.join(s.false_negatives)}\n")


def read(path: Path, command: str) -> list[Gold] | None:
    """The labeled articles of ``path``; None, with a one-line error naming ``command``
    and the file on stderr, when it cannot be read or holds no labeled article."""
    try:
        with path.open(encoding="utf-8") as f:
            items = load(f, str(path))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(f"strikewatch eval {command}: cannot read {path}: {reason}", file=sys.stderr)
        return None
    if not items:
        print(f"strikewatch eval {command}: {path}: no labeled article in the file", file=sys.stderr)
        return None
    return items


def main(path: Path | None, out: IO[str], *, as_json: bool = False, verbose: bool = False) -> int:
    """Score extraction on ``path`` (default: the development set) and print a table."""
    path = path or DEFAULT_FILE
    items = read(path, "extract")
    if items is None:
        return 2
    s = evaluate(items)
    if as_json:
        json.dump({"file": str(path), **summary(s)}, out, indent=2)
        out.write("\n")
    else:
        report(s, out, str(path))
        if verbose:
            out.write("\n" + "\n".join(s.field_errors) + "\n")
    return 0


if __name__ == "__main__":  # python -m strikewatch.evaluation.extraction [FILE] [--json] [-v]
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    sys.exit(
        main(
            Path(args[0]) if args else None,
            sys.stdout,
            as_json="--json" in sys.argv,
            verbose="-v" in sys.argv,
        )
    )

"""What the end-to-end benchmark watches: per-stage progress and lag over the run, the
alerts the load must produce, and an explanation of every alert that did not arrive.

- :class:`StageSampler` reads, every second, how many messages each topic holds (links,
  articles, candidates, events) and how far each consumer group is behind its input, so
  the report names the slowest stage instead of one end-to-end number.
- :func:`expected_alerts` runs the same extraction and dedup in this process over the
  generated reports: the events the pipeline must alert, and the attack reports that are
  no event of their own by design (not detected, or merged into another report's event).
- :func:`explain` sorts every expected alert into arrived, late (after the deadline) or
  lost, naming the last topic its report reached (see :func:`trace_pages`).
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field

from strikewatch.bench.core import Row
from strikewatch.core.topics import Topics

#: The topics a report passes through, in order.
KINDS = ("links", "articles", "candidates", "events")

#: (stage name, its input topic, its consumer group suffix, its output topic)
STAGES = (
    ("poll", None, None, "links"),
    ("fetch", "links", "fetcher", "articles"),
    ("extract", "articles", "processor", "candidates"),
    ("dedup", "candidates", "processor", "events"),
    ("alert", "events", "sink", None),
)


@dataclass
class Sample:
    t: float
    produced: dict[str, int]  # topic kind -> messages in the topic
    lag: dict[str, int | None]  # stage -> messages behind on its input (None: no commit yet)


@dataclass
class StageSampler:
    """Samples topic sizes and consumer-group lag every ``every`` seconds in a thread."""

    bootstrap: str
    prefix: str
    every: float = 1.0
    samples: list[Sample] = field(default_factory=list)
    error: str = ""

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stage-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        from kafka import KafkaAdminClient, KafkaConsumer

        topics = Topics(self.prefix)
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False)  # no group
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap)
        try:
            while not self._stop.is_set():
                try:
                    self.samples.append(self._sample(consumer, admin, topics))
                except Exception as exc:  # noqa: BLE001 - a missed sample is not a failed run
                    self.error = f"{type(exc).__name__}: {exc}"
                self._stop.wait(self.every)
        finally:
            consumer.close()
            admin.close()

    def _sample(self, consumer, admin, topics: Topics) -> Sample:
        from kafka import TopicPartition

        ends: dict[TopicPartition, int] = {}
        produced: dict[str, int] = {}
        for kind in KINDS:
            name = getattr(topics, kind)
            parts = [TopicPartition(name, p) for p in consumer.partitions_for_topic(name) or ()]
            offsets = consumer.end_offsets(parts) if parts else {}
            ends.update(offsets)
            produced[kind] = sum(offsets.values())
        lag: dict[str, int | None] = {}
        names = {g: f"{self.prefix}-{g}" for _, source, g, _ in STAGES if source is not None}
        found = admin.list_group_offsets(list(dict.fromkeys(names.values())))
        for stage, source, group, _ in STAGES:
            if source is None:
                continue
            committed = found.get(names[group]) or {}
            name = getattr(topics, source)
            behind = [end - committed[tp].offset for tp, end in ends.items()
                      if tp.topic == name and tp in committed and committed[tp].offset >= 0]
            lag[stage] = sum(behind) if behind else None
        return Sample(time.perf_counter(), produced, lag)

    def latest(self) -> Sample | None:
        return self.samples[-1] if self.samples else None

    def rows(self, stage_name: str) -> list[Row]:
        """Per stage: messages out, rate while it grew, the largest backlog on its input
        (the sink's includes what it holds for the settle time: it commits after alerting)."""
        rows = []
        for stage, source, _, output in STAGES:
            lags = [s.lag[stage] for s in self.samples if s.lag.get(stage) is not None]
            peak = max(lags) if lags else None
            if output is None:
                if peak is not None:
                    rows.append(Row(stage_name, f"stage {stage}: max input lag", peak, "messages",
                                    note=f"{source} not yet committed by the sink group"))
                continue
            series = [(s.t, s.produced.get(output, 0)) for s in self.samples]
            final = series[-1][1] if series else 0
            grew = [t for t, c in series if c > 0]
            done = next((t for t, c in series if c >= final), None)
            rate = final / (done - grew[0]) if grew and done and done > grew[0] else None
            lag_note = f"; max input lag {peak:,}" if peak is not None else ""
            if rate is None:  # too few samples to tell a rate: no row rather than an empty one
                continue
            rows.append(Row(stage_name, f"stage {stage}: {output} out", rate, "msgs/s",
                            note=f"{final:,} {output}{lag_note}"))
        return rows


def progress(label: str, started: float, sampler: StageSampler, alerts: int, expected: int,
             out=sys.stderr) -> None:
    """One progress line on stderr: which stage holds how much, how many alerts arrived."""
    s = sampler.latest()
    stages = " ".join(f"{k}={v:,}" for k, v in (s.produced if s else {}).items())
    lags = " ".join(f"{k}={v:,}" for k, v in (s.lag if s else {}).items() if v)
    out.write(f"[bench {label}] {time.perf_counter() - started:5.1f}s {stages} alerts={alerts}/{expected}"
              f"{'  lag ' + lags if lags else ''}{'  (sampler: ' + sampler.error + ')' if sampler.error else ''}\n")
    out.flush()


@dataclass
class Expected:
    events: dict[str, set[str]]
    """event id -> the pages reporting it"""
    by_design: dict[str, str]
    """attack page -> why it is no event of its own"""
    messages: int
    """event messages (new and update) the processor emits"""


def expected_alerts(n_articles: int, window_days: int = 3) -> Expected:
    """What the generated load makes in the in-process pipeline (same extraction, same
    dedup): the events as sets of page paths, the attack pages that are no event of their
    own with the reason, and how many event messages the processor emits."""
    from prometheus_client import CollectorRegistry

    from strikewatch.bench.loadgen import make_articles, reports
    from strikewatch.core.metrics import Metrics
    from strikewatch.processors.core import candidate_events_or_copy
    from strikewatch.processors.dedup.state import memory_state
    from strikewatch.processors.neardup import NearDuplicateIndex

    metrics = Metrics(CollectorRegistry())
    index, state = NearDuplicateIndex(), memory_state(window_days)
    events: dict[str, set[str]] = {}
    by_design: dict[str, str] = {}
    messages = 0
    attacks = {f"pages/a{r['i']:06d}.html" for r in reports(n_articles) if r["attack"]}
    for article in make_articles(n_articles):
        page = article.url.split("bench.example/", 1)[1]
        candidates = candidate_events_or_copy(article, index, metrics)
        if not candidates and page in attacks:
            by_design[page] = "not detected as an attack"
        for candidate in candidates:
            decision = state.add(candidate)
            if decision.status != "duplicate":
                messages += 1
            pages = events.setdefault(decision.event_id, set())
            if pages and page in attacks and page not in pages:
                by_design[page] = f"merged into the event of {sorted(pages)[0]}"
            pages.add(page)
    return Expected(events, by_design, messages)


def trace_pages(bootstrap: str, prefix: str) -> dict[str, dict[str, float]]:
    """Page path -> {topic kind: when a message about it first reached that topic (epoch s)}."""
    from kafka import KafkaConsumer, TopicPartition

    topics = Topics(prefix)
    reached: dict[str, dict[str, float]] = {}
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    try:
        for kind in KINDS:
            name = getattr(topics, kind)
            parts = [TopicPartition(name, p) for p in consumer.partitions_for_topic(name) or ()]
            consumer.assign(parts)
            consumer.seek_to_beginning(*parts)
            ends = consumer.end_offsets(parts)
            deadline = time.monotonic() + 30
            # read up to the end offsets taken now (no idle timeout to wait out)
            while any(consumer.position(tp) < end for tp, end in ends.items()) and time.monotonic() < deadline:
                for messages in consumer.poll(timeout_ms=500).values():
                    for message in messages:
                        _note(reached, kind, message)
    finally:
        consumer.close()
    return reached


def _note(reached: dict[str, dict[str, float]], kind: str, message) -> None:
    import json

    try:
        record = json.loads(message.value)
    except ValueError:
        return
    urls = [record.get("url", "")] + [s.get("url", "") for s in record.get("sources", [])]
    for page in filter(None, map(page_of, urls)):
        reached.setdefault(page, {}).setdefault(kind, message.timestamp / 1000)


def page_of(url) -> str | None:
    """The generated page a URL points at (``pages/a000123.html``), if any."""
    if isinstance(url, str) and "/pages/" in url:
        return "pages/" + url.split("/pages/", 1)[1]
    return None


def last_topic(seen: dict[str, float]) -> str:
    return max(seen, key=_depth, default="")


def transit_rows(stage_name: str, appear_epoch: dict[str, float], reached: dict[str, dict[str, float]],
                 alerted_epoch: dict[str, float]) -> list[Row]:
    """Median time each hop took, per attack page: feed -> links -> articles -> candidates
    -> events -> alert delivered (Kafka message timestamps, CreateTime)."""
    from strikewatch.bench.e2e_run import percentile

    hops = (("appear", "links", "poll"), ("links", "articles", "fetch"),
            ("articles", "candidates", "extract"), ("candidates", "events", "dedup"),
            ("events", "alert", "alert"))
    rows = []
    slowest = ("", 0.0)
    for start, end, stage in hops:
        spans = []
        for page, seen in reached.items():
            times = {"appear": appear_epoch.get(page), **seen, "alert": alerted_epoch.get(page)}
            if times.get(start) is not None and times.get(end) is not None:
                spans.append(times[end] - times[start])
        if spans:
            p50 = percentile(spans, 50)
            slowest = max(slowest, (stage, p50), key=lambda x: x[1])
            rows.append(Row(stage_name, f"transit {stage}: {start} -> {end}", p50, "s",
                            note=f"p50 of {len(spans)} reports; p95 {percentile(spans, 95):.2f} s"))
    if slowest[0]:
        rows.append(Row(stage_name, "slowest stage (largest p50 transit)", slowest[1], "s", note=slowest[0]))
    return rows


@dataclass
class Verdict:
    expected: int
    arrived: int
    late: list[str]
    lost: list[str]
    by_design: dict[str, str]

    @property
    def complete(self) -> bool:
        return not self.late and not self.lost

    def summary(self) -> str:
        parts = [f"{self.arrived} of {self.expected} alerts"]
        if self.late:
            parts.append(f"{len(self.late)} late ({', '.join(self.late[:3])})")
        if self.lost:
            parts.append(f"{len(self.lost)} lost ({'; '.join(self.lost[:3])})")
        if self.by_design:
            parts.append(f"{len(self.by_design)} attack reports no event by design")
        return ", ".join(parts)


def explain(events: dict[str, set[str]], by_design: dict[str, str], arrivals: list[tuple[float, dict]],
            deadline: float, reached: dict[str, dict[str, float]]) -> Verdict:
    """Match every expected event to an alert by its pages; the rest are late or lost."""
    on_time: set[str] = set()
    late_pages: set[str] = set()
    for arrived, alert in arrivals:
        pages = set(filter(None, (page_of(s.get("url")) for s in alert["event"]["sources"])))
        (on_time if arrived <= deadline else late_pages).update(pages)
    late, lost = [], []
    for pages in events.values():
        if pages & on_time:
            continue
        first = sorted(pages)[0]
        if pages & late_pages:
            late.append(first)
        else:
            stage = max((last_topic(reached.get(p, {})) for p in pages), key=_depth)
            lost.append(f"{first} last seen on {stage or 'no topic'}")
    return Verdict(len(events), len(events) - len(late) - len(lost), late, lost, by_design)


def _depth(kind: str) -> int:
    return ("", *KINDS).index(kind)

"""processors/faust_fixes.py: stream partitions stay paused until the seek; the fetch never
reads an empty active set as "every partition".

The races themselves are reproduced on the real broker by
tests/test_operations_kafka.py::test_processor_sigterm_mid_stream_then_restart_opens_every_event_once
and tests/reliability/test_worker_crash.py; these tests pin the mechanism and the faust
internals it relies on, so an upgrade that moves them fails here first.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import defaultdict

from faust.tables.recovery import Recovery
from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
from faust.types import TP

from strikewatch.processors import faust_fixes

faust_fixes.install()

ARTICLES = [TP("sw.articles", 0), TP("sw.articles", 1)]
CHANGELOG = [TP("app-dedup-buckets-changelog", 0)]


class App:
    consumer_generation_id = 3


class FakeConsumer:
    """The parts of faust's Consumer the fix touches, with faust's own methods."""

    _get_active_partitions = Consumer._get_active_partitions
    _set_active_tps = Consumer._set_active_tps
    resume_partitions = Consumer.resume_partitions
    pause_partitions = Consumer.pause_partitions
    perform_seek = Consumer.perform_seek

    def __init__(self, committed: dict) -> None:
        self.app = App()
        self._active_partitions = None
        self._paused_partitions = set()
        self._read_offset = defaultdict(lambda: None)
        self._committed_offset = defaultdict(lambda: None)
        self.committed = committed
        self.seeks = 0
        self.active_during_seek: set = set()

    def assignment(self) -> set:
        return set(ARTICLES + CHANGELOG)

    def _is_changelog_tp(self, tp) -> bool:
        return tp.topic.endswith("-changelog")

    async def seek_to_committed(self):
        self.seeks += 1
        await asyncio.sleep(0)  # the fetcher runs here in a real worker
        self.active_during_seek = set(self._get_active_partitions())
        return dict(self.committed)


def paused_everything(consumer: FakeConsumer) -> FakeConsumer:
    consumer._set_active_tps(consumer.assignment())
    consumer.pause_partitions(consumer.assignment())
    return consumer


def test_install_is_idempotent_and_wraps_the_five_methods():
    wrapped = [Consumer.resume_partitions, Consumer.perform_seek, Recovery._resume_streams,
               Recovery.on_recovery_completed, AIOKafkaConsumerThread._fetch_records]
    faust_fixes.install()
    assert [Consumer.resume_partitions, Consumer.perform_seek, Recovery._resume_streams,
            Recovery.on_recovery_completed, AIOKafkaConsumerThread._fetch_records] == wrapped
    for method in wrapped:
        assert hasattr(method, "__wrapped__"), method
        assert not hasattr(method.__wrapped__, "__wrapped__"), f"wrapped twice: {method}"


def test_the_faust_internals_relied_on_have_the_expected_shape():
    # If an upgrade renames or reshapes these, the fix would silently stop applying.
    params = lambda f: list(inspect.signature(f.__wrapped__).parameters)  # noqa: E731
    assert params(Recovery._resume_streams) == ["self", "generation_id"]
    assert params(Recovery.on_recovery_completed) == ["self", "generation_id"]
    assert params(Consumer.perform_seek) == ["self"]
    assert params(Consumer.resume_partitions) == ["self", "tps"]
    assert params(AIOKafkaConsumerThread._fetch_records) == [
        "self", "consumer", "active_partitions", "timeout", "max_records"]
    source = inspect.getsource(Recovery._resume_streams.__wrapped__)
    assert source.index("resume_partitions") < source.index("perform_seek"), (
        "faust now seeks before resuming: the hold may no longer be needed")


def test_stream_partitions_resumed_during_recovery_wait_for_the_seek():
    consumer = paused_everything(FakeConsumer({ARTICLES[0]: 2, ARTICLES[1]: 4}))
    faust_fixes._hold(consumer)
    consumer.resume_partitions(ARTICLES + CHANGELOG)
    # Only the changelog may be fetched before the seek.
    assert consumer._get_active_partitions() == set(CHANGELOG)

    asyncio.run(consumer.perform_seek())
    assert consumer.seeks == 1
    assert consumer.active_during_seek == set(CHANGELOG)
    assert consumer._get_active_partitions() == set(ARTICLES + CHANGELOG)
    # The read-offset filter starts at the committed offsets, nothing read beyond them.
    assert consumer._read_offset[ARTICLES[0]] == 2 and consumer._read_offset[ARTICLES[1]] == 4


def test_without_a_recovery_in_progress_resume_is_immediate():
    consumer = paused_everything(FakeConsumer({}))
    consumer.resume_partitions(ARTICLES)
    assert consumer._get_active_partitions() == set(ARTICLES)


def test_a_rebalance_during_the_seek_leaves_resuming_to_the_next_recovery():
    consumer = paused_everything(FakeConsumer({ARTICLES[0]: 2}))
    faust_fixes._hold(consumer)
    consumer.resume_partitions(ARTICLES)
    consumer.app.consumer_generation_id = 4  # the group rebalanced meanwhile
    asyncio.run(consumer.perform_seek())
    assert consumer._get_active_partitions() == set()


def test_held_partitions_are_released_even_when_the_seek_fails():
    consumer = paused_everything(FakeConsumer({}))

    async def broken_seek():
        raise RuntimeError("broker went away")

    consumer.seek_to_committed = broken_seek
    faust_fixes._hold(consumer)
    consumer.resume_partitions(ARTICLES)
    try:
        asyncio.run(consumer.perform_seek())
    except RuntimeError:
        pass
    else:
        raise AssertionError("the seek error must propagate")
    assert consumer._get_active_partitions() == set(ARTICLES)
    assert not consumer._sw_holding


def test_active_view_is_live_and_never_means_every_partition():
    live = {ARTICLES[0]}
    view = faust_fixes.ActiveView(live)
    assert view and ARTICLES[0] in view and ARTICLES[1] not in view
    live.clear()  # recovery paused the last active partition while a fetch waited
    assert view, "an empty set would make aiokafka return the records of every partition"
    assert ARTICLES[0] not in view
    live.add(ARTICLES[1])
    assert ARTICLES[1] in view


def test_fetch_hands_aiokafka_the_view(monkeypatch):
    seen = {}

    class Fetcher:
        _closed = False

        class _subscriptions:
            @staticmethod
            def fetch_context():
                import contextlib

                return contextlib.nullcontext()

        async def fetched_records(self, partitions, timeout=0, max_records=None):
            seen["partitions"] = partitions
            # aiokafka's test for "skip this partition":
            return {tp: ["record"] for tp in ARTICLES if not (partitions and tp not in partitions)}

    class KafkaConsumer:
        _closed = False
        _fetcher = Fetcher()

    thread = object.__new__(AIOKafkaConsumerThread)
    thread.consumer = type("C", (), {"flow_active": True})()
    active: set = set()  # every partition paused
    records = asyncio.run(AIOKafkaConsumerThread._fetch_records(thread, KafkaConsumer(), active, timeout=0.1))
    assert isinstance(seen["partitions"], faust_fixes.ActiveView)
    assert records == {}
    active.add(ARTICLES[1])
    records = asyncio.run(AIOKafkaConsumerThread._fetch_records(thread, KafkaConsumer(), active, timeout=0.1))
    assert list(records) == [ARTICLES[1]]

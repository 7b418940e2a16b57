"""Fixes for two start-up races in faust-streaming 0.15.3 that can skip a message.

What goes wrong (docs/reliability.md, "Processor restart"): after a rebalance, faust's
table recovery makes the stream partitions (articles, candidates) fetchable *before* it
seeks them to their committed offsets. Its fetcher is already running (it was started to
read the changelog), so records of those partitions are handed to the agents while the
seek is still awaiting the broker. The seek then resets faust's "read offset" filter to
the committed offset, the records already in hand move it forward again, and when the
fetcher re-reads from the committed offset the filter drops the records below it as
"already read". A record that was in that first batch but did not reach its agent is
then never processed: data loss, seen about one restart in three with a changelog to
recover, plus records processed twice.

The second race feeds the first: faust hands aiokafka its live set of active
partitions, and aiokafka reads an *empty* set as "every partition". When recovery pauses
the changelog partitions while a fetch is waiting, the set becomes empty and aiokafka
returns records of paused stream partitions too; faust then discards them (not active),
but aiokafka's position has moved past them.

The fixes:

1. keep the stream partitions of a recovery paused (at faust's level: the fetcher does
   not hand out their records) until the seek to the committed offsets has finished, so
   the first record an agent sees after a rebalance is the one at the committed offset
   (changelog partitions are not held: recovery reads them in between);
2. give aiokafka a live view of the active set that is never "empty = all": with no
   active partition, a fetch waits out its timeout and returns nothing.

:func:`install` wraps five faust methods and changes nothing else; it is idempotent and
is called when ``strikewatch.processors.app`` is imported. ``tests/processors/test_faust_fixes.py``
checks the wrapped methods still exist with the signatures this relies on, so an upgrade
of faust that moves them fails loudly instead of silently dropping the fix.
"""

from __future__ import annotations

import functools
import logging

from faust.tables.recovery import Recovery
from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

log = logging.getLogger(__name__)

_MARK = "_strikewatch_fixed"


def _hold(consumer) -> None:
    """From now on, stream partitions that recovery resumes are held back."""
    consumer._sw_holding = True
    consumer._sw_held = set()
    consumer._sw_generation = consumer.app.consumer_generation_id


def _release(consumer) -> None:
    """Resume the held stream partitions (those still assigned in the same generation)."""
    if not getattr(consumer, "_sw_holding", False):
        return
    consumer._sw_holding = False
    held, consumer._sw_held = consumer._sw_held, set()
    if consumer.app.consumer_generation_id != consumer._sw_generation:
        # Rebalanced again meanwhile: the next recovery resumes what is then assigned.
        return
    try:
        held &= consumer.assignment()
    except Exception as exc:  # the consumer is stopping: nothing left to resume
        log.debug("held stream partitions not resumed: %s", exc)
        return
    if held:
        # faust's own resume (the wrapper would hold them again while holding is on).
        Consumer.resume_partitions.__wrapped__(consumer, held)


class ActiveView:
    """Membership in faust's live set of active partitions, never falsy.

    aiokafka's ``Fetcher.fetched_records(partitions)`` skips a partition only when
    ``partitions`` is truthy and the partition is not in it.
    """

    __slots__ = ("_tps",)

    def __init__(self, tps) -> None:
        self._tps = tps

    def __contains__(self, tp) -> bool:
        return tp in self._tps

    def __bool__(self) -> bool:
        return True


def _holding_streams(recovery_step):
    """``recovery_step`` (a Recovery method that resumes and seeks the stream partitions)
    with stream partitions held back from its start until its seek is done."""

    @functools.wraps(recovery_step)
    async def step(self, generation_id: int = 0):
        consumer = self.app.consumer
        _hold(consumer)
        try:
            return await recovery_step(self, generation_id=generation_id)
        finally:
            _release(consumer)

    return step


def install() -> None:
    if getattr(Consumer, _MARK, False):
        return
    original_resume = Consumer.resume_partitions
    original_seek = Consumer.perform_seek
    original_resume_streams = Recovery._resume_streams
    original_completed = Recovery.on_recovery_completed
    original_fetch = AIOKafkaConsumerThread._fetch_records

    @functools.wraps(original_resume)
    def resume_partitions(self, tps):
        tps = set(tps)
        if getattr(self, "_sw_holding", False):
            streams = {tp for tp in tps if not self._is_changelog_tp(tp)}
            if streams:
                self._sw_held |= streams
                tps -= streams
        return original_resume(self, tps)

    @functools.wraps(original_seek)
    async def perform_seek(self):
        try:
            await original_seek(self)
        finally:
            # Seeked (or failed: then the worker crashes or rebalances anyway).
            _release(self)

    @functools.wraps(original_fetch)
    async def _fetch_records(self, consumer, active_partitions, timeout=None, max_records=None):
        if active_partitions is not None:
            active_partitions = ActiveView(active_partitions)
        return await original_fetch(
            self, consumer, active_partitions, timeout=timeout, max_records=max_records
        )

    AIOKafkaConsumerThread._fetch_records = _fetch_records
    Consumer.resume_partitions = resume_partitions
    Consumer.perform_seek = perform_seek
    Recovery._resume_streams = _holding_streams(original_resume_streams)
    Recovery.on_recovery_completed = _holding_streams(original_completed)
    setattr(Consumer, _MARK, True)
    log.debug("faust start-up fix installed")

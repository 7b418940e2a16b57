"""Hold each event's alert for a short settle time, so reports that arrive together make one alert.

Twenty outlets publish one attack within seconds of each other; the processor
emits the event as ``new`` and then ``update`` for each material detail a later
report adds. Holding the alert ``settle_seconds`` and keeping only the latest
revision turns that burst into one alert (still ``new``) with the fuller picture.
Updates that come after the alert was sent are alerted as updates.

The coalescer also tells the consumer which offsets are safe to commit: never
past a message whose alert is still held.
"""

from __future__ import annotations

from dataclasses import dataclass

from strikewatch.core.records import Event


@dataclass
class _Held:
    event: Event
    due: float
    status: str
    partition: int
    offset: int  # offset of the first message folded into this alert


class Coalescer:
    def __init__(self, settle_seconds: float):
        self.settle_seconds = settle_seconds
        self._held: dict[str, _Held] = {}

    def __len__(self) -> int:
        return len(self._held)

    def add(self, event: Event, now: float, partition: int = 0, offset: int = 0) -> None:
        held = self._held.get(event.event_id)
        if held is None:
            self._held[event.event_id] = _Held(event, now + self.settle_seconds, event.status, partition, offset)
        elif event.revision >= held.event.revision:
            held.event = event

    def due(self, now: float) -> list[Event]:
        """Pop and return the events whose settle time is over (all with ``now=inf``)."""
        ready = [key for key, held in self._held.items() if held.due <= now]
        return [self._release(key) for key in ready]

    def ready(self, now: float) -> list[Event]:
        """The events whose settle time is over, still held until :meth:`done`."""
        return [held.event.model_copy(update={"status": held.status})
                for held in self._held.values() if held.due <= now]

    def done(self, event_id: str) -> None:
        """The event's alert was delivered: stop holding it (and its offset)."""
        self._held.pop(event_id, None)

    def _release(self, key: str) -> Event:
        held = self._held.pop(key)
        return held.event.model_copy(update={"status": held.status})

    def held_offsets(self) -> dict[int, int]:
        """Per partition, the smallest offset still held (commit no further than this)."""
        lowest: dict[int, int] = {}
        for held in self._held.values():
            if held.partition not in lowest or held.offset < lowest[held.partition]:
                lowest[held.partition] = held.offset
        return lowest

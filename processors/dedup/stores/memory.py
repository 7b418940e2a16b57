"""The dedup store in a plain dict; texts (the full events) kept zlib-compressed."""

from __future__ import annotations

import zlib
from typing import Any

#: What every event's JSON repeats (field names, URL and time shapes): a preset
#: dictionary halves the compressed size of a short text. Memory only, never persisted.
_ZDICT = (
    b'"killed_at_least":true,"injured_at_least":true,"date_precision":"month","status":"update",'
    b'"revision":2,"confidence":0.8,"article_count":2,"evidence":[{"field":"killed","text":"",'
    b'"start":0,"end":0,"article_id":""}],"first_seen":"2024-06-01T00:00:00Z","last_updated":'
    b'"2024-06-01T00:00:00Z"}],"sources":[{"url":"https://www.","outlet":"","article_id":"",'
    b'"published":"2024-06-01T00:00:00Z","fetched":"2024-06-01T00:00:00Z"}],"summary":"The attack '
    b'killed people and wounded others, officials said.","killed":1,"injured":1,"target":'
    b'{"category":"civilians","name":""},"perpetrator":{"name":"","aliases_matched":[]},'
    b'"location":{"name":"","admin1":"","country":"","lat":0.0,"lon":0.0,"precision":"city"},'
    b'"weapon":"","date":"2024-06-01","{"event_id":"ev-","id":"","event_type":"'
)


class MemoryStore:
    """The store in a plain dict; texts (the full events) kept zlib-compressed."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        value = self.data.get(key)
        if isinstance(value, bytes):
            inflate = zlib.decompressobj(zdict=_ZDICT)
            return (inflate.decompress(value) + inflate.flush()).decode("utf-8")
        return value

    def put(self, key: str, value: Any) -> None:
        if isinstance(value, str):
            deflate = zlib.compressobj(zdict=_ZDICT)
            value = deflate.compress(value.encode("utf-8")) + deflate.flush()
        self.data[key] = value

    def delete(self, key: str) -> None:
        self.data.pop(key, None)

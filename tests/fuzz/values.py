"""Hostile values drawn from fuzzer bytes: the structure-aware half of the fuzz targets.

Raw bytes rarely get past a JSON, XML or YAML parser, so the targets build documents from
fields whose values come from here: NaN and infinities, 1e308 and 5,000-digit numbers,
dates in year 1 or 9999 with offsets of a day, lone surrogates, deep nesting, bytes that
are not UTF-8. ``src`` is an ``atheris.FuzzedDataProvider``.
"""

from __future__ import annotations

import json
import math
import types
import typing
from datetime import date, datetime

from pydantic import BaseModel

FLOATS = [math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, -0.0, 0.0, 0.5, 1.0,
          1.0000001, 90.0, -90.0, 90.0000001, 180.0, -180.0, 180.0000001, 359.9]  # fmt: skip
INTS = [0, 1, -1, 2, 3, 10_000_000, 10_000_001, 2**31, 2**63, -(2**63), 10**30]
YEARS = [1, 2, 1899, 1900, 1901, 1970, 2023, 2024, 2099, 2100, 2101, 9998, 9999]
MONTH_DAYS = [(1, 1), (12, 31), (2, 29), (2, 30), (13, 1), (3, 1), (11, 21), (0, 0)]
TIMES = ["00:00:00", "23:59:59", "23:59:59.999999", "12:00", "24:00:00", "23:59:60", "00:00"]
OFFSETS = ["Z", "+00:00", "-00:00", "+23:59", "-23:59", "+14:00", "-12:00", "", "+24:00",
           "+05:30", "-05:00", "+0100"]  # fmt: skip
#: Timestamps as numbers (pydantic reads a number as seconds or milliseconds since 1970).
TIMESTAMPS = [0, -1, -2208988800, 4102444800, 4133980799, 253402300799, 253402300800,
              1e20, -1e20, 1.5e12, math.nan, math.inf]  # fmt: skip
NASTY_TEXT = ["", " ", "\x00", "\ud800", "\udfff", "\ufffe", "\u2028", "\u0085", "\r\n", "é",
              "\U0001f4a5", "\u202e", "<script>", "&amp;", "%s", "{}", "\\", '"']  # fmt: skip
BAD_UTF8 = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80", b"\xe2\x82"]


class Raw:
    """JSON text written as is: numbers no encoder writes, deep nesting, bare surrogates."""

    def __init__(self, text: str):
        self.text = text


def pick(src, options):
    return options[src.ConsumeIntInRange(0, len(options) - 1)]


def text(src, limit: int = 40) -> str:
    """Short text: nasty characters, fuzzed code points or both."""
    parts = []
    for _ in range(src.ConsumeIntInRange(0, 3)):
        if src.ConsumeBool():
            parts.append(pick(src, NASTY_TEXT))
        else:
            parts.append(src.ConsumeUnicode(src.ConsumeIntInRange(0, limit)))
    return "".join(parts)


def number(src, integer: bool = False):
    kind = src.ConsumeIntInRange(0, 5)
    if kind == 0:
        return pick(src, INTS)
    if kind == 1:
        return src.ConsumeIntInRange(-(10**12), 10**12)
    if kind == 2:
        return pick(src, FLOATS) if not integer else pick(src, INTS)
    if kind == 3:
        return src.ConsumeRegularFloat() if not integer else src.ConsumeInt(8)
    if kind == 4:  # literals that overflow or exceed Python's int-from-text limit
        return Raw(pick(src, ["1e400", "-1e400", "1E999999", "-0", "0.0e-99999", "1" + "0" * 400,
                              "9" * src.ConsumeIntInRange(1, 6000)]))  # fmt: skip
    return src.ConsumeFloat()


def datetime_text(src) -> str:
    year = pick(src, YEARS) if src.ConsumeBool() else src.ConsumeIntInRange(0, 10000)
    month, day = pick(src, MONTH_DAYS)
    sep = pick(src, ["T", " ", "t", "_"])
    return f"{year:04d}-{month:02d}-{day:02d}{sep}{pick(src, TIMES)}{pick(src, OFFSETS)}"


def datetime_value(src):
    kind = src.ConsumeIntInRange(0, 4)
    if kind <= 1:
        return datetime_text(src)
    if kind == 2:
        return pick(src, TIMESTAMPS)
    if kind == 3:
        return datetime_text(src)[:10]
    return text(src)


def date_value(src):
    kind = src.ConsumeIntInRange(0, 3)
    if kind == 0:
        return datetime_text(src)
    if kind == 1:
        return pick(src, TIMESTAMPS)
    return datetime_text(src)[:10]


def nested(src) -> Raw:
    """Brackets or objects nested up to 120,000 deep, closed or not."""
    depth = pick(src, [10, 999, 1001, 5000, 120_000]) if src.ConsumeBool() else src.ConsumeIntInRange(0, 3000)
    if src.ConsumeBool():
        return Raw("[" * depth + "]" * depth)
    return Raw('{"a":' * depth + "1" + "}" * (depth if src.ConsumeBool() else 0))


def _unwrap(annotation):
    """``X | None`` -> X, ``Annotated[X, ...]`` -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def for_annotation(src, annotation, depth: int):
    """A value for a field of this type: usually of the right kind, sometimes not."""
    if src.ConsumeIntInRange(0, 9) == 9:
        return anything(src, depth)
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        options = list(typing.get_args(annotation))
        return text(src) if src.ConsumeIntInRange(0, 7) == 7 else pick(src, options)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [for_annotation(src, item, depth + 1) for _ in range(src.ConsumeIntInRange(0, 3))]
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return record(src, annotation, depth + 1)
        if issubclass(annotation, datetime):
            return datetime_value(src)
        if issubclass(annotation, date):
            return date_value(src)
        if issubclass(annotation, bool):
            return src.ConsumeBool()
        if issubclass(annotation, int):
            return number(src, integer=True)
        if issubclass(annotation, float):
            return number(src)
    return text(src)


def anything(src, depth: int = 0):
    kind = src.ConsumeIntInRange(0, 7 if depth < 4 else 4)
    if kind == 0:
        return None
    if kind == 1:
        return number(src)
    if kind == 2:
        return text(src)
    if kind == 3:
        return datetime_value(src)
    if kind == 4:
        return nested(src)
    if kind == 5:
        return [anything(src, depth + 1) for _ in range(src.ConsumeIntInRange(0, 3))]
    return {text(src, 8): anything(src, depth + 1) for _ in range(src.ConsumeIntInRange(0, 3))}


def record(src, cls: type[BaseModel], depth: int = 0) -> dict:
    """A JSON object for ``cls``: some of its fields (by alias), each with a hostile value.

    A provider out of bytes answers the lowest choice, so rare branches take the highest.
    """
    if depth > 3:
        return {}
    obj = {}
    for name, field in cls.model_fields.items():
        if src.ConsumeIntInRange(0, 3) == 0:
            continue
        obj[field.alias or name] = for_annotation(src, field.annotation, depth)
    if src.ConsumeIntInRange(0, 7) == 7:
        obj[text(src, 8)] = anything(src, depth + 1)
    return obj


def dumps(value) -> str:
    """JSON text of ``value``; :class:`Raw` parts verbatim, floats as NaN/Infinity when so."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(value)


def encoded(src, line: str) -> bytes:
    """``line`` as UTF-8, sometimes with bytes that are not UTF-8 spliced in, or cut short."""
    data = line.encode("utf-8", errors="surrogatepass")
    kind = src.ConsumeIntInRange(0, 5)
    if kind == 0 and data:
        at = src.ConsumeIntInRange(0, len(data))
        data = data[:at] + pick(src, BAD_UTF8) + data[at:]
    elif kind == 1 and data:
        data = data[: src.ConsumeIntInRange(0, len(data))]
    return data

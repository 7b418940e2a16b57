"""Every event type has its label and colour on the map page (no browser needed).

The page names and colours the types in format.js (TYPES: the legend, the type filter,
the list and the panel) and again in app.css (the swatches, one class per type: the page may
not write styles as attributes). A type added to records.EventType and forgotten here
would be drawn in the fallback grey and named by its code.
"""

from __future__ import annotations

import re
from pathlib import Path

from strikewatch.core.records import EVENT_TYPES

STATIC = Path(__file__).resolve().parents[2] / "strikewatch" / "api" / "static"

JS_ENTRY = re.compile(r'\[\s*"([a-z_]+)"\s*,\s*"([^"]+)"\s*,\s*"(#[0-9a-fA-F]{6})"\s*\]')
CSS_RULE = re.compile(r"\.type-([a-z_]+)\s*\{\s*background:\s*(#[0-9a-fA-F]{6})\s*;?\s*\}")


def page_types() -> list[tuple[str, str, str]]:
    """(type, label, colour) of TYPES in format.js, in their order."""
    source = (STATIC / "format.js").read_text()
    block = re.search(r"export const TYPES = \[\n(.*?)\n\s*\];", source, re.S)
    assert block, "no `export const TYPES = [...]` table in format.js"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    entries = [JS_ENTRY.search(line) for line in lines]
    unreadable = [line.strip() for line, m in zip(lines, entries, strict=True) if not m]
    assert not unreadable, f"TYPES lines not of the form [\"type\", \"Label\", \"#rrggbb\"]: {unreadable}"
    return [m.groups() for m in entries]


def css_colours() -> dict[str, str]:
    rules = CSS_RULE.findall((STATIC / "app.css").read_text())
    assert len({name for name, _ in rules}) == len(rules), "a .type-* class is defined twice in app.css"
    return {name: colour.lower() for name, colour in rules}


def test_the_page_names_every_event_type_in_the_vocabulary_order():
    types = page_types()
    names = [t for t, _, _ in types]
    assert names == list(EVENT_TYPES), (
        f"format.js TYPES: missing {sorted(set(EVENT_TYPES) - set(names))}, "
        f"unknown {sorted(set(names) - set(EVENT_TYPES))}, or not in records.EventType's order")
    labels = [label for _, label, _ in types]
    assert all(label.strip() for label in labels) and len(set(labels)) == len(labels)


def test_every_event_type_has_a_colour_of_its_own_and_its_swatch_the_same():
    types = page_types()
    colours = [colour.lower() for _, _, colour in types]
    assert len(set(colours)) == len(colours), "two event types share a colour"
    css = css_colours()
    assert set(css) == set(EVENT_TYPES), (
        f"app.css .type-* classes: missing {sorted(set(EVENT_TYPES) - set(css))}, "
        f"unknown {sorted(set(css) - set(EVENT_TYPES))}")
    assert {t: c.lower() for t, _, c in types} == css

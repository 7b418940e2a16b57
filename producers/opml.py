"""OPML import and export of the feed list (the format every feed reader speaks)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from pydantic import ValidationError

from strikewatch.producers.feeds import Feed


class OpmlError(ValueError):
    """The document is not usable OPML; the message says why."""


def to_opml(feeds: Iterable[Feed], title: str = "strikewatch feeds") -> str:
    """An OPML 2.0 document with one ``<outline type="rss">`` per feed."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.label, "xmlUrl": feed.url}
        if feed.name:
            attrs["title"] = feed.name
        for key, value in (feed.model_extra or {}).items():
            if isinstance(value, str | int | float) and key not in attrs:
                attrs[key] = str(value)
        etree.SubElement(body, "outline", attrs)
    xml = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml


def from_opml(content: bytes | str, source: str = "OPML") -> list[Feed]:
    """The feeds of an OPML document: every outline with an ``xmlUrl``, nested folders included.

    Outlines with an unusable URL are skipped; duplicates are dropped.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    # No entities, no network: OPML files come from anywhere.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"{source}: not valid XML: {exc}") from None
    if root.tag != "opml":
        raise OpmlError(f"{source}: not OPML (root element <{root.tag}>, expected <opml>)")
    feeds: list[Feed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        name = (outline.get("title") or outline.get("text") or "").strip()
        if name == url:
            name = ""  # our export writes the URL as text when a feed has no name
        try:
            feeds.append(Feed(url=url, name=name))
        except ValidationError:
            continue
        seen.add(url)
    return feeds

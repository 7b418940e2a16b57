"""Pure checks on a fetched article page: its real encoding, paywalls and consent walls, AMP links.

Everything here works on bytes or text already in memory; no network.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import charset_normalizer

# Pages are hostile input: every pattern here runs in time linear in the page. A tag is
# matched up to the next '<' (``[^<>]``), never across the rest of the page, and an
# attribute name only from its start (the lookbehind); patterns like ``<link[^>]*>`` or
# ``<script.*?</script>`` rescan the page from every '<' and take minutes on 200 kB of
# unclosed tags.
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_LINK_TAG = re.compile(r"<link\b[^<>]*>", re.I)
_ATTR = re.compile(r"""(?<![a-zA-Z-])([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HTML_TAG = re.compile(r"<html\b[^<>]*>", re.I)
_JSON_LD_OPEN = re.compile(
    r"""<script\b[^<>]*?type\s*=\s*["']application/ld\+json["'][^<>]*>""", re.I
)
_BLOCK_OPEN = re.compile(r"<(script|style)\b[^<>]*>", re.I)
_BLOCK_END = {
    "script": re.compile(r"</script>", re.I),
    "style": re.compile(r"</style>", re.I),
}
_NOT_FREE = re.compile(r""""isAccessibleForFree"\s*:\s*"?(false|False|FALSE)"?""")
_PAYWALL_MARKERS = re.compile(
    r"""(class|id)\s*=\s*["'][^"']*\b(paywall|regwall|piano-offer|subscriber-only|premium-content|"""
    r"""meteredContent|article-locked)\b""",
    re.I,
)
_CONSENT_MARKERS = re.compile(
    r"(cookie|consent|privacy)[^<]{0,200}\b(accept|agree|reject|manage (your )?(choices|options|preferences))",
    re.I,
)
_TAG = re.compile(r"<[^<>]+>")

#: Extracted text shorter than this on a page with wall markers means the wall is all there is.
WALL_TEXT_CHARS = 1000


def decode_page(content: bytes, declared: str | None) -> str:
    """The page as text, robust to a Content-Type charset that lies.

    Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the header says (the
    commonest lie is a server default of ISO-8859-1); otherwise the declared
    charset, then the page's ``<meta charset>``, then charset-normalizer's guess.
    """
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text.removeprefix("\ufeff")
    candidates = [declared]
    meta = _META_CHARSET.search(content[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for charset in candidates:
        if not charset or _is_utf8(charset):
            continue
        try:
            return content.decode(charset)
        # UnicodeError, not only UnicodeDecodeError: codecs such as 'undefined' and 'idna'
        # raise the base class, and the page itself names the charset
        except (LookupError, UnicodeError):
            continue
    best = charset_normalizer.from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return content.decode(best.encoding, errors="replace")
    return content.decode("utf-8", errors="replace")


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def visible_text(html: str) -> str:
    """Rough visible text of a page (scripts, styles and tags removed), whitespace collapsed."""
    parts, pos = [], 0
    while (block := _BLOCK_OPEN.search(html, pos)) is not None:
        end = _BLOCK_END[block.group(1).lower()].search(html, block.end())
        if end is None:
            break  # unclosed: only its tag goes, as any tag
        parts.append(html[pos : block.start()])
        pos = end.end()
    parts.append(html[pos:])
    return " ".join(_TAG.sub(" ", " ".join(parts)).split())


def _json_ld_blocks(html: str):
    """The bodies of the page's JSON-LD scripts, in one forward scan."""
    pos = 0
    while (start := _JSON_LD_OPEN.search(html, pos)) is not None:
        end = _BLOCK_END["script"].search(html, start.end())
        if end is None:
            return
        yield html[start.end() : end.start()]
        pos = end.end()


def detect_wall(html: str, url: str = "", text: str | None = None) -> str | None:
    """``paywall`` or ``consent`` when the page is a wall rather than an article, else None.

    Without ``text`` only the definite signs count: a consent host
    (``consent.example.com``) or schema.org's ``isAccessibleForFree: false``.
    With ``text`` (the extracted article text, "" when none was found), a short
    text on a page with paywall markup is a paywall, and a short text that is
    itself about accepting cookies is a consent wall.
    """
    host = (urlsplit(url).hostname or "").lower()
    if host.startswith(("consent.", "guce.", "cmp.")):
        return "consent"
    for block in _json_ld_blocks(html):
        if _NOT_FREE.search(block) and _ld_not_free(block):
            return "paywall"
    if text is None or len(text) >= WALL_TEXT_CHARS:
        return None
    if _PAYWALL_MARKERS.search(html):
        return "paywall"
    if _CONSENT_MARKERS.search(text or visible_text(html)):
        return "consent"
    return None


def _ld_not_free(block: str) -> bool:
    """True if the JSON-LD block really says isAccessibleForFree false (not in a string)."""
    try:
        data = json.loads(block)
    except ValueError:
        return True  # broken JSON-LD: trust the pattern
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("isAccessibleForFree")
            if value is False or (isinstance(value, str) and value.lower() == "false"):
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


@dataclass(frozen=True)
class PageLinks:
    """What the page says about its other versions."""

    canonical: str | None = None
    amphtml: str | None = None
    is_amp: bool = False


def page_links(html: str, base_url: str) -> PageLinks:
    """rel=canonical and rel=amphtml of a page (absolute), and whether it is itself an AMP page."""
    head = html[:200_000]
    canonical = amphtml = None
    for tag in _LINK_TAG.findall(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag)
        }
        rels = attrs.get("rel", "").lower().split()
        href = attrs.get("href", "").strip()
        if not href:
            continue
        if "canonical" in rels and canonical is None:
            canonical = urljoin(base_url, href)
        elif "amphtml" in rels and amphtml is None:
            amphtml = urljoin(base_url, href)
    html_tag = _HTML_TAG.search(head)
    is_amp = bool(html_tag and re.search(r"\s(amp|⚡)(\s|=|>|$)", html_tag.group(0)))
    return PageLinks(canonical, amphtml, is_amp)

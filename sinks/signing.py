"""Webhook signatures: HMAC-SHA256 over ``timestamp + "." + body``.

Every signed POST carries two headers:

    X-Strikewatch-Timestamp: 1732550400            (Unix seconds when it was sent)
    X-Strikewatch-Signature: sha256=<hex digest>   (HMAC-SHA256, key = the shared secret,
                                                    message = timestamp + "." + raw body)

A receiver recomputes the digest over the raw body bytes it received (before any
JSON parsing), compares in constant time, and rejects timestamps more than five
minutes from its clock, so a captured request cannot be replayed later. It should
also drop a repeated ``Idempotency-Key`` it has already accepted. :func:`verify`
does the first two and is what a Python receiver can copy.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


def sign(secret: bytes, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: bytes, timestamp: str | None, body: bytes, signature: str | None,
           now: float | None = None, tolerance: float = TOLERANCE_SECONDS) -> bool:
    """True when ``signature`` is ours for this body and the timestamp is fresh."""
    if not timestamp or not signature:
        return False
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - sent) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)

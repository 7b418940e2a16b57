"""Refuse loopback, private, link-local and metadata addresses as fetch targets.

Feeds and article links are untrusted: without this check a feed could make the
fetcher read internal services (SSRF). Tests and replays set
``STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES=1``.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class BlockedAddressError(ValueError):
    """The URL's host resolves to an address we refuse to fetch from."""


def check_url(url: str, allow_private: bool) -> None:
    """Raise :class:`BlockedAddressError` unless ``url`` is http(s) to a public host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddressError(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise BlockedAddressError(f"{url}: no host in URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise BlockedAddressError(f"{url}: cannot resolve host {host!r} ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise BlockedAddressError(
                f"{url}: host {host!r} resolves to non-public address {address}; "
                "set STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES=1 to allow it (tests, replays)"
            )

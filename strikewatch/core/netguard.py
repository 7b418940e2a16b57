"""Refuse loopback, private, link-local and metadata addresses as fetch targets.

Feeds and article links are untrusted: without this check a feed could make the
fetcher read internal services (SSRF). Tests and replays set
``STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES=1``, which lets loopback and private addresses
through but never link-local, unspecified, multicast or cloud metadata addresses
(:func:`never_allowed`), in any spelling: ``169.254.169.254``, ``2852039166``,
``[::ffff:169.254.169.254]``, ``100.100.100.200``, ``[fd00:ec2::254]``, ``0``. :func:`check_url` gives the early, readable
refusal; producers/http.py checks again at connect time with the same :func:`resolve` and
connects to the checked address, so a DNS answer that changes in between (rebinding)
cannot reach an internal host.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class BlockedAddressError(ValueError):
    """The URL's host resolves to an address we refuse to fetch from."""


def check_url(url: str, allow_private: bool) -> None:
    """Raise :class:`BlockedAddressError` unless ``url`` is http(s) to a public host."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. "http://[": an unclosed IPv6 literal
        raise BlockedAddressError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise BlockedAddressError(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise BlockedAddressError(f"{url}: no host in URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise BlockedAddressError(f"{url}: invalid port in URL") from None
    try:
        allowed_addresses(host, port, allow_private)
    except BlockedAddressError as exc:
        raise BlockedAddressError(f"{url}: {exc}") from None


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, in the resolver's order (IP literals too, in
    any form ``getaddrinfo`` accepts: ``2130706433``, ``0177.0.0.1``, ``127.1``).

    The check and the HTTP connection both call this, so the address that was checked is
    the address connected to (tests replace it to play a rebinding DNS server).
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


#: NAT64's well-known prefix: an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for a globally routable unicast address; IPv6 that carries an IPv4 address
    (IPv4-mapped, 6to4, NAT64) is judged by that IPv4 address too."""
    address = ipaddress.ip_address(str(address).split("%")[0])
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = _carried_ipv4(address)
        if inner is not None and not is_public(inner):
            return False
    return True


#: Never a fetch target, whatever the flag says: "this host" (0.0.0.0 reaches loopback),
#: link-local (where cloud metadata services listen), multicast and broadcast.
_NEVER_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.255.255.255/32",
    "::/128", "fe80::/10", "ff00::/8",
))
#: Cloud metadata services outside link-local: Alibaba Cloud, the AWS IPv6 endpoint.
_METADATA = frozenset(ipaddress.ip_address(a) for a in ("100.100.100.200", "fd00:ec2::254"))


def _carried_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    inner = address.ipv4_mapped or address.sixtofour
    if inner is None and address in _NAT64:
        inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return inner


def never_allowed(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for addresses no flag opens: metadata, link-local, unspecified, multicast."""
    address = ipaddress.ip_address(str(address).split("%")[0])
    if address in _METADATA or any(address in net for net in _NEVER_NETWORKS):
        return True
    if isinstance(address, ipaddress.IPv6Address):
        inner = _carried_ipv4(address)
        return inner is not None and never_allowed(inner)
    return False


def allowed_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of ``host`` if every one may be fetched; else :class:`BlockedAddressError`.

    Without ``allow_private`` all must be public; with it, loopback and private addresses
    pass too, but never an address of :func:`never_allowed`.
    """
    if not allow_private:
        return public_addresses(host, port)
    addresses = _resolve_or_block(host, port)
    for address in addresses:
        if never_allowed(address):
            raise BlockedAddressError(
                f"host {host!r} resolves to {address}, a link-local, metadata or unspecified "
                "address: never fetched, even with STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES"
            )
    return addresses


def _resolve_or_block(host: str, port: int) -> list[str]:
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise BlockedAddressError(f"cannot resolve host {host!r} ({reason})") from None
    if not addresses:
        raise BlockedAddressError(f"host {host!r} has no address")
    return addresses


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses of ``host``, all public; else :class:`BlockedAddressError`.

    One non-public answer refuses the host: a rebinding DNS server may mix them.
    """
    addresses = _resolve_or_block(host, port)
    for address in addresses:
        if not is_public(address):
            raise BlockedAddressError(
                f"host {host!r} resolves to non-public address {address}; "
                "set STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES=1 to allow it (tests, replays)"
            )
    return addresses

"""One network policy for every outgoing connection the pipeline makes on untrusted or
configured input: feeds, article links, their redirects, webhooks and apprise URLs.

Public unicast addresses are always allowed. Anything else (loopback, private ranges,
carrier-grade NAT, unique-local IPv6) is refused unless the policy's explicit allow-list
names it: ``STRIKEWATCH_ALLOWED_NETWORKS`` takes comma-separated entries, each one of

- ``loopback`` (127.0.0.0/8, ::1) or ``private`` (10/8, 172.16/12, 192.168/16,
  100.64/10, fc00::/7);
- a network in CIDR form, ``10.20.0.0/16`` or ``fd12:3456::/32``;
- one address and port, ``127.0.0.1:8080`` or ``[::1]:8080`` (how ``--demo`` and
  ``--replay`` allow only their own server).

``STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES=1`` is the older spelling of
``loopback,private``. No entry ever opens what :func:`never_allowed` refuses:
"this host" (``0``), link-local (where cloud metadata services listen), multicast,
broadcast and the metadata addresses outside link-local, in any spelling:
``169.254.169.254``, ``2852039166``, ``[::ffff:169.254.169.254]``,
``100.100.100.200``, ``[fd00:ec2::254]``.

:meth:`NetworkPolicy.check_url` gives the early, readable refusal;
:mod:`strikewatch.core.httpguard` checks again at connect time with the same
:func:`resolve` and connects to the checked address, so a DNS answer that changes in
between (rebinding) cannot reach an internal host.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BlockedAddressError(ValueError):
    """The URL's host resolves to an address the policy refuses."""


class PolicyError(ValueError):
    """An allow-list entry that is not a name, a CIDR network or an address:port."""


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


def _address(value: str | Address) -> Address:
    return ipaddress.ip_address(str(value).split("%")[0])


def _carried_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    inner = address.ipv4_mapped or address.sixtofour
    if inner is None and address in _NAT64:
        inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return inner


def is_public(address: str | Address) -> bool:
    """True for a globally routable unicast address; IPv6 that carries an IPv4 address
    (IPv4-mapped, 6to4, NAT64) is judged by that IPv4 address too."""
    address = _address(address)
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = _carried_ipv4(address)
        if inner is not None and not is_public(inner):
            return False
    return True


#: Never a connection target, whatever the allow-list says: "this host" (0.0.0.0
#: reaches loopback), link-local (where cloud metadata services listen), multicast and
#: broadcast.
_NEVER_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.255.255.255/32",
    "::/128", "fe80::/10", "ff00::/8",
))
#: Cloud metadata services outside link-local: Alibaba Cloud, the AWS IPv6 endpoint.
_METADATA = frozenset(ipaddress.ip_address(a) for a in ("100.100.100.200", "fd00:ec2::254"))


def never_allowed(address: str | Address) -> bool:
    """True for addresses no allow-list opens: metadata, link-local, unspecified, multicast."""
    address = _address(address)
    if address in _METADATA or any(address in net for net in _NEVER_NETWORKS):
        return True
    if isinstance(address, ipaddress.IPv6Address):
        inner = _carried_ipv4(address)
        return inner is not None and never_allowed(inner)
    return False


#: The names an allow-list may use for well-known ranges.
NAMED_NETWORKS: dict[str, tuple[str, ...]] = {
    "loopback": ("127.0.0.0/8", "::1/128"),
    "private": ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"),
}


@dataclass(frozen=True)
class Allowed:
    """One allow-list entry: a network, and optionally the one port allowed on it."""

    network: Network
    port: int | None = None

    def admits(self, address: Address, port: int) -> bool:
        if self.port is not None and port != self.port:
            return False
        if address.version != self.network.version:
            return False
        return address in self.network

    def __str__(self) -> str:
        if self.port is None:
            return str(self.network)
        host = self.network.network_address
        return f"[{host}]:{self.port}" if host.version == 6 else f"{host}:{self.port}"


def _parse_entry(entry: str) -> list[Allowed]:
    if entry in NAMED_NETWORKS:
        return [Allowed(ipaddress.ip_network(n)) for n in NAMED_NETWORKS[entry]]
    if "/" in entry:
        try:
            return [Allowed(ipaddress.ip_network(entry, strict=False))]
        except ValueError as exc:
            raise PolicyError(f"{entry!r}: not a network ({exc})") from None
    host, sep, port_text = entry.rpartition(":")
    if sep and host and port_text.isdigit() and (host.startswith("[") or ":" not in host):
        port = int(port_text)
        if not 0 < port < 65536:
            raise PolicyError(f"{entry!r}: port out of range")
        try:
            address = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            raise PolicyError(f"{entry!r}: not an IP address and port") from None
        return [Allowed(ipaddress.ip_network(address), port)]
    try:
        return [Allowed(ipaddress.ip_network(entry))]
    except ValueError:
        raise PolicyError(
            f"{entry!r}: not 'loopback', 'private', a CIDR network or an address:port"
        ) from None


@dataclass(frozen=True)
class NetworkPolicy:
    """Which hosts outgoing connections may reach: public addresses plus ``allowed``.

    The default policy (no entries) allows public addresses only.
    """

    allowed: tuple[Allowed, ...] = ()

    @classmethod
    def parse(cls, spec: str) -> NetworkPolicy:
        """A policy from comma-separated entries (see the module docstring)."""
        entries: list[Allowed] = []
        for raw in spec.split(","):
            if raw.strip():
                entries.extend(_parse_entry(raw.strip().lower()))
        return cls(tuple(dict.fromkeys(entries)))

    @classmethod
    def from_settings(cls, settings) -> NetworkPolicy:
        """The policy of a settings object (``allowed_networks`` and the older flag)."""
        spec = getattr(settings, "allowed_networks", "")
        if getattr(settings, "allow_private_addresses", False):
            spec = f"{spec},loopback,private"
        return cls.parse(spec)

    def __str__(self) -> str:
        return ",".join(str(a) for a in self.allowed) or "public addresses only"

    def permits(self, address: str | Address, port: int) -> bool:
        """May a connection go to ``address``:``port``?"""
        address = _address(address)
        if never_allowed(address):
            return False
        if is_public(address):
            return True
        candidates = [address]
        if isinstance(address, ipaddress.IPv6Address) and (inner := _carried_ipv4(address)):
            candidates.append(inner)
        return any(a.admits(c, port) for a in self.allowed for c in candidates)

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses of ``host`` if every one is permitted; else :class:`BlockedAddressError`.

        One refused answer refuses the host: a rebinding DNS server may mix them.
        """
        addresses = _resolve_or_block(host, port)
        for address in addresses:
            if never_allowed(address):
                raise BlockedAddressError(
                    f"host {host!r} resolves to {address}, a link-local, metadata or unspecified "
                    "address: never connected to, whatever STRIKEWATCH_ALLOWED_NETWORKS says"
                )
            if not self.permits(address, port):
                raise BlockedAddressError(
                    f"host {host!r} resolves to non-public address {address} (port {port}), "
                    f"which the network policy ({self}) does not allow; add it to "
                    "STRIKEWATCH_ALLOWED_NETWORKS (e.g. loopback, 10.0.0.0/8 or host:port)"
                )
        return addresses

    def check_literal(self, host: str, port: int) -> None:
        """Refuse ``host`` now if its address is known without DNS: an IP literal in any
        spelling (``2852039166``, ``[::ffff:169.254.169.254]``) or ``localhost``. Other
        names are checked when connected to (configuration is checked offline)."""
        name = host.lower().rstrip(".")
        if name == "localhost" or name.endswith(".localhost") or _is_numeric(host, port):
            self.addresses(host, port)

    def check_url(self, url: str) -> None:
        """Raise :class:`BlockedAddressError` unless ``url`` is http(s) to a permitted host."""
        host, port = url_host_port(url)
        try:
            self.addresses(host, port)
        except BlockedAddressError as exc:
            raise BlockedAddressError(f"{url}: {exc}") from None


_DEFAULT_PORTS = {"http": 80, "https": 443}


def url_host_port(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; :class:`BlockedAddressError` for anything else."""
    schemes = _DEFAULT_PORTS
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. "http://[": an unclosed IPv6 literal
        raise BlockedAddressError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme not in schemes:
        raise BlockedAddressError(f"{url}: only {' and '.join(schemes)} URLs are allowed")
    host = parts.hostname
    if not host:
        raise BlockedAddressError(f"{url}: no host in URL")
    try:
        port = parts.port or schemes[parts.scheme]
    except ValueError:
        raise BlockedAddressError(f"{url}: invalid port in URL") from None
    return host, port


def _is_numeric(host: str, port: int) -> bool:
    try:
        socket.getaddrinfo(host, port, flags=socket.AI_NUMERICHOST, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        return False
    return True


def _resolve_or_block(host: str, port: int) -> list[str]:
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise BlockedAddressError(f"cannot resolve host {host!r} ({reason})") from None
    if not addresses:
        raise BlockedAddressError(f"host {host!r} has no address")
    return addresses


#: Public addresses only: the policy when nothing is configured.
PUBLIC_ONLY = NetworkPolicy()

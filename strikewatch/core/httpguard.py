"""httpx transports whose connections go only where a :class:`NetworkPolicy` allows.

A pinned backend resolves the host once with :func:`strikewatch.core.netguard.resolve`,
refuses it (:class:`BlockedAddressError`) unless the policy permits every answer, and
connects to those checked addresses in order, so a DNS answer that changes after the
early :meth:`NetworkPolicy.check_url` (rebinding) cannot reach an internal host. TLS still
verifies, and SNI still names, the URL's host name. Environment proxies (``HTTPS_PROXY``)
are therefore not used.

The feed poller and article fetcher use the asyncio transport; webhooks the sync one.
"""

from __future__ import annotations

import anyio
import httpcore
import httpx

from strikewatch.core.netguard import NetworkPolicy


class _Pinning:
    """Resolve once, refuse what the policy refuses, hand back what was checked."""

    def __init__(self, policy: NetworkPolicy):
        self.policy = policy

    def _addresses(self, host: str, port: int) -> list[str]:
        # BlockedAddressError for a refused address and for a name that does not resolve
        return self.policy.addresses(host, port)


class PinnedBackend(_Pinning, httpcore.AsyncNetworkBackend):
    """An asyncio httpcore network backend that connects only to addresses it has checked."""

    _inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        error: Exception | None = None
        for address in await anyio.to_thread.run_sync(self._addresses, host, port):
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:  # refused or unreachable: try the next one
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host!r}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not connection targets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class SyncPinnedBackend(_Pinning, httpcore.NetworkBackend):
    """The blocking twin of :class:`PinnedBackend` (for ``httpx.Client``)."""

    _inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        error: Exception | None = None
        for address in self._addresses(host, port):
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host!r}")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not connection targets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _pool_options(limits: httpx.Limits, http2: bool) -> dict:
    return {
        "ssl_context": httpx.create_ssl_context(),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
        "http1": True,
        "http2": http2,
    }


_DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


def pinned_transport(
    policy: NetworkPolicy, limits: httpx.Limits = _DEFAULT_LIMITS, http2: bool = False
) -> httpx.AsyncHTTPTransport:
    """An asyncio httpx transport whose connections go through :class:`PinnedBackend`."""
    transport = httpx.AsyncHTTPTransport(limits=limits, http2=http2)
    # httpx has no network-backend argument; its pool is ``_pool`` (since httpx 0.18).
    transport._pool = httpcore.AsyncConnectionPool(
        **_pool_options(limits, http2), network_backend=PinnedBackend(policy)
    )
    return transport


def sync_pinned_transport(
    policy: NetworkPolicy, limits: httpx.Limits = _DEFAULT_LIMITS
) -> httpx.HTTPTransport:
    """A blocking httpx transport whose connections go through :class:`SyncPinnedBackend`."""
    transport = httpx.HTTPTransport(limits=limits)
    transport._pool = httpcore.ConnectionPool(
        **_pool_options(limits, False), network_backend=SyncPinnedBackend(policy)
    )
    return transport

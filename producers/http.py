"""Guarded HTTP GET shared by the feed poller and the article fetcher.

Feed and article URLs are untrusted, so every request (and every redirect hop)
passes the settings' network policy (:mod:`strikewatch.core.netguard`), bodies are capped at
``settings.max_body_bytes`` while streaming, and the whole request has a time
limit. Every failure becomes a :class:`FetchError` whose ``reason`` is one of
:data:`strikewatch.core.metrics.FAILURE_REASONS`.

The clients connect through the pinned transport of :mod:`strikewatch.core.httpguard`:
it resolves the host once, refuses the connection unless the policy permits every
answer, and connects to one of those checked addresses, so a DNS answer that changes
after the early check (rebinding) cannot reach an internal host. Bodies are decompressed
here, in steps of :data:`DECODE_STEP_BYTES`, so the size cap counts decompressed bytes
before they are held in memory (a 300-byte brotli body can expand to gigabytes in one
call of a plain decoder).
"""

from __future__ import annotations

import asyncio
import logging
import time
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

import brotli
import httpx

from strikewatch.core.httpguard import pinned_transport
from strikewatch.core.netguard import BlockedAddressError
from strikewatch.core.settings import ProducerSettings

log = logging.getLogger(__name__)

#: Redirect hops followed before giving up.
MAX_REDIRECTS = 5

#: Largest piece of decompressed body produced at once.
DECODE_STEP_BYTES = 64 * 1024

#: The encodings :class:`_Decoder` undoes; nothing else is asked for.
ACCEPT_ENCODING = "gzip, deflate, br"


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` is a metrics failure reason.

    ``status`` is the HTTP status of an error response (410 retires a feed,
    429/503 slow it down) and ``retry_after`` its Retry-After header, if any.
    """

    def __init__(
        self,
        reason: str,
        url: str,
        message: str,
        status: int | None = None,
        retry_after: str | None = None,
    ):
        self.reason = reason
        self.url = url
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


@dataclass(frozen=True)
class FetchResult:
    """A response whose body was read completely (within the size cap)."""

    url: str
    """The final URL, after redirects."""
    status: int
    headers: httpx.Headers
    content: bytes
    moved_to: str | None = None
    """Where the requested URL permanently moved (its leading 301/308 hops), if it did."""

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of Content-Type, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


def make_async_client(settings: ProducerSettings, connections: int = 100) -> httpx.AsyncClient:
    """An asyncio HTTP client: keep-alive pool, HTTP/2 where the server offers it (ALPN).

    gzip and deflate are always decoded; brotli when the ``brotli`` package is
    installed (a dependency), since httpx then advertises ``br`` itself.
    """
    limits = httpx.Limits(
        max_connections=connections,
        max_keepalive_connections=connections,
        keepalive_expiry=30,
    )
    return httpx.AsyncClient(
        timeout=settings.http_timeout_seconds,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
        transport=pinned_transport(settings.network_policy, limits, _has_h2()),
    )


def _has_h2() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:  # pragma: no cover - h2 is a dependency; degrade to HTTP/1.1
        return False
    return True


async def afetch_bytes(
    client: httpx.AsyncClient,
    url: str,
    settings: ProducerSettings,
    headers: Mapping[str, str] | None = None,
    content_types: Collection[str] | None = None,
) -> FetchResult:
    """GET ``url`` with the guards applied; return 2xx and 304 responses.

    ``content_types``, when given, lists the acceptable media types (a missing
    Content-Type header is accepted; the parser decides). Raises
    :class:`FetchError` for a blocked address, a timeout, a connection
    failure, an HTTP error status, a redirect loop, a refused content type or
    a body larger than ``settings.max_body_bytes``.
    """
    hops = _Hops(url, settings, headers)
    while True:
        current = hops.next_url()
        # the policy check resolves the host: keep the blocking
        # lookup off the event loop.
        await asyncio.to_thread(hops.check, current)
        with _errors(url, current, settings):
            remaining = max(hops.deadline - time.monotonic(), 0.001)
            request = client.build_request("GET", current, headers=hops.headers, timeout=remaining)
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                result = _inspect(response, current, settings, content_types)
                if result is None:
                    hops.redirect(response)
                    continue
                chunks = _Capped(current, settings, hops.deadline)
                decoder = _Decoder(response.headers.get("content-encoding", ""), url, current)
                async for raw in response.aiter_raw():
                    chunks.add_all(decoder.decode(raw))
                chunks.add_all(decoder.flush())
                return hops.done(result, chunks.content())
            finally:
                await response.aclose()


class _Hops:
    """The redirect chain of one fetch: guard each hop, note permanent moves."""

    def __init__(
        self, url: str, settings: ProducerSettings, headers: Mapping[str, str] | None
    ) -> None:
        self.url = url
        self.settings = settings
        self.headers = {
            "User-Agent": settings.user_agent,
            "Accept-Encoding": ACCEPT_ENCODING,
            **(headers or {}),
        }
        self.deadline = time.monotonic() + settings.http_timeout_seconds
        self.current = url
        self.count = 0
        self.moved_to: str | None = None
        self._permanent = True  # while every hop so far was 301/308
        self._checked: str | None = None

    def check(self, current: str) -> None:
        try:
            self.settings.network_policy.check_url(current)
        except BlockedAddressError as exc:
            raise FetchError("blocked_address", self.url, str(exc)) from None
        self._checked = current

    def next_url(self) -> str:
        if self.count > MAX_REDIRECTS:
            raise FetchError(
                "http_status",
                self.url,
                f"more than {MAX_REDIRECTS} redirects (last: {self.current})",
            )
        if self._checked != self.current:
            self.check(self.current)
        return self.current

    def redirect(self, response: httpx.Response) -> None:
        location = str(response.next_request.url)  # type: ignore[union-attr]
        log.debug(
            "redirect url=%s status=%s location=%s", self.current, response.status_code, location
        )
        self._permanent = self._permanent and response.status_code in (301, 308)
        if self._permanent:
            self.moved_to = location
        self.current = location
        self.count += 1

    def done(self, result: FetchResult, content: bytes) -> FetchResult:
        moved = self.moved_to if self.moved_to not in (None, self.url) else None
        return FetchResult(result.url, result.status, result.headers, content, moved)


class _errors:  # noqa: N801 - used as a lower-case context manager
    """Turn httpx exceptions into :class:`FetchError` naming the URL."""

    def __init__(self, url: str, current: str, settings: ProducerSettings):
        self.url, self.current, self.settings = url, current, settings

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or isinstance(exc, FetchError):
            return False
        url, current = self.url, self.current
        if isinstance(exc, BlockedAddressError):
            # Refused at connect time: the host's DNS answer changed since the early check.
            raise FetchError("blocked_address", url, f"{current}: {exc}") from None
        if isinstance(exc, httpx.TimeoutException):
            raise FetchError(
                "timeout",
                url,
                f"no complete response within {self.settings.http_timeout_seconds:g}s from {current}",
            ) from None
        if isinstance(exc, httpx.DecodingError):
            raise FetchError(
                "parse_error", url, f"cannot decode the body of {current}: {exc}"
            ) from None
        if isinstance(exc, httpx.InvalidURL):
            raise FetchError("connection", url, f"invalid URL {current!r}: {exc}") from None
        if isinstance(exc, httpx.RequestError | httpx.RemoteProtocolError):
            raise FetchError(
                "connection", url, f"cannot connect to {current}: {exc or type(exc).__name__}"
            ) from None
        return False


def _inspect(
    response: httpx.Response,
    url: str,
    settings: ProducerSettings,
    content_types: Collection[str] | None,
) -> FetchResult | None:
    """Check status, type and declared size; ``None`` for a redirect to follow."""
    if response.is_redirect and response.next_request is not None:
        return None
    result = FetchResult(str(response.url), response.status_code, response.headers, b"")
    if response.status_code == 304:
        return result
    if not response.is_success:
        raise FetchError(
            "http_status",
            url,
            f"HTTP {response.status_code} {response.reason_phrase} from {url}",
            status=response.status_code,
            retry_after=response.headers.get("retry-after"),
        )
    if (
        content_types is not None
        and result.content_type
        and result.content_type not in content_types
    ):
        raise FetchError(
            "bad_content_type",
            url,
            f"content type {result.content_type!r} from {url} is not accepted",
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_body_bytes:
        raise FetchError(
            "too_large",
            url,
            f"{url} declares {declared} bytes, more than the {settings.max_body_bytes} allowed",
        )
    return result


class _Capped:
    """Collects a (decoded) body, stopping past the size cap or the deadline."""

    def __init__(self, url: str, settings: ProducerSettings, deadline: float):
        self.url, self.limit, self.deadline = url, settings.max_body_bytes, deadline
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        # Chunks are decompressed data, so the cap also stops compression bombs.
        self.size += len(chunk)
        if self.size > self.limit:
            raise FetchError(
                "too_large", self.url, f"{self.url} sent more than the {self.limit} bytes allowed"
            )
        # The client timeout limits each read; this limits a server that trickles bytes.
        if time.monotonic() > self.deadline:
            raise httpx.ReadTimeout("body not complete before the deadline")
        self.chunks.append(chunk)

    def add_all(self, chunks: Iterable[bytes]) -> None:
        for chunk in chunks:
            self.add(chunk)

    def content(self) -> bytes:
        return b"".join(self.chunks)


class _Decoder:
    """Undo one Content-Encoding (gzip, deflate, br) in bounded steps.

    Each step yields at most :data:`DECODE_STEP_BYTES`, and :class:`_Capped` sees every
    step before the next is made, so a compression bomb stops at the size cap instead
    of expanding in memory. Errors are :class:`FetchError` ``parse_error``.
    """

    def __init__(self, header: str, url: str, current: str):
        self.url, self.current = url, current
        names = [n.strip().lower() for n in header.split(",") if n.strip()]
        names = [n for n in names if n != "identity"]
        self.name = names[0] if names else ""
        if len(names) > 1 or self.name not in ("", "gzip", "x-gzip", "deflate", "br"):
            self._fail(f"unsupported Content-Encoding {header!r}")
        self._zlib = None
        self._brotli = brotli.Decompressor() if self.name == "br" else None
        if self.name in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.name == "deflate":
            self._zlib = zlib.decompressobj()
        self._started = False

    def _fail(self, detail: str):
        raise FetchError(
            "parse_error", self.url, f"cannot decode the body of {self.current}: {detail}"
        )

    def decode(self, data: bytes) -> Iterator[bytes]:
        try:
            if self._brotli is not None:
                yield from self._brotli_steps(data)
            elif self._zlib is not None:
                yield from self._zlib_steps(data)
            elif data:
                yield data
        except (zlib.error, brotli.error) as exc:
            self._fail(str(exc))

    def _zlib_steps(self, data: bytes) -> Iterator[bytes]:
        if not self._started and self.name == "deflate":
            # "deflate" is zlib-wrapped by the standard, raw deflate by some servers.
            try:
                zlib.decompressobj().decompress(data[:2])
            except zlib.error:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        self._started = True
        out = self._zlib.decompress(data, DECODE_STEP_BYTES)
        while True:
            if out:
                yield out
            if not self._zlib.unconsumed_tail:
                return
            out = self._zlib.decompress(self._zlib.unconsumed_tail, DECODE_STEP_BYTES)

    def _brotli_steps(self, data: bytes) -> Iterator[bytes]:
        out = self._brotli.process(data, output_buffer_limit=DECODE_STEP_BYTES)
        while True:
            if out:
                yield out
            if self._brotli.can_accept_more_data():
                return
            out = self._brotli.process(b"", output_buffer_limit=DECODE_STEP_BYTES)

    def flush(self) -> Iterator[bytes]:
        if self._brotli is not None:
            # Output held back by the step limit comes out on calls with no more input.
            try:
                while not self._brotli.is_finished():
                    out = self._brotli.process(b"", output_buffer_limit=DECODE_STEP_BYTES)
                    if not out:
                        break
                    yield out
            except brotli.error as exc:
                self._fail(str(exc))
        if self._zlib is not None:
            try:
                rest = self._zlib.flush()
            except zlib.error as exc:
                self._fail(str(exc))
            if rest:
                yield rest

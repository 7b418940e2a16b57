"""Guarded HTTP GET shared by the feed poller and the article fetcher.

Feed and article URLs are untrusted, so every request (and every redirect hop)
passes :func:`strikewatch.netguard.check_url`, bodies are capped at
``settings.max_body_bytes`` while streaming, and the whole request has a time
limit. Every failure becomes a :class:`FetchError` whose ``reason`` is one of
:data:`strikewatch.metrics.FAILURE_REASONS`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import httpx

from strikewatch.netguard import BlockedAddressError, check_url
from strikewatch.settings import ProducerSettings

log = logging.getLogger(__name__)

#: Redirect hops followed before giving up.
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` is a metrics failure reason."""

    def __init__(self, reason: str, url: str, message: str):
        self.reason = reason
        self.url = url
        super().__init__(message)


@dataclass(frozen=True)
class FetchResult:
    """A response whose body was read completely (within the size cap)."""

    url: str
    """The final URL, after redirects."""
    status: int
    headers: httpx.Headers
    content: bytes

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


def make_client(settings: ProducerSettings) -> httpx.Client:
    """An HTTP client with the producers' time limit and User-Agent."""
    return httpx.Client(
        timeout=settings.http_timeout_seconds,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )


def fetch_bytes(
    client: httpx.Client,
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
    request_headers = {"User-Agent": settings.user_agent, **(headers or {})}
    deadline = time.monotonic() + settings.http_timeout_seconds
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            check_url(current, settings.allow_private_addresses)
        except BlockedAddressError as exc:
            raise FetchError("blocked_address", url, str(exc)) from None
        try:
            result, location = _get_once(
                client, current, request_headers, settings, deadline, content_types
            )
        except httpx.TimeoutException:
            raise FetchError(
                "timeout",
                url,
                f"no complete response within {settings.http_timeout_seconds:g}s from {current}",
            ) from None
        except httpx.DecodingError as exc:
            raise FetchError(
                "parse_error", url, f"cannot decode the body of {current}: {exc}"
            ) from None
        except httpx.InvalidURL as exc:
            raise FetchError("connection", url, f"invalid URL {current!r}: {exc}") from None
        except httpx.RequestError as exc:
            raise FetchError(
                "connection", url, f"cannot connect to {current}: {exc or type(exc).__name__}"
            ) from None
        if location is None:
            return result
        log.debug("redirect url=%s status=%s location=%s", current, result.status, location)
        current = location
    raise FetchError("http_status", url, f"more than {MAX_REDIRECTS} redirects (last: {current})")


def _get_once(
    client: httpx.Client,
    url: str,
    headers: Mapping[str, str],
    settings: ProducerSettings,
    deadline: float,
    content_types: Collection[str] | None,
) -> tuple[FetchResult, str | None]:
    """One request, no redirect following: (result, redirect location or None)."""
    remaining = max(deadline - time.monotonic(), 0.001)
    request = client.build_request("GET", url, headers=headers, timeout=remaining)
    response = client.send(request, stream=True, follow_redirects=False)
    try:
        if response.is_redirect and response.next_request is not None:
            empty = FetchResult(str(response.url), response.status_code, response.headers, b"")
            return empty, str(response.next_request.url)
        if response.status_code == 304:
            return FetchResult(str(response.url), 304, response.headers, b""), None
        if not response.is_success:
            raise FetchError(
                "http_status",
                url,
                f"HTTP {response.status_code} {response.reason_phrase} from {url}",
            )
        result = FetchResult(str(response.url), response.status_code, response.headers, b"")
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
        content = _read_capped(response, url, settings, deadline)
        return FetchResult(result.url, result.status, result.headers, content), None
    finally:
        response.close()


def _read_capped(
    response: httpx.Response, url: str, settings: ProducerSettings, deadline: float
) -> bytes:
    """Read the (decoded) body, stopping past the size cap or the deadline."""
    chunks: list[bytes] = []
    size = 0
    # iter_bytes yields decompressed data, so the cap also stops compression bombs.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_body_bytes:
            raise FetchError(
                "too_large",
                url,
                f"{url} sent more than the {settings.max_body_bytes} bytes allowed",
            )
        # The client timeout limits each read; this limits a server that trickles bytes.
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("body not complete before the deadline")
        chunks.append(chunk)
    return b"".join(chunks)

"""The HTTP API and map page over the event archive (Starlette; served by uvicorn).

    create_app(database, settings) -> ASGI app

Routes: ``/`` (the map page), ``/static/...``, ``/api/v1/events`` (search, pages by
cursor, JSON/GeoJSON/CSV), ``/api/v1/events/{id}`` (revisions, sources, evidence),
``/api/v1/stream`` (Server-Sent Events), ``/feed.atom``, ``/api/v1/config``,
``/api/v1/openapi.json``, ``/healthz``, ``/metrics``. docs/api.md describes them.
Database calls run in worker threads; the archive's handle serialises them.
"""

from __future__ import annotations

import contextlib
import json
import logging
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from strikewatch.api import params as P
from strikewatch.api.atom import render_feed
from strikewatch.api.detail import event_detail
from strikewatch.api.guard import ApiMetrics, Guard, RateLimiter, content_security_policy
from strikewatch.api.openapi import openapi
from strikewatch.api.stream import ChangeFeed
from strikewatch.core.settings import ApiSettings
from strikewatch.sinks.archive import Archive, to_csv, to_geojson
from strikewatch.sinks.db import Database

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
#: Seconds between keep-alive comments on a stream (proxies close idle connections).
PING_SECONDS = 15
#: Events in the Atom feed.
FEED_ENTRIES = 50

LIST_PARAMS = {**P.FILTERS, **P.PAGING, **P.AUTH}
STREAM_PARAMS = {**P.FILTERS, **P.STREAM, **P.AUTH}
FEED_PARAMS = {**P.FILTERS, **P.AUTH}


def _version() -> str:
    try:
        return version("strikewatch")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def create_app(database: Database, settings: ApiSettings, registry: CollectorRegistry | None = None,
               static_dir: Path | None = None) -> Starlette:
    """The API over ``database``'s archive; metrics on ``registry`` (a fresh one if None)."""
    archive = Archive(database)
    metrics = ApiMetrics(registry if registry is not None else CollectorRegistry())
    feed = ChangeFeed(archive, settings.api_poll_seconds)
    static = static_dir or STATIC_DIR
    spec = openapi(_version())

    def checked(request: Request, allowed: dict):
        P.check_known(request.query_params, allowed)
        return P.event_filter(request.query_params)

    async def index(request: Request) -> Response:
        page = static / "index.html"
        if not page.is_file():
            return error(404, f"the map page is not installed ({page} is missing); the API is under /api/v1/")
        return FileResponse(page, media_type="text/html; charset=utf-8")

    async def list_events(request: Request) -> Response:
        f = checked(request, LIST_PARAMS)
        page = P.page(request.query_params)
        events, after = await run_in_threadpool(archive.search, f, page.limit, page.after)
        headers = {"X-Next-Cursor": after.encode()} if after else {}
        if page.format == "geojson":
            body = to_geojson(events)
            if after:
                body["next_cursor"] = after.encode()
            return Response(json.dumps(body), media_type="application/geo+json", headers=headers)
        if page.format == "csv":
            headers["Content-Disposition"] = 'attachment; filename="events.csv"'
            return Response(to_csv(events), media_type="text/csv; charset=utf-8", headers=headers)
        return JSONResponse({"events": [e.to_dict() for e in events],
                             "next_cursor": after.encode() if after else None}, headers=headers)

    async def show_event(request: Request) -> Response:
        P.check_known(request.query_params, P.AUTH)
        event_id = request.path_params["event_id"]

        def load():
            event = archive.get(event_id)
            if event is None:
                return None
            return event_detail(event, archive.revisions(event_id), archive.sources(event_id))

        detail = await run_in_threadpool(load)
        if detail is None:
            return error(404, f"no event {event_id!r} in the archive")
        return JSONResponse(detail)

    async def stream(request: Request) -> Response:
        f = checked(request, STREAM_PARAMS)
        after = P.last_event_id(request.headers.get("last-event-id"), request.query_params)
        if len(feed.subscribers) >= settings.api_max_stream_clients:
            metrics.rejected.labels(reason="too_many_streams").inc()
            return error(503, f"{settings.api_max_stream_clients} stream clients are connected, the most "
                         "this server takes (STRIKEWATCH_API_MAX_STREAM_CLIENTS); try again later",
                         {"Retry-After": "30"})
        await feed.start()  # the first stream starts the one poller

        async def messages():
            metrics.stream_clients.inc()
            dropped_before = feed.dropped_total
            try:
                async for seq, event in feed.revisions(f, after):
                    yield {"id": str(seq), "event": "event", "data": event.to_json()}
            finally:
                metrics.stream_clients.dec()
                if feed.dropped_total > dropped_before:
                    metrics.stream_dropped.inc(feed.dropped_total - dropped_before)

        return EventSourceResponse(messages(), ping=PING_SECONDS,
                                   headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def atom(request: Request) -> Response:
        f = checked(request, FEED_PARAMS)

        def load():
            events, _ = archive.search(f, FEED_ENTRIES)
            return events, archive.revised([e.event_id for e in events])

        events, revised = await run_in_threadpool(load)
        base = str(request.base_url).rstrip("/")
        body = render_feed(events, revised, base, str(request.url.remove_query_params("token")))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    async def config(request: Request) -> Response:
        P.check_known(request.query_params, P.AUTH)
        return JSONResponse({"tile_url": settings.api_tile_url,
                             "tile_attribution": settings.api_tile_attribution})

    async def spec_route(request: Request) -> Response:
        return JSONResponse(spec)

    async def healthz(request: Request) -> Response:
        try:
            await run_in_threadpool(database.query, "SELECT 1 AS ok")
        except Exception as exc:
            return error(503, f"the archive does not answer ({type(exc).__name__}: {exc})")
        return JSONResponse({"status": "ok", "archive": database.description})

    async def metrics_route(request: Request) -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def bad_parameter(request: Request, exc: P.ParamError) -> Response:
        metrics.rejected.labels(reason="bad_parameter").inc()
        return error(400, str(exc))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: f"nothing at {request.url.path}; the API is under /api/v1/ (see /api/v1/openapi.json)",
                    405: f"{request.method} is not allowed here; the API answers GET"}
        return error(exc.status_code, messages.get(exc.status_code, exc.detail), getattr(exc, "headers", None))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await feed.stop()

    routes = [
        Route("/", index),
        Route("/api/v1/events", list_events),
        Route("/api/v1/events/{event_id}", show_event),
        Route("/api/v1/stream", stream),
        Route("/feed.atom", atom),
        Route("/api/v1/config", config),
        Route("/api/v1/openapi.json", spec_route),
        Route("/healthz", healthz),
        Route("/metrics", metrics_route),
        Mount("/static", StaticFiles(directory=static, check_dir=False), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={P.ParamError: bad_parameter, HTTPException: http_error})
    csp = content_security_policy(settings.api_tile_url)
    app.add_middleware(Guard, routes=routes, metrics=metrics, tokens=settings.tokens,
                       limiter=RateLimiter(settings.api_rate_per_minute), csp=csp)
    app.state.feed = feed
    app.state.metrics = metrics
    app.state.archive = archive
    return app

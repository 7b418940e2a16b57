"""Fixtures of the API tests: an archive filled through Archive.store(), the app over it,
and a real uvicorn server on a free loopback port.

The PostgreSQL fixtures are the session's one throwaway cluster (tests/conftest.py).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

with warnings.catch_warnings():  # starlette 1.x suggests another HTTP client; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from strikewatch.api.app import create_app
from strikewatch.api.server import BackgroundServer, free_port
from strikewatch.core.records import Actor, Event, Location, Source, Target
from strikewatch.core.settings import ApiSettings
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.db import Database, open_database

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def event(event_id: str, event_type: str, day: date | None, place: str | None, country: str = "",
          lat: float | None = None, lon: float | None = None, killed: int | None = None,
          injured: int | None = None, perpetrator: str = "", target: str = "", summary: str = "",
          seen: int = 0, **more) -> Event:
    """An archived event; ``seen`` is minutes after T0 (its first_seen)."""
    return Event(
        event_id=event_id, event_type=event_type, date=day,
        location=Location(name=place, country=country, lat=lat, lon=lon) if place else None,
        perpetrator=Actor(name=perpetrator) if perpetrator else None,
        target=Target(category="military", name=target) if target else None,
        killed=killed, injured=injured, summary=summary, confidence=0.8,
        sources=more.pop("sources", [Source(url=f"https://news.example/{event_id}", outlet="News Example",
                                             article_id=f"a-{event_id}")]),
        first_seen=T0 + timedelta(minutes=seen), **more)


#: The test archive: different countries, types, dates, places and tolls.
EVENTS = [
    event("ev-asad", "missile_attack", date(2023, 11, 21), "Ain al-Asad Air Base", "IQ", 33.7856, 42.4412,
          killed=0, injured=8, perpetrator="Iran-backed militants", target="U.S. forces",
          summary="A ballistic missile struck the air base west of Baghdad."),
    event("ev-baghdad", "rocket_attack", date(2024, 1, 5), "Baghdad", "IQ", 33.3152, 44.3661,
          injured=2, summary="Rockets fell near the embassy compound.", seen=1),
    event("ev-kharkiv", "drone_attack", date(2024, 5, 1), "Kharkiv", "UA", 49.9935, 36.2304,
          killed=3, injured=20, perpetrator="Russian forces", target="power plant",
          summary="Drones hit the city's thermal power plant overnight.", seen=2),
    event("ev-idlib", "air_strike", date(2024, 2, 10), "Idlib", "SY", 35.9306, 36.6339, killed=12,
          injured=30, perpetrator="Syrian government", summary="Jets bombed a market.", seen=3),
    event("ev-taveuni", "shelling", date(2024, 3, 3), "Taveuni", "FJ", -16.85, 179.95, killed=1,
          summary="Shells landed east of the 180th meridian test point.", seen=4),
    event("ev-samoa", "shelling", date(2024, 3, 4), "Apia", "WS", -13.83, -171.76, killed=0,
          summary="A second shelling across the antimeridian.", seen=5),
    event("ev-undated", "bombing", None, None, summary="A bomb went off; neither place nor day known.",
          seen=6),
]


def fill(archive: Archive) -> None:
    for e in EVENTS:
        archive.store(e)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database("", tmp_path / "data")
    yield db
    db.close()


@pytest.fixture
def archive(sqlite_db: Database) -> Archive:
    archive = Archive(sqlite_db)
    fill(archive)
    return archive


@pytest.fixture
def page_dir(tmp_path: Path) -> Path:
    """A stand-in map page (the real one belongs to strikewatch/api/static/)."""
    d = tmp_path / "static"
    d.mkdir()
    (d / "index.html").write_text("<!doctype html><title>test page</title><script src=/static/a.js></script>")
    (d / "a.js").write_text("document.title = 'ok';\n")
    return d


def make_client(db: Database, page_dir: Path | None = None, **settings) -> TestClient:
    app = create_app(db, ApiSettings(**settings), CollectorRegistry(), static_dir=page_dir)
    return TestClient(app)


@pytest.fixture
def client(archive: Archive, page_dir: Path) -> Iterator[TestClient]:
    with make_client(archive.db, page_dir) as c:
        yield c


@pytest.fixture
def live(archive: Archive, page_dir: Path) -> Iterator[BackgroundServer]:
    """The app on a real uvicorn socket (polling the archive every 0.05 s)."""
    app = create_app(archive.db, ApiSettings(api_poll_seconds=0.05), CollectorRegistry(), static_dir=page_dir)
    server = BackgroundServer(app, "127.0.0.1", free_port()).start()
    server.app = app
    yield server
    server.stop()

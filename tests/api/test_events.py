"""GET /api/v1/events and /api/v1/events/{id}: every filter, pages, formats, detail, bad input."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from starlette.datastructures import QueryParams

from strikewatch.api.params import event_filter
from strikewatch.core.records import Evidence, Source
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.eventquery import matches
from tests.api.conftest import EVENTS, event, make_client

ALL = [e.event_id for e in EVENTS]
#: Newest first by event date (undated last), then first seen.
ORDER = ["ev-kharkiv", "ev-samoa", "ev-taveuni", "ev-idlib", "ev-baghdad", "ev-asad", "ev-undated"]

#: query string -> the events it must return, in order
FILTER_CASES = {
    "": ORDER,
    "country=IQ": ["ev-baghdad", "ev-asad"],
    "country=iq,ua": ["ev-kharkiv", "ev-baghdad", "ev-asad"],
    "type=shelling": ["ev-samoa", "ev-taveuni"],
    "type=drone_attack,air_strike": ["ev-kharkiv", "ev-idlib"],
    "since=2024-03-04": ["ev-kharkiv", "ev-samoa", "ev-undated"],  # undated: its first-seen day, 2024-06-01
    "until=2024-01-05": ["ev-baghdad", "ev-asad"],
    "bbox=35,30,45,40": ["ev-idlib", "ev-baghdad", "ev-asad"],
    "bbox=179,-20,-170,-10": ["ev-samoa", "ev-taveuni"],  # across the antimeridian
    "near=33.3,44.4,50": ["ev-baghdad"],
    "near=33.3,44.4,200": ["ev-baghdad", "ev-asad"],  # Ain al-Asad is ~180 km west of Baghdad
    "near=-16.0,-179.9,300": ["ev-taveuni"],  # the circle crosses the antimeridian
    "min_killed=3": ["ev-kharkiv", "ev-idlib"],
    "min_injured=8": ["ev-kharkiv", "ev-idlib", "ev-asad"],
    "perpetrator=RUSSIAN": ["ev-kharkiv"],
    "perpetrator=backed": ["ev-asad"],
    "q=power": ["ev-kharkiv"],  # target name
    "q=baghdad": ["ev-baghdad", "ev-asad"],  # a place, and a summary
    "q=shelling antimeridian": ["ev-samoa"],  # every word must appear
    "q=u.s.": ["ev-asad"],
    "q=100%": [],  # % is a character here, not a wildcard
    "country=IQ&since=2024-01-01&bbox=40,30,50,40": ["ev-baghdad"],
    "type=shelling&min_killed=1&near=-16.8,179.9,50": ["ev-taveuni"],
}


@pytest.mark.parametrize("query", list(FILTER_CASES))
def test_each_filter_and_a_combination(client, query):
    r = client.get(f"/api/v1/events?{query}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [e["event_id"] for e in body["events"]] == FILTER_CASES[query]
    assert body["next_cursor"] is None
    # The live stream's filter (plain Python) agrees with the query (SQL).
    f = event_filter(QueryParams(query))
    assert [e.event_id for e in EVENTS if matches(f, e)] == [i for i in ALL if i in FILTER_CASES[query]]


def test_events_are_the_records_to_dict_gives(client, archive):
    (got,) = client.get("/api/v1/events?country=UA").json()["events"]
    assert got == archive.get("ev-kharkiv").to_dict()


def test_pages_cover_everything_once_in_order(sqlite_db):
    """250 events, many on one day and some seen at the same instant: pages of 7, no gap, no repeat."""
    archive = Archive(sqlite_db)
    ids = []
    for n in range(250):
        ids.append(f"ev-{n:03d}")
        archive.store(event(f"ev-{n:03d}", "bombing", date(2024, 1, 1) + timedelta(days=n % 4),
                            "Town", "IQ", 33.0, 44.0, seen=n % 3))
    with make_client(sqlite_db) as c:
        everything = [e["event_id"] for e in c.get("/api/v1/events?limit=1000").json()["events"]]
        got, cursor, pages = [], None, 0
        while True:
            r = c.get("/api/v1/events", params={"limit": 7, **({"cursor": cursor} if cursor else {})})
            body = r.json()
            got += [e["event_id"] for e in body["events"]]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                break
            assert r.headers["x-next-cursor"] == cursor
    assert pages == 36  # 35 full pages and 5 on the last
    assert got == everything and sorted(got) == sorted(ids)
    assert sorted(everything, key=lambda i: (-(int(i[3:]) % 4), -(int(i[3:]) % 3), i)) == everything


def test_a_page_boundary_holds_when_events_arrive_between_pages(client, archive):
    first = client.get("/api/v1/events?limit=3").json()
    archive.store(event("ev-newer", "bombing", date(2025, 1, 1), "Mosul", "IQ", 36.3, 43.1))
    rest = client.get(f"/api/v1/events?limit=100&cursor={first['next_cursor']}").json()
    assert [e["event_id"] for e in first["events"] + rest["events"]] == ORDER  # the newer one is on page 1's side


def test_geojson_and_csv(client):
    geo = client.get("/api/v1/events?format=geojson&country=IQ")
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert [f["id"] for f in features] == ["ev-baghdad", "ev-asad"]
    assert features[1]["geometry"] == {"type": "Point", "coordinates": [42.4412, 33.7856]}
    paged = client.get("/api/v1/events?format=geojson&limit=2").json()
    assert len(paged["features"]) == 2 and paged["next_cursor"]
    r = client.get("/api/v1/events?format=csv&type=shelling")
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_id"] for row in rows] == ["ev-samoa", "ev-taveuni"]
    assert rows[0]["country"] == "WS" and rows[0]["perpetrator"] == ""


def test_detail_has_revision_changes_sources_with_fields_and_evidence(client, archive):
    base = dict(event_id="ev-mosul", event_type="bombing", day=date(2024, 4, 1), place="Mosul",
                country="IQ", lat=36.34, lon=43.13)
    archive.store(event(**base, killed=2, evidence=[Evidence(field="killed", text="Two died.", start=0, end=9)],
                        sources=[Source(url="https://a.example/1", outlet="A", article_id="a1")]))
    archive.store(event(**{**base, "place": "Mosul old city"}, killed=5, revision=2, status="update",
                        perpetrator="Islamic State",
                        evidence=[Evidence(field="killed", text="Two died.", start=0, end=9),
                                  Evidence(field="killed", text="Five died.", start=4, end=14, article_id="b2"),
                                  Evidence(field="perpetrator", text="IS said it did it.", start=20, end=38,
                                           article_id="b2")],
                        sources=[Source(url="https://a.example/1", outlet="A", article_id="a1"),
                                 Source(url="https://b.example/2", outlet="B", article_id="b2")]))
    r = client.get("/api/v1/events/ev-mosul")
    assert r.status_code == 200
    body = r.json()
    assert body["event"]["revision"] == 2 and body["event"]["killed"] == 5
    first, second = body["revisions"]
    assert first["revision"] == 1 and first["changes"] == {} and first["archived"]
    assert second["changes"]["killed"] == [2, 5]
    assert second["changes"]["perpetrator"] == [None, "Islamic State"]
    assert [loc["name"] for loc in second["changes"]["location"]] == ["Mosul", "Mosul old city"]
    assert set(second["changes"]) == {"killed", "perpetrator", "location"}
    assert [(s["outlet"], s["first_revision"], s["fields"]) for s in body["sources"]] == [
        ("A", 1, ["killed"]), ("B", 2, ["killed", "perpetrator"])]
    assert [(e["field"], e["outlet"], e["url"]) for e in body["evidence"]] == [
        ("killed", "A", "https://a.example/1"), ("killed", "B", "https://b.example/2"),
        ("perpetrator", "B", "https://b.example/2")]


def test_unknown_event_is_404_json(client):
    r = client.get("/api/v1/events/ev-nope")
    assert r.status_code == 404 and "ev-nope" in r.json()["error"]
    r = client.get("/api/v2/nothing")
    assert r.status_code == 404 and "/api/v1/" in r.json()["error"]


BAD = {
    "since=2024-13-01": ("since", "YYYY-MM-DD"),
    "until=yesterday": ("until", "YYYY-MM-DD"),
    "since=2024-05-02&until=2024-05-01": ("until", "before"),
    "bbox=1,2,3": ("bbox", "min_lon,min_lat,max_lon,max_lat"),
    "bbox=0,10,5,5": ("bbox", "above max_lat"),
    "bbox=0,-95,5,5": ("bbox", "latitude -95 is outside -90..90"),
    "near=91,10,5": ("near", "latitude 91 is outside"),
    "near=10,10,-5": ("near", "distance -5 km"),
    "near=10,10,nan": ("near", "lat,lon,km"),
    "type=car_bomb": ("type", "drone_attack"),
    "country=IRQ": ("country", "alpha-2"),
    "country=IQ,": ("country", "empty item"),
    "limit=5000": ("limit", "1-1,000"),
    "limit=0": ("limit", "1-1,000"),
    "min_killed=-1": ("min_killed", "outside"),
    "min_injured=lots": ("min_injured", "whole number"),
    "cursor=garbage": ("cursor", "next_cursor"),
    "format=xml": ("format", "json, geojson or csv"),
    "contry=IQ": ("contry", "unknown parameter"),
    "country=IQ&country=SY": ("country", "more than once"),
    "q=" + "+".join(["w"] * 11): ("q", "at most 10"),
}


@pytest.mark.parametrize("query", list(BAD))
def test_bad_input_is_400_naming_the_parameter(client, query):
    r = client.get(f"/api/v1/events?{query}")
    assert r.status_code == 400, r.text
    param, hint = BAD[query]
    message = r.json()["error"]
    assert f"parameter {param!r}" in message and hint in message, message


def test_bad_input_is_counted(client):
    client.get("/api/v1/events?limit=5000")
    client.get("/api/v1/events/ev-nope")
    text = client.get("/metrics").text
    assert 'strikewatch_api_rejected_total{reason="bad_parameter"} 1.0' in text
    assert 'strikewatch_api_rejected_total{reason="not_found"} 1.0' in text
    assert 'strikewatch_api_requests_total{route="/api/v1/events",status="400"} 1.0' in text
    assert 'strikewatch_api_request_duration_seconds_count{route="/api/v1/events"} 1.0' in text


def test_openapi_describes_every_route_and_parameter(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/stream", "/feed.atom", "/healthz"):
        assert path in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert names >= {"country", "type", "since", "until", "bbox", "near", "min_killed", "min_injured",
                     "perpetrator", "q", "limit", "cursor", "format"}


def test_config_exposes_the_tile_settings(archive):
    with make_client(archive.db, api_tile_url="https://{s}.tiles.example/{z}/{x}/{y}.png",
                     api_tile_attribution="© Example") as c:
        assert c.get("/api/v1/config").json() == {
            "tile_url": "https://{s}.tiles.example/{z}/{x}/{y}.png", "tile_attribution": "© Example"}
        csp = c.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: https://*.tiles.example;" in csp


def test_healthz(client):
    assert client.get("/healthz").json()["status"] == "ok"

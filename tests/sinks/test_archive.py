"""The event archive on SQLite and PostgreSQL, and `strikewatch events` over it."""

import csv
import io
import json
from datetime import date

from strikewatch.cli import main
from strikewatch.core.records import Location, Source
from strikewatch.sinks.archive import Archive, EventQuery, to_csv, to_geojson
from tests.sinks.receivers import sample_event


def fill(archive: Archive) -> None:
    archive.store(sample_event())
    archive.store(sample_event(status="update", revision=2, injured=11, article_count=2,
                               sources=[Source(url="https://example.org/a1", article_id="a1"),
                                        Source(url="https://other.example/b", outlet="Other")]))
    archive.store(sample_event(revision=1, injured=8))  # a replay of an older revision
    archive.store(sample_event(event_id="ev-2", event_type="drone_attack", date=date(2024, 5, 1),
                               location=Location(name="Kharkiv", country="UA", lat=49.99, lon=36.23),
                               summary="=HYPERLINK(\"http://evil\")"))
    archive.store(sample_event(event_id="ev-3", location=None, date=None))


def test_every_revision_and_source_is_kept_and_the_newest_wins(db):
    archive = Archive(db)
    fill(archive)
    shown = archive.show("ev-1")
    assert shown["event"]["revision"] == 2 and shown["event"]["injured"] == 11
    assert [(r["revision"], r["injured"]) for r in shown["revisions"]] == [(1, 8), (2, 11)]
    assert [(s["url"], s["first_revision"]) for s in shown["sources"]] == [
        ("https://example.org/a1", 1), ("https://other.example/b", 2)]
    assert archive.show("nope") is None


def test_list_filters_by_country_type_and_date(db):
    archive = Archive(db)
    fill(archive)
    assert {r["event_id"] for r in archive.list()} == {"ev-1", "ev-2", "ev-3"}
    assert [r["event_id"] for r in archive.list(EventQuery(country="ua"))] == ["ev-2"]
    assert [r["event_id"] for r in archive.list(EventQuery(event_type="drone_attack"))] == ["ev-2"]
    assert {r["event_id"] for r in archive.list(EventQuery(since=date(2024, 1, 1)))} >= {"ev-2"}
    assert "ev-1" not in {r["event_id"] for r in archive.list(EventQuery(since=date(2024, 1, 1)))}
    assert len(archive.list(EventQuery(limit=1))) == 1


def test_geojson_and_csv_exports(db):
    archive = Archive(db)
    fill(archive)
    events = archive.events(EventQuery(limit=0))
    geo = to_geojson(events)
    by_id = {f["id"]: f for f in geo["features"]}
    assert geo["type"] == "FeatureCollection"
    assert by_id["ev-2"]["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}
    assert by_id["ev-3"]["geometry"] is None
    assert by_id["ev-1"]["properties"]["sources"] == ["https://example.org/a1", "https://other.example/b"]
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(to_csv(events)))}
    assert rows["ev-1"]["injured"] == "11" and rows["ev-2"]["country"] == "UA"
    assert rows["ev-2"]["summary"].startswith("'=")  # no formula injection into spreadsheets


def test_events_commands_read_the_archive(tmp_path, monkeypatch, capsys, postgres_db_url):
    from strikewatch.sinks.db import open_database

    for url in ("", postgres_db_url):
        monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("STRIKEWATCH_DATABASE_URL", url)
        db = open_database(url, tmp_path)
        fill(Archive(db))
        db.close()
        assert main(["events", "list", "--country", "IQ", "--format", "json"]) == 0
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [r["event_id"] for r in rows] == ["ev-1"]
        assert main(["events", "list"]) == 0
        table = capsys.readouterr().out.splitlines()
        assert table[0].split()[:3] == ["event_id", "date", "type"] and len(table) == 4
        assert main(["events", "show", "ev-1"]) == 0
        assert json.loads(capsys.readouterr().out)["event"]["injured"] == 11
        assert main(["events", "export", "--format", "geojson", "--type", "drone_attack"]) == 0
        assert len(json.loads(capsys.readouterr().out)["features"]) == 1
        assert main(["events", "export", "--format", "csv"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 4
        assert main(["events", "show", "missing"]) == 2
        assert "no event 'missing'" in capsys.readouterr().err

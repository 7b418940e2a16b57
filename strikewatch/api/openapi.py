"""The OpenAPI 3 description of the API, built from the same parameter tables the parser uses."""

from __future__ import annotations

from typing import Any

from strikewatch.api.params import AUTH, FILTERS, PAGING, STREAM


def _params(*tables: dict[str, tuple[dict, str]]) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "required": False, "schema": schema, "description": text}
            for table in tables for name, (schema, text) in table.items()]


def _error(text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


ERRORS = {"400": _error("A parameter is wrong; the message names it and the accepted form."),
          "401": _error("A token is needed (when the server has tokens configured)."),
          "429": _error("Too many requests from this client; see Retry-After.")}


def openapi(version: str) -> dict[str, Any]:
    event = {"$ref": "#/components/schemas/Event"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "strikewatch API", "version": version,
                 "description": "Attack events extracted and deduplicated from news feeds: "
                                "search, detail with revisions and sources, a live stream, an Atom feed."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                "token": {"type": "apiKey", "in": "query", "name": "token"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
                "Event": {"type": "object", "description": "An event record (strikewatch.event/1): event_id, "
                          "revision, status, event_type, weapon, date, location, perpetrator, target, killed, "
                          "injured, summary, confidence, evidence, sources, first_seen, last_updated, "
                          "article_count."},
            },
        },
        "security": [{}, {"bearer": []}, {"token": []}],
        "paths": {
            "/api/v1/events": {"get": {
                "summary": "Events, newest first (event date, then first seen), one page at a time.",
                "parameters": _params(FILTERS, PAGING, AUTH),
                "responses": {"200": {"description": "A page of events.", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "events": {"type": "array", "items": event},
                        "next_cursor": {"type": ["string", "null"]}}}},
                    "application/geo+json": {"schema": {"type": "object"}},
                    "text/csv": {"schema": {"type": "string"}}}}, **ERRORS}}},
            "/api/v1/events/{event_id}": {"get": {
                "summary": "One event with what each revision changed, its sources and its evidence.",
                "parameters": [{"name": "event_id", "in": "path", "required": True, "schema": {"type": "string"}},
                               *_params(AUTH)],
                "responses": {"200": {"description": "event, revisions, sources, evidence.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              "404": _error("No event with this id."), **ERRORS}}},
            "/api/v1/stream": {"get": {
                "summary": "Server-Sent Events: every new revision passing the filters (event: event, "
                           "data: the event; id: a sequence number to resume from with Last-Event-ID).",
                "parameters": [*_params(FILTERS, STREAM, AUTH),
                               {"name": "Last-Event-ID", "in": "header", "required": False,
                                "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "text/event-stream"},
                              "503": _error("Too many stream clients connected."), **ERRORS}}},
            "/feed.atom": {"get": {
                "summary": "Atom feed of the newest events passing the filters; an entry per event.",
                "parameters": _params(FILTERS, AUTH),
                "responses": {"200": {"description": "application/atom+xml"}, **ERRORS}}},
            "/api/v1/config": {"get": {"summary": "What the map page needs: tile_url, tile_attribution.",
                                       "responses": {"200": {"description": "JSON"}}}},
            "/api/v1/openapi.json": {"get": {"summary": "This description.",
                                             "responses": {"200": {"description": "JSON"}}}},
            "/healthz": {"get": {"summary": "200 while the archive answers (no token needed).",
                                 "security": [{}], "responses": {"200": {"description": "JSON"}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics.",
                                 "responses": {"200": {"description": "text/plain"}}}},
        },
    }

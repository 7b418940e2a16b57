"""The HTTP API, live stream, Atom feed and map page over the event archive (docs/api.md)."""

"""strikewatch: news feeds in, deduplicated geocoded attack events and alerts out."""

__version__ = "0.1.0"

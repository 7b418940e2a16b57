"""Producers: poll feeds for new links, fetch and extract articles.

``feeds`` reads the feeds file, ``http`` is the guarded HTTP fetch both stages
share, ``state`` keeps the seen-set and conditional-GET validators on disk,
``poller`` turns feeds into new :class:`~strikewatch.core.records.Link` records and
``fetcher`` turns links into :class:`~strikewatch.core.records.Article` records.
"""

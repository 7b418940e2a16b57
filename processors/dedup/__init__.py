"""Cross-outlet deduplication: does a freshly extracted event report a known one?

- :mod:`.profile`: the typed row of a known event that matching reads;
- :mod:`.scoring`: features, :func:`~.scoring.profile_score` and the one match loop
  :func:`~.scoring.best_match`;
- :mod:`.merge`: fold a report into the event it reports, say whether it changed;
- :mod:`.state`: known events in day buckets with expiry in event time, over a
  :class:`~.stores.Store` (:mod:`.stores.memory`, :mod:`.stores.sqlite`, :mod:`.stores.table`).
"""

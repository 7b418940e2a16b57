"""Scorers: precision, recall and F1 of the extractor and the dedup on labeled data."""

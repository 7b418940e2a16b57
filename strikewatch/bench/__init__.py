"""`strikewatch bench`: how fast, how big, how much — per stage and end to end.

Each benchmark is a function ``(quick: bool) -> list[Row]`` measuring one stage on
local data (no internet), with a baseline measured in the same run where one exists,
so that ratios hold on a noisy machine. Results print as a table and are written as
JSON. Benchmarks measure; they never assert.
"""

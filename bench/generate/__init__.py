"""A city-sized database for the benchmarks: ``python -m bench.generate --scale 1``.

At scale 1: about 1,000 organisations, 200,000 cases of both flows in every stage and
1,000,000 viewflow tasks, on PostgreSQL. One case per stage is walked through the real pages
and services (``samples``); the rest are copies of those cases' rows (``clone``), each given to
another organisation and its people, so that every row looks as the real path writes it.
"""

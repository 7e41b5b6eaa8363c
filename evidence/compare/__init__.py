"""Comparing sources: events (one per occasion), provisions coded per source,
the discrepancy ledger, and perspective (origin, naming); ``comparison.compare``
runs them all so a page and its CSV never disagree."""

"""Publishing the comparison: tables and figures, data/processed/ written atomically
(export), the bibliography, facts for the prose, and the HTML views the notebooks show."""

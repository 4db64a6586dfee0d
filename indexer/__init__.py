"""archive-search: full-text search for blog archives (the library)."""

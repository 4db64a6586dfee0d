"""archive-search web app and CLI: thin shells over the indexer library."""

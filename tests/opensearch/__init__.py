"""Tests against a real local OpenSearch cluster (a package: its fixture stops with it)."""

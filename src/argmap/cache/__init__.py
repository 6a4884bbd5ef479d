"""Caches that make a second run cheap without ever hiding a change (issue 14)."""

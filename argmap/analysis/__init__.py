"""Derived facts on a valid map: standing, lint, stats, quote check, diff and sub-map views."""

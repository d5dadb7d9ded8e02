"""Blocking the event loop (filled below)."""

"""Analyst views' logic, free of Textual: sources, parties, timeline, claims table, keys, state."""

"""briefing: a terminal reader for claim-structured briefings."""

__version__ = "0.1.0"

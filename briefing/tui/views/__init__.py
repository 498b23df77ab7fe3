"""The analyst views: the claims table, parties, sources and the timeline."""

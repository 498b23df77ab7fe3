"""What a reader asks of a loaded briefing (search, filters, parties …), and the reader session."""

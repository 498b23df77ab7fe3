"""The document layer: a briefing file read, located, validated and modelled; no Textual."""

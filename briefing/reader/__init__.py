"""The reader's logic without Textual: badges, filters, history, search and navigation."""

"""The reader's per-user files and settings: folders, keys, theme, places read, the editor."""

"""The reader's screens: the briefing, the library, the error screen and the dialogs."""

"""The reader's screens, one per module, each with its stylesheet beside it."""

"""The reader process itself: its memory policy, first load, exit guard and crash report."""

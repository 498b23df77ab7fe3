"""The reader's history of visited claims, for going back and forward like a browser."""

from __future__ import annotations


class History:
    """Visited claim ids, with a position that back and forward move.

    Moving the cursor from claim to claim replaces where the reader stands;
    following a link or a search result is a step that back can undo.
    """

    def __init__(self) -> None:
        self._entries: list[str] = []
        self._index = -1

    @property
    def current(self) -> str | None:
        """Return the claim id the reader stands on, or None before any visit."""
        return self._entries[self._index] if self._entries else None

    @property
    def entries(self) -> list[str]:
        """Return a copy of the visited claim ids, oldest first."""
        return list(self._entries)

    def visit(self, claim_id: str, *, step: bool = False) -> None:
        """Record that the reader is on `claim_id`; a step keeps the claim before to go back to."""
        if claim_id == self.current:
            return
        if step or not self._entries:
            del self._entries[self._index + 1 :]
            self._entries.append(claim_id)
            self._index = len(self._entries) - 1
        else:
            self._entries[self._index] = claim_id

    def can_go_back(self) -> bool:
        """Return True when there is a claim to go back to."""
        return self._index > 0

    def can_go_forward(self) -> bool:
        """Return True when there is a claim to go forward to."""
        return self._index < len(self._entries) - 1

    def back(self) -> str | None:
        """Move back one step; return the claim id to show, or None at the start."""
        if not self.can_go_back():
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> str | None:
        """Move forward one step; return the claim id to show, or None at the end."""
        if not self.can_go_forward():
            return None
        self._index += 1
        return self._entries[self._index]

    def forget_missing(self, exists: set[str]) -> None:
        """Drop visits to claims that no longer exist (after a reload)."""
        current = self.current
        kept = [entry for entry in self._entries if entry in exists]
        # Collapse neighbours made equal by a removal.
        self._entries = [e for i, e in enumerate(kept) if i == 0 or kept[i - 1] != e]
        if current in self._entries:
            self._index = self._entries.index(current)
        else:
            self._index = len(self._entries) - 1

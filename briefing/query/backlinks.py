"""Which claims point at a claim through their `see_also` ("linked from")."""

from __future__ import annotations

from briefing.document.model import Briefing


def build_backlinks(briefing: Briefing) -> dict[str, tuple[str, ...]]:
    """Return claim id -> the ids of claims whose `see_also` names it, in reading order.

    Claims nothing links to are left out; a claim naming the same target twice counts once.
    """
    found: dict[str, dict[str, None]] = {}
    for claim in briefing.claims():
        for target in claim.see_also:
            if target != claim.id:
                found.setdefault(target, {})[claim.id] = None
    return {target: tuple(sources) for target, sources in found.items()}


_last: tuple[Briefing, dict[str, tuple[str, ...]]] | None = None


def backlinks_for(briefing: Briefing) -> dict[str, tuple[str, ...]]:
    """Return `build_backlinks(briefing)`, worked out once per briefing shown.

    The claim pane asks on every cursor move; one entry is enough, as the reader
    shows one briefing at a time (a reload brings a new one, and a new entry).
    """
    global _last
    last = _last
    if last is not None and last[0] is briefing:
        return last[1]
    links = build_backlinks(briefing)
    _last = (briefing, links)
    return links

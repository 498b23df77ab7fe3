"""Whether this process is a command run from the console, which ends as soon as it is done.

Such a process may leave work that nobody waits for to a child of its own: storing a
briefing in the cache (briefing/document/cache.py) costs ~15 % of a large file's load,
and `check` or `export` need not make their user wait for it. Only the console entry
(`cli.run`, which ends the process with `os._exit`) says so; tests that call `cli.main`
in their own process never fork. (The reader's own loads always store in a child: see
`briefing.document.cache._write_in_child`.)
"""

from __future__ import annotations

_one_shot = False


def declare() -> None:
    """Say that this process ends as soon as its command is done."""
    global _one_shot
    _one_shot = True


def declared() -> bool:
    """Return True when this process ends as soon as its command is done."""
    return _one_shot

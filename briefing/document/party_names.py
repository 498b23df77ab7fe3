"""Party names in format 2: the id `briefing upgrade` makes from a name, and names alike.

Only identical names are merged into one party by an upgrade; `similar_names` finds
those that may mean the same party but are written differently, for the author to judge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence

# The contract's id rule: `[a-z0-9][a-z0-9-]{0,63}`.
MAX_ID_LENGTH = 64
# The id of a party whose name has no letter or digit that ASCII can spell.
FALLBACK_ID = "party"

_NOT_ID = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ]")
# An aside in brackets: "Government of China (official position)", "Kyiv [statement]".
_ASIDE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])")
# Attribution of a report: "US officials, as reported by Reuters", "... according to X".
_ATTRIBUTION = re.compile(
    r"[\s,;:–—-]*\b(?:(?:as\s+)?(?:reported|quoted|cited)\s+by|according\s+to)\b.*\Z",
    re.IGNORECASE | re.DOTALL,
)
_EDGE_PUNCTUATION = " \t,;:-–—"


def party_id(name: str, taken: Collection[str] = ()) -> str:
    """Return an id for a party called `name`, made unique against `taken` by -2, -3 ...

    Lower case ASCII letters and digits, other runs of characters as one '-', accents
    dropped ("Élysée" -> "elysee"), apostrophes dropped ("Kyiv's" -> "kyivs"), at most
    64 characters; "party" for a name with nothing ASCII can spell.
    """
    ascii_name = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", name))
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii").lower()
    base = _NOT_ID.sub("-", ascii_name).strip("-")[:MAX_ID_LENGTH].rstrip("-") or FALLBACK_ID
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
    return candidate


def name_core(name: str) -> str:
    """Return what is left of a party's name without its qualifiers, for comparing names.

    Asides in brackets are dropped ("Government of China (official position)"), and so is
    an attribution and all after it ("..., as reported by Reuters", "... according to
    X"); case and runs of spaces do not count. A name that is all qualifier is its own core.
    """
    core, previous = name, ""
    while core != previous:  # nested brackets, innermost first
        previous, core = core, _ASIDE.sub("", core)
    core = _ATTRIBUTION.sub("", core)
    core = " ".join(core.split()).strip(_EDGE_PUNCTUATION).casefold()
    return core or " ".join(name.split()).casefold()


def similar_names(names: Sequence[str]) -> list[tuple[str, str]]:
    """Return pairs of distinct names with the same core (`name_core`), in file order.

    Each pair is (the first name with that core, a later one): the names an author may
    want to merge into one party by hand, giving it the other name as an alias.
    """
    first: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for name in names:
        core = name_core(name)
        if core not in first:
            first[core] = name
        elif first[core] != name:
            pairs.append((first[core], name))
    return pairs

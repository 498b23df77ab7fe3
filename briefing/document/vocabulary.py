"""Words with fixed meanings in format version 2, and how every rendering spells them out.

The model checks a value against these tables; the exports and the reader show a value
through the functions here, so that "likely" reads "likely (55–80 %)" everywhere and a
relation reads the same from both of its ends everywhere.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple


class Likelihood(NamedTuple):
    """An estimative term: its words and the range of probability it stands for."""

    words: str
    low: int
    high: int


# US Intelligence Community Directive 203's terms, least likely first.
LIKELIHOODS: dict[str, Likelihood] = {
    "almost-no-chance": Likelihood("almost no chance", 1, 5),
    "very-unlikely": Likelihood("very unlikely", 5, 20),
    "unlikely": Likelihood("unlikely", 20, 45),
    "roughly-even-chance": Likelihood("roughly even chance", 45, 55),
    "likely": Likelihood("likely", 55, 80),
    "very-likely": Likelihood("very likely", 80, 95),
    "almost-certain": Likelihood("almost certain", 95, 99),
}

# The Admiralty code: how far a source has proved reliable.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

# The Admiralty code: how credible one piece of information is.
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

PARTY_KINDS = (
    "government",
    "military",
    "company",
    "media",
    "organisation",
    "person",
    "group",
    "other",
)

EFFECTS = ("strengthens", "weakens")

# A relation as its holder states it, and as the claim it names reads it back.
_RELATION_WORDS: dict[str, tuple[str, str]] = {
    "supports": ("supports", "supported by"),
    "contradicts": ("contradicts", "contradicted by"),
    "undercuts": ("undercuts", "undercut by"),
    "qualifies": ("qualifies", "qualified by"),
    # The same claim made by another party: it reads alike from both ends.
    "same-as": ("same as", "same as"),
}
RELATION_TYPES = tuple(_RELATION_WORDS)


def likelihood_text(term: str) -> str:
    """Return a likelihood in words with its range: "likely (55–80 %)"."""
    found = LIKELIHOODS.get(term)
    if found is None:
        return term
    return f"{found.words} ({found.low}–{found.high} %)"


def reliability_text(letter: str) -> str:
    """Return a source's reliability spelled out: "reliability B (usually reliable)"."""
    meaning = RELIABILITY.get(letter)
    return f"reliability {letter} ({meaning})" if meaning else f"reliability {letter}"


def credibility_text(grade: int) -> str:
    """Return a piece of evidence's credibility spelled out: "credibility 2 (probably true)"."""
    meaning = CREDIBILITY.get(grade)
    return f"credibility {grade} ({meaning})" if meaning else f"credibility {grade}"


def relation_words(kind: str, inverse: bool = False) -> str:
    """Return how a relation reads: from its holder ("contradicts"), or back ("contradicted by")."""
    words = _RELATION_WORDS.get(kind)
    if words is None:
        return kind
    return words[1] if inverse else words[0]


def nearest_word(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """Return the choice closest to `word`, if one is close enough to be a likely slip."""
    lowered = {choice.lower(): choice for choice in choices}
    folded = word.strip().lower().replace(" ", "-").replace("_", "-")
    if folded in lowered:
        return lowered[folded]
    found = difflib.get_close_matches(folded, list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None

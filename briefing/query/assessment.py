"""The briefing read as an assessment: what the assessment screen (`A`) shows, in one pass.

The bottom line and revision date; the judgements (claims with a likelihood), most likely
first; the assumptions with what follows if they are wrong; the indicators by what they
would do to their claim; the gaps; the changes, newest first; and three scrutiny counts,
each with the claims it counts:

- *rests on a single source*: a claim with evidence that has exactly one piece of it, or
  whose every piece cites one and the same source. One witness, however often quoted, is
  one witness; a claim with no evidence rests on nothing and is not counted here.
- *denied, no sourced evidence*: a denied claim none of whose evidence names a source
  (a claim with no evidence at all included). A denial is answered only by evidence that a
  reader can check, and evidence that names no source cannot be checked.
- *judgement without a likelihood*: a claim whose author gave a confidence but no
  likelihood. A confidence says the author judged the claim; without a likelihood the
  judgement does not say how probable it is. Version 2 only: version 1 has no likelihood.

Likelihood and confidence stay separate values here, as in the format: nothing merges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from briefing.document.model import Briefing, Claim, Indicator, date_text
from briefing.document.vocabulary import LIKELIHOODS
from briefing.export.overview import ChangeEntry, changes

# Most likely first: the rank of each term, from its place in the table (least likely first).
_RANK = {term: rank for rank, term in enumerate(LIKELIHOODS)}

EffectKey = Literal["strengthens", "weakens", "unspecified"]
EFFECT_ORDER: tuple[EffectKey, ...] = ("strengthens", "weakens", "unspecified")

ScrutinyKey = Literal["single-source", "denied-unanswered", "no-likelihood"]


class ClaimIndicators(NamedTuple):
    """A claim and those of its indicators that have one effect, in the claim's order."""

    claim: Claim
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class Scrutiny:
    """One scrutiny count: what it counts, in words, and the claims it counts."""

    key: ScrutinyKey
    label: str
    """What a counted claim is, short: "rest on a single source"."""
    meaning: str
    """The rule, in a sentence, for the reader who wonders what was counted."""
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything the assessment screen shows, worked out once."""

    format: int
    bottom_line: str | None
    revised: str | None
    """The revision date as written, or None."""
    judgements: tuple[Claim, ...]
    """Claims with a likelihood, most likely first; one likelihood keeps reading order."""
    with_assumptions: tuple[Claim, ...]
    indicators: dict[EffectKey, tuple[ClaimIndicators, ...]]
    with_gaps: tuple[Claim, ...]
    changes: tuple[ChangeEntry, ...]
    scrutiny: tuple[Scrutiny, ...] = field(default=())

    @property
    def indicator_count(self) -> int:
        """Return how many indicators the briefing holds."""
        return sum(len(group.indicators) for g in self.indicators.values() for group in g)

    @property
    def assumption_count(self) -> int:
        """Return how many assumptions the briefing holds."""
        return sum(len(claim.assumptions) for claim in self.with_assumptions)

    @property
    def gap_count(self) -> int:
        """Return how many gaps the briefing records."""
        return sum(len(claim.gaps) for claim in self.with_gaps)


SINGLE_SOURCE = (
    "rest on a single source",
    "one piece of evidence, or every piece citing the same source",
)
DENIED_UNANSWERED = (
    "denied, with no sourced evidence",
    "none of the evidence names a source, or there is no evidence",
)
NO_LIKELIHOOD = (
    "judgements without a likelihood",
    "a confidence is given but no likelihood",
)


def rests_on_single_source(claim: Claim) -> bool:
    """Return True when the claim has one piece of evidence, or all of it cites one source."""
    evidence = claim.evidence
    if len(evidence) == 1:
        return True
    if not evidence:
        return False
    first = evidence[0].source
    return first is not None and all(piece.source == first for piece in evidence)


def denial_unanswered(claim: Claim) -> bool:
    """Return True when the claim is denied and none of its evidence names a source."""
    return bool(claim.denials) and all(piece.source is None for piece in claim.evidence)


def judgement_without_likelihood(claim: Claim) -> bool:
    """Return True when the claim has a confidence but no likelihood."""
    return claim.confidence is not None and claim.likelihood is None


def build_assessment(briefing: Briefing) -> Assessment:
    """Return what the assessment screen shows of `briefing`, in one pass over its claims."""
    judgements: list[Claim] = []
    with_assumptions: list[Claim] = []
    with_gaps: list[Claim] = []
    indicators: dict[EffectKey, list[ClaimIndicators]] = {key: [] for key in EFFECT_ORDER}
    single: list[Claim] = []
    unanswered: list[Claim] = []
    no_likelihood: list[Claim] = []
    for claim in briefing.claims():
        if claim.likelihood is not None:
            judgements.append(claim)
        if claim.assumptions:
            with_assumptions.append(claim)
        if claim.gaps:
            with_gaps.append(claim)
        if claim.indicators:
            _add_indicators(indicators, claim)
        if rests_on_single_source(claim):
            single.append(claim)
        if denial_unanswered(claim):
            unanswered.append(claim)
        if judgement_without_likelihood(claim):
            no_likelihood.append(claim)
    # A stable sort: claims of one likelihood stay in reading order.
    judgements.sort(key=lambda claim: _RANK.get(claim.likelihood or "", -1), reverse=True)
    scrutiny = [
        Scrutiny("single-source", *SINGLE_SOURCE, tuple(single)),
        Scrutiny("denied-unanswered", *DENIED_UNANSWERED, tuple(unanswered)),
    ]
    if briefing.format >= 2:
        scrutiny.append(Scrutiny("no-likelihood", *NO_LIKELIHOOD, tuple(no_likelihood)))
    info = briefing.briefing
    return Assessment(
        format=briefing.format,
        bottom_line=info.bottom_line,
        revised=date_text(info.revised) or None,
        judgements=tuple(judgements),
        with_assumptions=tuple(with_assumptions),
        indicators={key: tuple(found) for key, found in indicators.items()},
        with_gaps=tuple(with_gaps),
        changes=tuple(changes(briefing)),
        scrutiny=tuple(scrutiny),
    )


def _add_indicators(found: dict[EffectKey, list[ClaimIndicators]], claim: Claim) -> None:
    by_effect: dict[EffectKey, list[Indicator]] = {}
    for indicator in claim.indicators:
        key: EffectKey = (
            "strengthens"
            if indicator.effect == "strengthens"
            else "weakens"
            if indicator.effect == "weakens"
            else "unspecified"
        )
        by_effect.setdefault(key, []).append(indicator)
    for key, items in by_effect.items():
        found[key].append(ClaimIndicators(claim, tuple(items)))

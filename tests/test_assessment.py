"""The assessment's data (briefing/query/assessment.py): order, groups and scrutiny counts."""

from __future__ import annotations

from pathlib import Path

from analysis_fixtures import PARTIES, bundled_path, load
from briefings import FEATURES_V2, load_briefing

from briefing.document.model import Briefing
from briefing.document.vocabulary import LIKELIHOODS
from briefing.export.overview import changes
from briefing.query.assessment import (
    build_assessment,
    denial_unanswered,
    judgement_without_likelihood,
    rests_on_single_source,
)


def _ids(claims: tuple[object, ...]) -> list[str]:
    return [claim.id for claim in claims]  # type: ignore[attr-defined]


def _scrutiny(briefing: Briefing) -> dict[str, list[str]]:
    return {item.key: _ids(item.claims) for item in build_assessment(briefing).scrutiny}


def test_judgements_run_from_the_most_likely_to_the_least() -> None:
    found = build_assessment(load(FEATURES_V2))
    assert _ids(found.judgements) == [
        "premiums-rose",  # almost certain
        "corridor-reopens",  # very likely
        "escorts-agreed",  # likely
        "convoy-attacked",  # roughly even chance
        "escorts-for-show",  # unlikely
        "no-attack",  # very unlikely
        "talks-narrow",  # almost no chance
    ]
    # The claims without a likelihood are not judgements here.
    assert "reopening-reported" not in _ids(found.judgements)


def test_judgements_of_one_likelihood_keep_reading_order() -> None:
    briefing = load(bundled_path())
    found = build_assessment(briefing)
    reading = [claim.id for claim in briefing.claims()]
    ranks = list(LIKELIHOODS)
    pairs = list(zip(found.judgements, found.judgements[1:], strict=False))
    assert len(found.judgements) == sum(1 for c in briefing.claims() if c.likelihood)
    for first, second in pairs:
        assert first.likelihood is not None and second.likelihood is not None
        assert ranks.index(first.likelihood) >= ranks.index(second.likelihood)
        if first.likelihood == second.likelihood:
            assert reading.index(first.id) < reading.index(second.id)


def test_version_2_parts_of_the_features_fixture() -> None:
    briefing = load(FEATURES_V2)
    found = build_assessment(briefing)
    assert found.bottom_line == briefing.briefing.bottom_line
    assert found.revised == "2025-05-10"
    assert _ids(found.with_assumptions) == ["escorts-agreed", "convoy-attacked"]
    assert found.assumption_count == 3
    assert _ids(found.with_gaps) == ["escorts-agreed", "escorts-for-show"]
    assert found.gap_count == 3
    by_effect = {
        effect: [(group.claim.id, [i.text for i in group.indicators]) for group in groups]
        for effect, groups in found.indicators.items()
    }
    assert by_effect == {
        "strengthens": [("escorts-agreed", ["Escorts are seen beside a convoy."])],
        "weakens": [("escorts-agreed", ["The second navy denies any agreement."])],
        "unspecified": [
            ("escorts-agreed", ["Convoy schedules change."]),
            ("convoy-attacked", ["Damage to the hulls is photographed."]),
        ],
    }
    assert found.indicator_count == 4
    # The exports' order, newest first: the partial date after the full dates of its month.
    assert list(found.changes) == changes(briefing)
    assert [change.date for change in found.changes] == ["2025-05-10", "2025-05-02", "2025-05"]


def test_scrutiny_counts_of_the_features_fixture() -> None:
    counted = _scrutiny(load(FEATURES_V2))
    # escorts-agreed has two pieces of evidence, one without a source: not one source.
    assert counted["single-source"] == [
        "convoy-attacked",
        "no-attack",
        "premiums-rose",
        "escorts-for-show",
        "corridor-reopens",
        "talks-narrow",
        "reopening-reported",
        "navy-echo",
    ]
    # convoy-attacked is denied and its one piece of evidence names no source;
    # escorts-agreed is denied too, but one piece of its evidence cites the ministry.
    assert counted["denied-unanswered"] == ["convoy-attacked"]
    # Every claim here with a confidence has a likelihood.
    assert counted["no-likelihood"] == []


def test_scrutiny_of_the_bundled_briefing_follows_the_rules() -> None:
    briefing = load(bundled_path())
    counted = _scrutiny(briefing)
    claims = briefing.claims()
    assert counted["no-likelihood"] == [
        c.id for c in claims if c.confidence is not None and c.likelihood is None
    ]
    assert len(counted["no-likelihood"]) == 4
    sources = {c.id: {e.source for e in c.evidence} for c in claims}
    assert counted["single-source"] == [
        c.id
        for c in claims
        if len(c.evidence) == 1 or (len(sources[c.id]) == 1 and None not in sources[c.id])
    ]
    assert counted["denied-unanswered"] == [
        c.id for c in claims if c.denials and not any(e.source for e in c.evidence)
    ]


def test_a_version_1_briefing_has_no_likelihood_count() -> None:
    found = build_assessment(load(PARTIES))
    assert found.format == 1
    assert [item.key for item in found.scrutiny] == ["single-source", "denied-unanswered"]
    assert found.judgements == () and found.bottom_line is None and found.changes == ()
    # analysis-parties.toml: exports-fell cites no source for its evidence and is denied.
    assert _scrutiny(load(PARTIES))["denied-unanswered"] == ["exports-fell"]


RULES = """format = 2
[briefing]
title = "Rules"
[[sources]]
id = "a"
title = "A"
[[sources]]
id = "b"
title = "B"
[[sections]]
id = "s"
title = "S"
  [[sections.claims]]
  id = "two-from-one"
  text = "Two pieces, one source."
  claimant = "X"
  evidence = [{ text = "One.", source = "a" }, { text = "Two.", source = "a" }]
  [[sections.claims]]
  id = "two-sources"
  text = "Two sources."
  claimant = "X"
  evidence = [{ text = "One.", source = "a" }, { text = "Two.", source = "b" }]
  [[sections.claims]]
  id = "two-unsourced"
  text = "Two pieces, no source."
  claimant = "X"
  evidence = ["One.", "Two."]
  confidence = "low"
  [[sections.claims]]
  id = "one-unsourced"
  text = "One piece, no source, denied."
  claimant = "X"
  evidence = ["One."]
  denials = [{ by = "Y", text = "No." }]
  [[sections.claims]]
  id = "bare-denied"
  text = "No evidence, denied."
  claimant = "X"
  denials = [{ by = "Y", text = "No.", source = "b" }]
  confidence = "high"
  likelihood = "unlikely"
  [[sections.claims]]
  id = "answered"
  text = "Denied, with sourced evidence."
  claimant = "X"
  evidence = [{ text = "One.", source = "b" }]
  denials = [{ by = "Y", text = "No." }]
"""


def test_each_rule_on_its_own_claims(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(RULES, encoding="utf-8")
    briefing = load_briefing(path)
    claim = {c.id: c for c in briefing.claims()}
    single = {cid for cid, c in claim.items() if rests_on_single_source(c)}
    assert single == {"two-from-one", "one-unsourced", "answered"}
    unanswered = {cid for cid, c in claim.items() if denial_unanswered(c)}
    # A denial's own source does not answer it: only the claim's evidence does.
    assert unanswered == {"one-unsourced", "bare-denied"}
    lacking = {cid for cid, c in claim.items() if judgement_without_likelihood(c)}
    assert lacking == {"two-unsourced"}
    assert _scrutiny(briefing) == {
        "single-source": ["two-from-one", "one-unsourced", "answered"],
        "denied-unanswered": ["one-unsourced", "bare-denied"],
        "no-likelihood": ["two-unsourced"],
    }

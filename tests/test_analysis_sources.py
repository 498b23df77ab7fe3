"""The sources index and backlinks: what cites each source, single-source claims, linked-from."""

from __future__ import annotations

from analysis_fixtures import bundled_path, load, parties_briefing

from briefing.query.backlinks import build_backlinks
from briefing.query.sources import build_source_index


def test_each_source_lists_its_citations_grouped_by_claim() -> None:
    index = build_source_index(parties_briefing())
    wire = index.entry("wire-report")
    assert wire is not None
    assert [group.claim.id for group in wire.claims] == ["escorts-agreed", "convoy-attacked"]
    attacked = wire.claims[1]
    assert [c.text for c in attacked.evidence] == [
        "The wire service reported explosions.",
        "A second wire report gave a time.",
    ]
    assert [c.text for c in attacked.caveats] == ["The wire service had no reporter on site."]
    assert [(c.by, c.text) for c in attacked.denials] == [
        ("the Ministry of Defence", "No convoy was attacked.")
    ]
    assert wire.citation_count == 5


def test_a_source_cited_only_by_a_denial_is_cited() -> None:
    index = build_source_index(parties_briefing())
    transcript = index.entry("denial-transcript")
    assert transcript is not None and transcript.cited
    (group,) = transcript.claims
    assert group.claim.id == "escorts-agreed"
    assert [c.kind for c in group.all] == ["denial"]
    assert group.denials[0].position == 0


def test_uncited_sources_are_the_ones_nothing_cites() -> None:
    index = build_source_index(parties_briefing())
    assert [source.id for source in index.uncited] == ["leaked-memo"]
    memo = index.entry("leaked-memo")
    assert memo is not None and not memo.cited
    assert index.counts("leaked-memo") == (0, 0)
    assert index.counts("wire-report") == (2, 5)


def test_claims_resting_on_one_source_count_distinct_evidence_sources() -> None:
    index = build_source_index(parties_briefing())
    # convoy-attacked cites wire-report twice: still one source. talks-resume and
    # port-closed have one piece of evidence each; escorts-agreed and
    # monitors-access have two sources; exports-fell cites none.
    assert index.single_source == ("convoy-attacked", "port-closed", "talks-resume")
    assert index.unsourced == ("exports-fell",)
    assert index.rests_on_only("port-closed", "satellite-images")
    assert not index.rests_on_only("monitors-access", "satellite-images")


def test_bundled_briefing_index_agrees_with_the_model() -> None:
    briefing = load(bundled_path())
    index = build_source_index(briefing)
    assert [entry.source.id for entry in index.entries] == [s.id for s in briefing.sources]
    for claim in briefing.claims():
        cited = {e.source for e in claim.evidence} | {c.source for c in claim.caveats}
        cited |= {d.source for d in claim.denials}
        listed = {e.source.id for e in index.entries if claim.id in {g.claim.id for g in e.claims}}
        assert listed == cited - {None}, claim.id
        evidence_sources = {e.source for e in claim.evidence} - {None}
        assert (claim.id in index.single_source) == (len(evidence_sources) == 1)


def test_backlinks_list_the_claims_whose_see_also_names_a_claim() -> None:
    links = build_backlinks(parties_briefing())
    assert links["escorts-agreed"] == ("convoy-attacked", "talks-resume")
    assert links["convoy-attacked"] == ("escorts-agreed",)
    assert links["port-closed"] == ("monitors-access",)
    assert "exports-fell" not in links


def test_bundled_backlinks_mirror_see_also() -> None:
    briefing = load(bundled_path())
    links = build_backlinks(briefing)
    pairs = {(c.id, target) for c in briefing.claims() for target in c.see_also}
    assert {(src, target) for target, srcs in links.items() for src in srcs} == pairs


def test_only_source_counts_are_the_claims_resting_on_each_source_alone() -> None:
    index = build_source_index(parties_briefing())
    counts = index.only_source_counts()
    assert list(counts) == [s.id for s in parties_briefing().sources]
    for source_id, count in counts.items():
        resting = [c for c in index.single_source if index.rests_on_only(c, source_id)]
        assert count == len(resting), source_id
    # convoy-attacked rests on the wire report alone; escorts-agreed has two sources.
    assert counts["wire-report"] == 1
    assert counts["leaked-memo"] == 0
    assert sum(counts.values()) == len(index.single_source)

"""Who says what: parties, what they claim and deny, and who denies them."""

from __future__ import annotations

from analysis_fixtures import FIXTURES, bundled_path, load, parties_briefing

from briefing.query.parties import Party, build_parties, party_key, top_level


def _by_name(name: str) -> object:
    return {p.key: p for p in build_parties(parties_briefing())}[party_key(name)]


def test_spellings_of_one_party_are_one_party() -> None:
    assert party_key("the Ministry of Defence") == party_key("Ministry of Defence")
    assert party_key("China’s  Foreign Ministry.") == party_key("china's foreign ministry")
    assert party_key("Neighbouring government") == party_key("Neighbouring Government")
    assert party_key("Theodore") == "theodore"  # only a whole leading "the " goes


def test_every_claimant_and_denier_is_a_party_once() -> None:
    parties = build_parties(parties_briefing())
    assert [p.name for p in parties] == [
        "Independent Monitors",
        "Ministry of Defence",
        "Neighbouring Government",
        "Opposition Party",
        "Port Authority",
    ]


def test_a_party_that_claims_and_denies_has_both() -> None:
    ministry = {p.key: p for p in build_parties(parties_briefing())}["ministry of defence"]
    assert ministry.spellings == ["Ministry of Defence", "the Ministry of Defence"]
    assert ministry.claims == ["escorts-agreed"]
    assert [(d.claim_id, d.text) for d in ministry.denials] == [
        ("convoy-attacked", "No convoy was attacked."),
        ("exports-fell", "Not a matter for the ministry, but the figures are wrong."),
    ]
    # Who denies the ministry's claims: both deniers of escorts-agreed.
    assert ministry.denied_by == {
        "neighbouring government": ["escorts-agreed"],
        "opposition party": ["escorts-agreed"],
    }


def test_a_party_that_only_denies_has_no_claims() -> None:
    port = {p.key: p for p in build_parties(parties_briefing())}["port authority"]
    assert port.claims == []
    assert [d.claim_id for d in port.denials] == ["port-closed"]
    monitors = {p.key: p for p in build_parties(parties_briefing())}["independent monitors"]
    assert monitors.denied_by == {"port authority": ["port-closed"]}


def test_bundled_parties_account_for_every_claim_and_denial() -> None:
    briefing = load(bundled_path())
    parties = build_parties(briefing)
    assert sorted(c for p in parties for c in p.claims) == sorted(c.id for c in briefing.claims())
    denials = sum(len(c.denials) for c in briefing.claims())
    assert sum(len(p.denials) for p in parties) == denials


def _v2_parties() -> dict[str, Party]:
    return {p.key: p for p in build_parties(load(FIXTURES / "features-v2.toml"))}


def test_format_2_parties_hang_under_the_party_they_are_part_of() -> None:
    parties = _v2_parties()
    neighbour, government, navy = (
        parties["neighbour"], parties["neighbour-gov"], parties["navy"]
    )  # fmt: skip
    assert neighbour.parent is None
    assert neighbour.parts == ["neighbour-gov"]
    assert government.parent == "neighbour"
    assert government.parts == ["navy"]
    assert navy.parent == "neighbour-gov" and navy.parts == []
    top = [p.key for p in top_level(build_parties(load(FIXTURES / "features-v2.toml")))]
    assert "neighbour" in top and "neighbour-gov" not in top and "navy" not in top


def test_bundled_parties_by_organisation_and_every_declared_party_listed() -> None:
    briefing = load(bundled_path())
    parties = {p.key: p for p in build_parties(briefing)}
    assert set(parties) == {p.id for p in briefing.parties}
    assert parties["ukraine-gov"].parts == ["ukraine-officials", "zelenskyy"]
    assert parties["zelenskyy"].parent == "ukraine-gov"
    assert parties["us-gov"].parts == ["us-congress", "us-officials"]
    # Every part_of is a parent link, and nothing else is.
    for declared in briefing.parties:
        assert parties[declared.id].parent == declared.part_of


def test_contradicted_claims_are_the_relations_other_claims_hold_towards_a_partys() -> None:
    briefing = load(bundled_path())
    parties = build_parties(briefing)
    expected = sorted(
        (target, claim.id)
        for claim in briefing.claims()
        for relation in claim.relations
        if relation.type == "contradicts"
        for target in [relation.claim]
    )
    found = sorted(pair for p in parties for pair in p.contradicted)
    assert found == expected and found
    by_id = {claim.id: claim for claim in briefing.claims()}
    for party in parties:
        for own, _ in party.contradicted:
            assert by_id[own].claimant == party.key


def test_format_1_parties_are_free_text_with_no_organisation() -> None:
    parties = build_parties(parties_briefing())
    assert all(p.parent is None and p.parts == [] and p.contradicted == [] for p in parties)
    assert top_level(parties) == parties

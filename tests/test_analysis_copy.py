"""Copying a claim: plain text with claimant, evidence, caveats, denials and links, made safe."""

from __future__ import annotations

from analysis_fixtures import FIXTURES, load, parties_briefing

from briefing.export.clipboard import claim_text


def test_claim_with_everything() -> None:
    briefing = parties_briefing()
    claim = briefing.claim("escorts-agreed")
    assert claim is not None
    assert claim_text(briefing, claim) == (
        "Both navies agreed to escort grain convoys.\n"
        "\n"
        "Claimant: Ministry of Defence\n"
        "Stated: 2025-04-28\n"
        "Confidence: moderate\n"
        "Section: Naval escorts\n"
        "Claim id: escorts-agreed\n"
        "\n"
        "Evidence:\n"
        "- Escort vessels were photographed leaving port."
        " [source: Ministry statement on convoy escorts]\n"
        "  Quote: “Our ships will accompany every convoy.”\n"
        "- A wire report confirms the departure. [source: Wire service report on the convoys]\n"
        "\n"
        "Caveats:\n"
        "- Escort capacity is thin. [source: Think-tank note on escort capacity]\n"
        "\n"
        "Denials:\n"
        "- Neighbouring Government (2025-04-29): Called the report 'pure invention'."
        " [source: Transcript of the government's press briefing]\n"
        "- Opposition Party (2025-04): Said no agreement was ever signed.\n"
        "\n"
        "See also:\n"
        "- A convoy was attacked near the harbour mouth. [claim: convoy-attacked]\n"
    )


def test_claim_with_nothing_says_none() -> None:
    briefing = parties_briefing()
    claim = briefing.claim("monitors-access")
    assert claim is not None
    text = claim_text(briefing, claim)
    assert "Stated:" not in text and "Confidence:" not in text
    assert "\nCaveats: none\n\nDenials: none\n\nSee also:\n" in text
    assert text.endswith(
        "- The northern port has been closed to grain ships. [claim: port-closed]\n"
    )


def test_hostile_strings_are_made_visible() -> None:
    briefing = load(FIXTURES / "reader-hostile.toml")
    (claim,) = briefing.claims()
    text = claim_text(briefing, claim)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "Red \\x1b[31mescape" in text and "Denies \\u202eevil" in text
    assert "[link=https://evil.example]" in text  # as written: plain text, not markup

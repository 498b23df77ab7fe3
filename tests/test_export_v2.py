"""Format version 2 in every export: what a reader of each one sees, and hostile strings.

The features-v2 fixture is read through the text export (unwrapped, so that a line is
a line), the Markdown export, the clipboard text and the JSON export, and each test
states what a reader finds there: the party's name where a claimant or denier stands,
the likelihood in words beside the confidence, each relation from both ends with its
note, assumptions, indicators and gaps, the document's bottom line first, its changes
newest first and its parties. The hostile-v2 fixture puts markup, escapes and bidi
tricks in every string version 2 adds; each export must show them as the version 1
strings are shown: made visible, escaped for Markdown, or kept exactly in JSON.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from typing import Any

import pytest
from briefings import FEATURES, FEATURES_V2, TESTS, load_briefing
from test_hostile_export import RAW, exports

from briefing.document.model import Briefing
from briefing.export import render
from briefing.export.clipboard import claim_text

HOSTILE_V2 = TESTS / "fixtures" / "hostile-v2.toml"


@pytest.fixture(scope="module")
def v2() -> Briefing:
    return load_briefing(FEATURES_V2)


@pytest.fixture(scope="module")
def hostile() -> Briefing:
    return load_briefing(HOSTILE_V2)


def text_claim(export: str, number: int) -> list[str]:
    """Return the lines of claim `number` in an unwrapped text export."""
    lines = export.split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith(f"{number}. "))
    end = lines.index("", start)
    return lines[start:end]


def markdown_claim(export: str, number: int) -> list[str]:
    """Return the lines of claim `number` in a Markdown export, up to the next heading."""
    lines = export.split("\n")
    start = lines.index(f"### Claim {number}")
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("#"))
    return lines[start:end]


def claim(briefing: Briefing, claim_id: str) -> Any:
    found = briefing.claim(claim_id)
    assert found is not None
    return found


# --- parties: names, never ids ------------------------------------------------------


def test_claimants_and_deniers_are_shown_by_name_in_every_export(v2: Briefing) -> None:
    text = render(v2, None, "text", 0)
    first = text_claim(text, 1)
    assert "   Claimant:   Ministry of Defence" in first
    assert (
        "   - Government of Neighbouria (2025-04-29): Called the report 'pure invention'. [S2]"
        in (first)
    )
    assert "   Claimant:   Neighbouria Navy" in text_claim(text, 3)
    markdown = markdown_claim(render(v2, None, "markdown"), 2)
    assert "- **Claimant:** Black Sea Shipping Agency" in markdown
    assert "- Neighbouria Navy \\(2025-05\\): No attack took place\\. \\[S4\\]" in markdown
    pasted = claim_text(v2, claim(v2, "escorts-agreed"))
    assert "Claimant: Ministry of Defence" in pasted.split("\n")
    assert "- Government of Neighbouria (2025-04-29): " in pasted
    # No export shows a party's id where its name belongs.
    for export in (text, render(v2, None, "markdown"), pasted):
        for party_id in ("neighbour-gov", "neighbour\\-gov", "Claimant:   mod", "Claimant: mod"):
            assert party_id not in export


def test_json_gives_the_name_and_the_party_id(v2: Briefing) -> None:
    data = json.loads(render(v2, None, "json"))
    first = data["sections"][0]["claims"][0]
    assert (first["claimant"], first["claimant_party"]) == ("Ministry of Defence", "mod")
    denial = first["denials"][0]
    assert list(denial) == ["by", "by_party", "text", "date", "source"]
    assert (denial["by"], denial["by_party"]) == ("Government of Neighbouria", "neighbour-gov")


def test_a_whole_export_lists_the_parties_and_a_section_export_does_not(v2: Briefing) -> None:
    text = render(v2, None, "text", 0)
    parties = text[text.index("\nParties\n-------\n") :]
    assert (
        "- Neighbouria Navy\n"
        "  Kind:    military\n"
        "  Part of: Government of Neighbouria\n"
        "  Aliases: Navy spokesperson\n"
    ) in parties
    assert "- Marine insurers\n" in parties  # no kind, part_of or aliases: the name alone
    markdown = render(v2, None, "markdown")
    assert (
        "- Government of Neighbouria\\\n"
        "  Kind: government\\\n"
        "  Part of: Neighbouria\\\n"
        "  Aliases: The neighbour's capital, Neighbouria's government\n"
    ) in markdown
    for fmt in ("text", "markdown"):
        assert "Parties" not in render(v2, ["escorts"], fmt, 0)
    # JSON lists, for a section, the parties its claims and denials name and their parents.
    data = json.loads(render(v2, ["escorts"], "json"))
    assert [party["id"] for party in data["parties"]] == [
        "neighbour", "neighbour-gov", "navy", "mod", "agency",
    ]  # fmt: skip
    assert data["parties"][2] == {
        "id": "navy",
        "name": "Neighbouria Navy",
        "kind": "military",
        "part_of": "neighbour-gov",
        "aliases": ["Navy spokesperson"],
    }


# --- likelihood beside confidence ---------------------------------------------------


def test_likelihood_is_in_words_with_its_range_beside_the_confidence(v2: Briefing) -> None:
    first = text_claim(render(v2, None, "text", 0), 1)
    at = first.index("   Likelihood: likely (55–80 %)")
    assert first[at + 1] == "   Confidence: moderate"
    markdown = markdown_claim(render(v2, None, "markdown"), 2)
    at = markdown.index("- **Likelihood:** roughly even chance (45–55 %)")
    assert markdown[at + 1] == "- **Confidence:** low"
    pasted = claim_text(v2, claim(v2, "no-attack")).split("\n")
    assert "Likelihood: very unlikely (5–20 %)" in pasted
    assert not any(line.startswith("Confidence") for line in pasted)
    data = json.loads(render(v2, None, "json"))
    fourth = data["sections"][1]["claims"][0]
    assert (fourth["likelihood"], fourth["likelihood_text"], fourth["confidence"]) == (
        "almost-certain",
        "almost certain (95–99 %)",
        "high",
    )
    assert data["sections"][2]["claims"][1]["likelihood"] is None


# --- relations from both ends -------------------------------------------------------


def test_a_relation_reads_from_both_ends_with_its_note(v2: Briefing) -> None:
    text = render(v2, None, "text", 0)
    note = "     Note: The agency reports the attack that the navy says never happened."
    held = text_claim(text, 2)
    at = held.index("   - contradicts claim 3: No convoy was attacked.")
    assert held[at + 1] == note
    seen = text_claim(text, 3)
    at = seen.index("   - contradicted by claim 2: A convoy was attacked near the strait.")
    assert seen[at + 1] == note
    markdown = render(v2, None, "markdown")
    assert "- contradicted by claim 2: A convoy was attacked near the strait\\.\\" in (
        markdown_claim(markdown, 3)
    )
    assert "- supports claim 2: A convoy was attacked near the strait\\.\\" in (
        markdown_claim(markdown, 4)
    )
    pasted = claim_text(v2, claim(v2, "no-attack"))
    assert "- contradicted by: A convoy was attacked near the strait. [claim: convoy-attacked]" in (
        pasted
    )


def test_every_relation_type_reads_back_from_the_other_claim(v2: Briefing) -> None:
    text = render(v2, None, "text", 0)
    assert "   - supported by claim 4: War-risk premiums" in "\n".join(text_claim(text, 2))
    first = "\n".join(text_claim(text, 1))
    assert "   - undercut by claim 5: The escorts are announced" in first
    assert "   - qualified by claim 7: The escort agreement" in first
    assert "   - undercuts claim 1: Both navies" in "\n".join(text_claim(text, 5))
    assert "   - qualifies claim 1: Both navies" in "\n".join(text_claim(text, 7))


def test_same_as_reads_alike_from_both_ends_and_once_when_both_state_it(v2: Briefing) -> None:
    text = render(v2, None, "text", 0)
    # Stated by both claims 6 and 8: each shows it once.
    sixth, eighth = "\n".join(text_claim(text, 6)), "\n".join(text_claim(text, 8))
    assert sixth.count("same as claim 8") == 1 and eighth.count("same as claim 6") == 1
    # Stated by claim 9 alone: claim 3 shows it too, with its note.
    third = text_claim(text, 3)
    at = third.index("   - same as claim 9: The navy says there was no attack.")
    assert third[at + 1] == "     Note: The wire repeats the navy's denial."


def test_a_relation_to_a_claim_left_out_of_the_export_names_its_section(v2: Briefing) -> None:
    text = render(v2, ["outlook", "escorts"], "text", 0)
    first = "\n".join(text_claim(text, 1))
    assert "   - undercut by claim 5 (section 2): The escorts are announced" in first
    assert "   - qualified by claim 7: The escort agreement" in first  # exported: no section
    markdown = render(v2, ["outlook", "escorts"], "markdown")
    assert "- same as claim 6 \\(section 2\\): The corridor" in markdown


def test_json_relations_say_which_end_holds_them(v2: Briefing) -> None:
    data = json.loads(render(v2, None, "json"))
    third = data["sections"][0]["claims"][2]
    assert third["relations"][0] == {
        "type": "contradicts",
        "words": "contradicted by",
        "inverse": True,
        "claim": {"id": "convoy-attacked", "number": 2, "text": claim(v2, "convoy-attacked").text},
        "note": "The agency reports the attack that the navy says never happened.",
    }
    second = data["sections"][0]["claims"][1]
    assert [(r["type"], r["words"], r["inverse"]) for r in second["relations"]] == [
        ("contradicts", "contradicts", False),
        ("supports", "supported by", True),
    ]


# --- assumptions, indicators, gaps ----------------------------------------------------


def test_assumptions_indicators_and_gaps_are_shown_with_what_follows(v2: Briefing) -> None:
    first = text_claim(render(v2, None, "text", 0), 1)
    groups = first[first.index("   Assumptions:") : first.index("   See also:")]
    assert groups == [
        "   Assumptions:",
        "   - The ministry speaks for both navies.",
        "     If wrong: The escorts may be one navy's alone.",
        "   - The photographs were taken this month.",
        "   Indicators:",
        "   - Escorts are seen beside a convoy.",
        "     If seen: would strengthen the claim",
        "   - The second navy denies any agreement.",
        "     If seen: would weaken the claim",
        "   - Convoy schedules change.",
        "   Gaps:",
        "   - Which ships would escort, and from when.",
        "   - Whether the second navy agreed.",
    ]
    markdown = "\n".join(markdown_claim(render(v2, None, "markdown"), 1))
    assert (
        "**Indicators**\n\n"
        "- Escorts are seen beside a convoy\\.\\\n"
        "  If seen: would strengthen the claim\n"
        "- The second navy denies any agreement\\.\\\n"
        "  If seen: would weaken the claim\n"
        "- Convoy schedules change\\.\n"
    ) in markdown
    assert "- The ministry speaks for both navies\\.\\\n  If wrong: The escorts" in markdown
    pasted = claim_text(v2, claim(v2, "escorts-agreed"))
    assert "\nGaps:\n- Which ships would escort, and from when.\n" in pasted
    assert "- Convoy schedules change.\n\nGaps:" in pasted  # no effect stated: nothing added
    data = json.loads(render(v2, None, "json"))
    first_data = data["sections"][0]["claims"][0]
    assert first_data["assumptions"][1] == {
        "text": "The photographs were taken this month.",
        "if_wrong": None,
    }
    assert [i["effect"] for i in first_data["indicators"]] == ["strengthens", "weakens", None]
    assert first_data["gaps"] == list(claim(v2, "escorts-agreed").gaps)


# --- reliability and credibility -----------------------------------------------------


def test_reliability_and_credibility_are_spelled_out(v2: Briefing) -> None:
    text = render(v2, None, "text", 0)
    assert "     Ministry of Defence · official statement · 2025-04-28 · reliability B " in text
    assert "     reliability F (reliability cannot be judged)" in text
    first = text_claim(text, 1)
    at = first.index("   - Escort vessels were photographed leaving port. [S1]")
    assert first[at + 1 : at + 3] == [
        "     credibility 2 (probably true)",
        "     Quote: “Our ships will accompany every convoy.”",
    ]
    markdown = render(v2, None, "markdown")
    assert "  credibility 1 \\(confirmed by other sources\\)" in markdown
    assert "· 2025-04 · reliability C (fairly reliable)" in markdown
    pasted = claim_text(v2, claim(v2, "corridor-reopens"))
    assert "[source: Convoy hit near the strait, reliability C (fairly reliable)]" in pasted
    assert "\n  credibility 3 (possibly true)\n" in pasted
    data = json.loads(render(v2, None, "json"))
    evidence = data["sections"][0]["claims"][0]["evidence"]
    assert [item["credibility"] for item in evidence] == [2, None]
    assert evidence[0]["source"]["reliability"] == "B"
    assert [source["reliability"] for source in data["sources"]] == ["B", "C", "F", None]


# --- the document: bottom line, revised, changes ------------------------------------------


def test_the_bottom_line_comes_first_and_revised_stands_beside_published(v2: Briefing) -> None:
    for fmt, published, revised, bottom in (
        ("text", "Published: 2025-05-02", "Revised:   2025-05-10", "Bottom line: The corridor"),
        (
            "markdown",
            "- **Published:** 2025-05-02",
            "- **Revised:** 2025-05-10",
            "**Bottom line:**",
        ),
    ):
        lines = render(v2, None, fmt, 0).split("\n")
        at = lines.index(published)
        assert lines[at + 1] == revised
        first = next(n for n, line in enumerate(lines) if line.startswith(bottom))
        summary = next(n for n, line in enumerate(lines) if line.startswith("The escorts were"))
        sections = next(n for n, line in enumerate(lines) if "Section 1" in line)
        assert at < first < summary < sections
        # A section export has no summary, but it keeps the bottom line.
        assert any(line.startswith(bottom) for line in render(v2, ["markets"], fmt, 0).split("\n"))
    data = json.loads(render(v2, None, "json"))
    assert list(data["briefing"])[-2:] == ["bottom_line", "revised"]
    assert data["briefing"]["revised"] == "2025-05-10"
    assert data["briefing"]["bottom_line"] == v2.briefing.bottom_line


def test_changes_are_listed_newest_first(v2: Briefing) -> None:
    # The file lists them as 2025-05, 2025-05-10, 2025-05-02.
    newest_first = ["2025-05-10", "2025-05-02", "2025-05"]
    text = render(v2, None, "text", 0)
    block = text[text.index("\nChanges:\n") :].split("\n\n")[0].split("\n")[2:]
    assert [line.split(":")[0].removeprefix("- ") for line in block] == newest_first
    assert "- 2025-05-02: First published." in block
    markdown = render(v2, None, "markdown")
    assert (
        "**Changes**\n\n- 2025-05-10: Added the insurers' note and its reliability\\." in markdown
    )
    data = json.loads(render(v2, None, "json"))
    assert [change["date"] for change in data["changes"]] == newest_first
    assert data["changes"][2] == {
        "date": "2025-05",
        "text": "Marked the convoy attack as contradicted by the navy.",
    }


# --- JSON: one shape per format, and nothing lost --------------------------------------------


def test_json_says_which_format_it_holds_and_keeps_the_version_1_shape() -> None:
    v1 = json.loads(render(load_briefing(FEATURES), None, "json"))
    assert v1["format"] == 1 and list(v1) == ["format", "briefing", "sections", "sources"]
    v2 = json.loads(render(load_briefing(FEATURES_V2), None, "json"))
    assert v2["format"] == 2
    assert list(v2) == ["format", "briefing", "sections", "sources", "parties", "changes"]
    assert list(v2["sections"][0]["claims"][0]) == [
        "id", "number", "text", "claimant", "claimant_party", "stated", "likelihood",
        "likelihood_text", "confidence", "see_also", "evidence", "caveats", "denials",
        "relations", "assumptions", "indicators", "gaps",
    ]  # fmt: skip
    assert list(v2["sources"][0]) == [
        "id", "title", "publisher", "kind", "date", "url", "reliability",
    ]  # fmt: skip


def from_export_json_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Return the format 2 data a whole-briefing JSON export describes (its inverse)."""

    def date(value: str | None) -> Any:
        return datetime.date.fromisoformat(value) if value and len(value) == 10 else value

    def source(value: dict[str, Any] | None) -> str | None:
        return None if value is None else value["id"]

    def claim(data: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": data["id"],
            "text": data["text"],
            "claimant": data["claimant_party"] or data["claimant"],
            "stated": date(data["stated"]),
            "confidence": data["confidence"],
            "likelihood": data["likelihood"],
            "see_also": [link["id"] for link in data["see_also"]],
            "evidence": [
                {
                    "text": e["text"],
                    "source": source(e["source"]),
                    "quote": e["quote"],
                    "credibility": e["credibility"],
                }
                for e in data["evidence"]
            ],
            "caveats": [
                {"text": c["text"], "source": source(c["source"])} for c in data["caveats"]
            ],
            "denials": [
                {
                    "by": d["by_party"] or d["by"],
                    "text": d["text"],
                    "date": date(d["date"]),
                    "source": source(d["source"]),
                }
                for d in data["denials"]
            ],
            # Those the claim holds; the others are held, and listed, by the other claim.
            "relations": [
                {"type": r["type"], "claim": r["claim"]["id"], "note": r["note"]}
                for r in data["relations"]
                if not r["inverse"]
            ],
            "assumptions": data["assumptions"],
            "indicators": data["indicators"],
            "gaps": data["gaps"],
        }

    info = dict(document["briefing"])
    info["published"], info["revised"] = date(info["published"]), date(info["revised"])
    return {
        "format": document["format"],
        "briefing": info,
        "changes": [{"date": date(c["date"]), "text": c["text"]} for c in document["changes"]],
        "parties": document["parties"],
        "sources": [{**s, "date": date(s["date"])} for s in document["sources"]],
        "sections": [
            {
                "id": s["id"],
                "title": s["title"],
                "summary": s["summary"],
                "claims": [claim(c) for c in s["claims"]],
            }
            for s in document["sections"]
        ],
    }


@pytest.mark.parametrize("path", [FEATURES_V2, HOSTILE_V2])
def test_the_json_export_of_a_version_2_briefing_loses_nothing(path: Any) -> None:
    briefing = load_briefing(path)
    document = json.loads(render(briefing, None, "json"))
    again = Briefing.model_validate(from_export_json_v2(document), strict=False)
    # Changes come newest first, not in the file's order; everything else comes back as is.
    assert sorted(again.changes, key=repr) == sorted(briefing.changes, key=repr)
    assert again.model_copy(update={"changes": briefing.changes}) == briefing


# --- hostile strings in every version 2 field ----------------------------------------------


def test_no_export_holds_a_raw_control_or_bidi_character(hostile: Briefing) -> None:
    # Every format, width and section, as for version 1, and each claim's clipboard text.
    found_in = exports(hostile)
    for item in hostile.claims():
        found_in[f"clipboard/{item.id}"] = claim_text(hostile, item)
    for name, text in found_in.items():
        found = RAW.search(text)
        assert found is None, f"{name}: raw {found.group()!r}" if found else ""


def test_text_shows_every_version_2_string_as_written_with_visible_escapes(
    hostile: Briefing,
) -> None:
    text = render(hostile, None, "text", 0)
    pasted = "".join(claim_text(hostile, item) for item in hostile.claims())
    shown_in_both = [
        "Party [bold]x[/] \\x1b[31mRED\\x1b[0m *emph* <b>",  # a claimant's party name
        "Denier \\x1b[8mhidden\\x1b[0m [link=file:///etc/passwd]x[/link]: Denied.",
        "Note: Note \\x1b[2J cleared & <script>alert(1)</script> | pipe \\u202eevil\\u202c",
        "Note: Same [@click=app.bell]bell[/] \\x9d52;c;aGVsbG8=\\x9c end",
        "- Assumption \\u202eoverride\\u202c [bold]x[/]",
        "If wrong: If wrong \\x07 bell [bold]x[/]",
        "- Indicator \\x1b]8;;file:///etc/passwd\\x1b\\link\\x1b]8;;\\x1b\\ end ***bold***",
        "- Gap \\x00 NUL \\x85 NEL ~~strike~~ www.example.com",
    ]
    for expected in shown_in_both:
        assert expected in text
        assert expected in pasted
    for expected in (
        "Bottom line: Bottom [link=file:///etc/passwd]x[/link] \\x1b]52;c;aGVsbG8=\\x07 line",
        "- 2025: Change [@click=app.quit]quit[/] \\x1b[2J cleared",
        "- 2025-06-01: Change \\x9b31m C1 and [a](http://x) and line",
        "  Part of: Whole [i]party[/i] \\x1b]0;title\\x07 | pipe",
        "  Aliases: Alias [@click=app.quit]q[/] \\u202eevil\\u202c # heading, Second alias",
        "  Aliases: Whole alias _under_ \\x85 NEL",
    ):
        assert expected in text


def test_a_blank_note_or_if_wrong_shows_no_empty_label(hostile: Briefing) -> None:
    pasted = "".join(claim_text(hostile, item) for item in hostile.claims())
    for export in (render(hostile, None, "text", 0), render(hostile, None, "markdown"), pasted):
        assert not re.search(r"(Note|If wrong):\s*$", export, re.MULTILINE)
    text = render(hostile, None, "text", 0)
    assert "   - Assumption with a blank if_wrong.\n   Indicators:" in text


def test_markdown_escapes_every_version_2_string(hostile: Briefing) -> None:
    markdown = render(hostile, None, "markdown")
    for expected in (
        "- **Claimant:** Party \\[bold\\]x\\[/\\] \\\\x1b\\[31mRED\\\\x1b\\[0m \\*emph\\* \\<b\\>",
        "**Bottom line:** Bottom \\[link\\=file\\:///etc/passwd\\]x\\[/link\\]",
        "\\# not a heading",
        "Second \\*paragraph\\* \\`code\\`",
        "- 2025-06-01: Change \\\\x9b31m C1 and \\[a\\]\\(http\\://x\\) and line\\",
        "  separator \\<b\\>",
        "  Note: Note \\\\x1b\\[2J cleared \\& \\<script\\>alert\\(1\\)\\</script\\> \\| pipe",
        "  If wrong: If wrong \\\\x07 bell \\[bold\\]x\\[/\\]\\",
        "  1\\. not a list",
        "- Gap \\\\x00 NUL \\\\x85 NEL \\~\\~strike\\~\\~ www\\.example\\.com",
        "  indented: not code",
        "  Aliases: Alias \\[\\@click\\=app\\.quit\\]q\\[/\\] \\\\u202eevil\\\\u202c \\# heading, "
        "Second alias \\&amp; \\!\\[img\\]\\(http\\://x\\)",
        "- Whole \\[i\\]party\\[/i\\] \\\\x1b\\]0;title\\\\x07 \\| pipe\\",
    ):
        assert expected in markdown
    # No markup written by the author survives unescaped.
    for markup in ("[bold]", "[link=", "[@click", "<script>", "![img]", "*paragraph*"):
        assert markup not in markdown


def test_json_keeps_every_version_2_string_exactly(hostile: Briefing) -> None:
    exported = render(hostile, None, "json")
    data = json.loads(exported)

    found: set[str] = set()
    pending: list[Any] = [data]
    while pending:  # every string anywhere in the document
        value = pending.pop()
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict | list):
            pending.extend(value.values() if isinstance(value, dict) else value)
    expected = {hostile.briefing.bottom_line, *(change.text for change in hostile.changes)}
    for party in hostile.parties:
        expected |= {party.name, *party.aliases}
    for item in hostile.claims():
        expected |= {*item.gaps, *(r.note for r in item.relations if r.note)}
        expected |= {a.text for a in item.assumptions} | {i.text for i in item.indicators}
        expected |= {a.if_wrong for a in item.assumptions if a.if_wrong}
    assert expected <= found
    assert "\\u001b]52;c;aGVsbG8=\\u0007" in exported and "\\u009b31m" in exported
    assert "\\u2028separator" in exported and "\\u202eevil\\u202c" in exported


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_export_command_prints_the_hostile_v2_briefing_safely(fmt: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(HOSTILE_V2), "--format", fmt],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        assert not RAW.search(stream.decode("utf-8"))
    assert b"warning: parties[1].name: string holds control characters" in done.stderr

"""Every rendering of a claim carries the same parts, in the same order.

Each claim of every briefing the tests read (the fixtures and the bundled one) goes
through the text and Markdown exports, the JSON export, the clipboard text and the
claim pane. What each must show is worked out here from the model itself, not from
the claim walk: the claim's text, claimant, date, likelihood and confidence, then each
piece of evidence with its source, credibility and quote, each caveat with its source,
each denial with who made it, when, what they said and the source, then (format 2)
each relation from this claim's end with the other claim and the note, each assumption
with what follows if it is wrong, each indicator with its effect, each gap, and last
each linked claim. Claimants and deniers are the parties' names. A rendering that
drops a part, or shows parts in another order, fails.

Formats write the same string differently (wrapped, escaped for Markdown, made
visible, cut short), so a part is looked for by its *key*: the first letters and
digits of its first line, as the rendering would make them visible.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from briefings import TESTS
from rich.text import Text
from textual.app import App, ComposeResult

from briefing.document.loader import load_file
from briefing.document.model import Briefing, Claim, Source, date_text
from briefing.document.textsafe import visible
from briefing.document.vocabulary import (
    credibility_text,
    likelihood_text,
    relation_words,
    reliability_text,
)
from briefing.export import render
from briefing.export.clipboard import claim_text
from briefing.export.plan import preview
from briefing.export.strings import one_line
from briefing.tui.widgets.claim_detail import ClaimDetail
from briefing.tui.widgets.hanging import Hanging

FILES = sorted([*(TESTS / "fixtures").rglob("*.toml"), *(TESTS.parent / "content").glob("*.toml")])
# Line breaks, which one format keeps, another turns into a space and a third into an escape.
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
KEY_LENGTH = 16


def briefings() -> Iterator[tuple[str, Briefing]]:
    for path in FILES:
        briefing = load_file(path).briefing
        if briefing is not None:
            yield str(path.relative_to(TESTS.parent)), briefing


BRIEFINGS = dict(briefings())


def alnum(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


def key(text: str) -> str:
    """Return the first letters and digits of the first line of `text` that has any."""
    for line in _BREAKS.split(text):
        found = alnum(visible(line))[:KEY_LENGTH]
        if found:
            return found
    return ""


def has_quote(quote: str | None) -> bool:
    # An empty quote, or one of spaces and line breaks, is no quote in any format.
    return quote is not None and bool(quote.strip())


@dataclass
class Item:
    """One part that a rendering shows: its first key, then keys that belong to it."""

    what: str
    first: str
    attached: list[str]


def source_keys(source: Source) -> list[str]:
    """Return the keys of a source as written out in full: title, details, URL."""
    details = [source.title, source.publisher, source.kind, date_text(source.date)]
    details += [reliability_text(source.reliability) if source.reliability else None, source.url]
    return [key(value) for value in details if value]


def relations_seen_from(briefing: Briefing, claim: Claim) -> list[tuple[str, str, str | None]]:
    """Return (words, other claim's id, note) for each relation read from `claim`'s end.

    Those the claim holds first, then those other claims hold towards it; a `same-as`
    that both claims state is the same relation and is read once.
    """
    found = [(relation_words(r.type), r.claim, r.note) for r in claim.relations]
    same = {r.claim for r in claim.relations if r.type == "same-as"}
    for holder, relation in briefing.relations_to(claim.id):
        if not (relation.type == "same-as" and holder in same):
            found.append((relation_words(relation.type, inverse=True), holder, relation.note))
    return found


def expected_items(briefing: Briefing, claim: Claim, cited: str) -> list[Item]:
    """Return the parts of `claim` in reading order, from the model.

    `cited` says how the rendering cites a source inside the claim: "ref" (`[S3]`),
    "title", or "full" (title, details and URL).
    """
    numbers = {source.id: n for n, source in enumerate(briefing.sources, start=1)}

    def source(source_id: str | None) -> list[str]:
        found = briefing.source(source_id)
        if found is None:
            return []
        if cited == "ref":
            return [f"S{numbers[found.id]}"]
        return [key(found.title)] if cited == "title" else source_keys(found)

    name = briefing.party_name
    items = [Item("text", key(claim.text), []), Item("claimant", key(name(claim.claimant)), [])]
    if claim.stated is not None:
        items.append(Item("stated", key(date_text(claim.stated)), []))
    if claim.likelihood is not None:
        items.append(Item("likelihood", key(likelihood_text(claim.likelihood)), []))
    if claim.confidence is not None:
        items.append(Item("confidence", claim.confidence, []))
    for n, evidence in enumerate(claim.evidence):
        graded = [key(credibility_text(evidence.credibility))] if evidence.credibility else []
        quote = [key(evidence.quote)] if evidence.quote and has_quote(evidence.quote) else []
        attached = source(evidence.source) + graded + quote
        items.append(Item(f"evidence {n}", key(evidence.text), attached))
    for n, caveat in enumerate(claim.caveats):
        items.append(Item(f"caveat {n}", key(caveat.text), source(caveat.source)))
    for n, denial in enumerate(claim.denials):
        said = [key(date_text(denial.date))] if denial.date else []
        said += [key(denial.text), *source(denial.source)]
        items.append(Item(f"denial {n}", key(name(denial.by)), said))
    claim_numbers = {item.id: n for n, item in enumerate(briefing.claims(), start=1)}
    for words, other, note in relations_seen_from(briefing, claim):
        linked = briefing.claim(other)
        assert linked is not None
        shown = key(preview(one_line(linked.text)))
        notes = [key(note)] if note else []
        # The other claim's start is part of the item's first key where a rendering's
        # layout is known, so that a see-also link to the same claim is not taken for it.
        if cited == "ref":
            first = alnum(f"{words} claim {claim_numbers[other]}") + shown
        elif cited == "title":
            first = alnum(words) + shown
        else:
            first, notes = alnum(words), [shown, *notes]
        items.append(Item(f"relation {words} {other}", first, notes))
    for n, assumption in enumerate(claim.assumptions):
        wrong = [key(assumption.if_wrong)] if assumption.if_wrong else []
        items.append(Item(f"assumption {n}", key(assumption.text), wrong))
    for n, indicator in enumerate(claim.indicators):
        # The effect in whatever words a rendering uses: "strengthens", "would strengthen".
        effect = [indicator.effect.removesuffix("s")] if indicator.effect else []
        items.append(Item(f"indicator {n}", key(indicator.text), effect))
    for n, gap in enumerate(claim.gaps):
        items.append(Item(f"gap {n}", key(gap), []))
    for target in claim.see_also:
        linked = briefing.claim(target)
        assert linked is not None
        # A link shows the start of the linked claim: at least its export preview.
        items.append(Item(f"link to {target}", key(preview(one_line(linked.text))), []))
    return items


def assert_carries(rendered: str, items: list[Item], where: str) -> None:
    """Assert that `rendered` shows every item in order, each with its attached keys."""
    flat = alnum(rendered)
    starts: list[int] = []
    at = 0
    for item in items:
        found = flat.find(item.first, at)
        assert found >= 0, f"{where}: {item.what} ({item.first!r}) missing or out of order"
        starts.append(found)
        at = found + len(item.first)
        # The next item is looked for after what belongs to this one, so that its words
        # quoted in this item's text (evidence that names what an assumption assumes)
        # are not taken for it.
        for part in item.attached:
            end = flat.find(part, found)
            if end >= 0:
                at = max(at, end + len(part))
    for n, item in enumerate(items):
        # What belongs to an item stands between its start and the next item's.
        end = starts[n + 1] if n + 1 < len(items) else len(flat)
        span = flat[starts[n] : end]
        for part in item.attached:
            assert part in span, f"{where}: {item.what} lacks {part!r}"
    assert "“”" not in rendered, f"{where}: an empty quote is shown"


# --- the text and Markdown exports -------------------------------------------------


def split_text_export(export: str, claims_in: list[Claim]) -> tuple[list[str], list[str]]:
    """Return the claims of a whole text export, in order, and its source entries.

    A claim starts at `N. ` and its text in the first column (a summary may hold a
    line `2. ` too) and goes on while its lines are indented; a source entry is
    `[S3] Title` and its indented lines.
    """
    claims: list[list[str]] = []
    sources: list[list[str]] = []
    block: list[str] | None = None
    for line in export.split("\n"):
        number = len(claims) + 1
        if number <= len(claims_in) and alnum(line).startswith(
            f"{number}{key(claims_in[number - 1].text)}"
        ):
            block = []
            claims.append(block)
        elif line.startswith("[S"):
            block = []
            sources.append(block)
        elif line and not line.startswith(" "):
            block = None
        if block is not None:
            block.append(line)
    return ["\n".join(lines) for lines in claims], ["\n".join(lines) for lines in sources]


def split_markdown_export(export: str, claims_in: list[Claim]) -> tuple[list[str], list[str]]:
    """Return the claims of a whole Markdown export, in order, and its source entries.

    A claim runs from its `### Claim N` heading to the next heading; a source entry is
    an item `- [S3] Title` of a source list, with its indented lines.
    """
    claims: list[list[str]] = []
    sources: list[list[str]] = []
    block: list[str] | None = None
    for line in export.split("\n"):
        if line.startswith("### Claim "):
            block = []
            claims.append(block)
        elif line.startswith("- \\[S") and (block is None or block in sources):
            block = []
            sources.append(block)
        elif line.startswith("#") or (block in sources and not line.startswith("  ")):
            block = None
        if block is not None:
            block.append(line)
    return ["\n".join(lines) for lines in claims], ["\n".join(lines) for lines in sources]


SPLITTERS = {"text": split_text_export, "markdown": split_markdown_export}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("name", list(BRIEFINGS))
def test_the_exports_carry_every_part_of_every_claim(name: str, fmt: str) -> None:
    briefing = BRIEFINGS[name]
    claims, sources = SPLITTERS[fmt](render(briefing, None, fmt, 0), briefing.claims())
    assert len(claims) == len(briefing.claims())
    for claim, rendered in zip(briefing.claims(), claims, strict=True):
        where = f"{name} {fmt} claim {claim.id}"
        assert_carries(rendered, expected_items(briefing, claim, "ref"), where)
    # Each source is written out in full once in the sections that cite it, and once
    # more at the end if nothing cites it: its title, details and URL, in that order.
    by_number = {f"S{n}": source for n, source in enumerate(briefing.sources, start=1)}
    written: set[str] = set()
    for entry in sources:
        number = re.search(r"S\d+", entry)
        assert number is not None
        source = by_number[number.group()]
        item = Item(f"source {source.id}", number.group(), source_keys(source))
        assert_carries(entry, [item], f"{name} {fmt} {number.group()}")
        written.add(number.group())
    assert written == set(by_number)


# --- the clipboard -----------------------------------------------------------------


@pytest.mark.parametrize("name", list(BRIEFINGS))
def test_the_clipboard_text_carries_every_part_of_every_claim(name: str) -> None:
    briefing = BRIEFINGS[name]
    for claim in briefing.claims():
        expected = expected_items(briefing, claim, "title")
        assert_carries(claim_text(briefing, claim), expected, f"{name} clipboard {claim.id}")


# --- JSON: the same parts, as data -------------------------------------------------


def _source_id(value: dict[str, object] | None) -> object:
    return None if value is None else value["id"]


@pytest.mark.parametrize("name", list(BRIEFINGS))
def test_the_json_export_carries_every_part_of_every_claim(name: str) -> None:
    briefing = BRIEFINGS[name]
    document = json.loads(render(briefing, None, "json"))
    claims = [claim for section in document["sections"] for claim in section["claims"]]
    sources = {source["id"]: source for source in document["sources"]}
    for claim, data in zip(briefing.claims(), claims, strict=True):
        assert (data["id"], data["text"], data["claimant"]) == (
            claim.id,
            claim.text,
            briefing.party_name(claim.claimant),
        )
        assert data["stated"] == (date_text(claim.stated) or None)
        assert data["confidence"] == claim.confidence
        assert [
            (item["text"], _source_id(item["source"]), item["quote"]) for item in data["evidence"]
        ] == [
            (item.text, item.source, item.quote if has_quote(item.quote) else None)
            for item in claim.evidence
        ]
        assert [(item["text"], _source_id(item["source"])) for item in data["caveats"]] == [
            (item.text, item.source) for item in claim.caveats
        ]
        assert [
            (item["by"], item["date"], item["text"], _source_id(item["source"]))
            for item in data["denials"]
        ] == [
            (briefing.party_name(item.by), date_text(item.date) or None, item.text, item.source)
            for item in claim.denials
        ]
        if briefing.format == 2:
            assert_json_carries_version_2(briefing, claim, data)
        assert [link["id"] for link in data["see_also"]] == list(claim.see_also)
        cited = [
            item["source"] for group in ("evidence", "caveats", "denials") for item in data[group]
        ]
        for source in filter(None, cited):
            assert source == sources[source["id"]]
    for source in briefing.sources:
        written = sources[source.id]
        assert [written[k] for k in ("title", "publisher", "kind", "url")] == [
            source.title,
            source.publisher,
            source.kind,
            source.url,
        ]
        assert written["date"] == (date_text(source.date) or None)
        if briefing.format == 2:
            assert written["reliability"] == source.reliability


def assert_json_carries_version_2(briefing: Briefing, claim: Claim, data: dict[str, Any]) -> None:
    has_parties = bool(briefing.parties)
    assert data["claimant_party"] == (claim.claimant if has_parties else None)
    assert [item["by_party"] for item in data["denials"]] == [
        item.by if has_parties else None for item in claim.denials
    ]
    assert data["likelihood"] == claim.likelihood
    assert data["likelihood_text"] == (
        likelihood_text(claim.likelihood) if claim.likelihood else None
    )
    assert [item["credibility"] for item in data["evidence"]] == [
        item.credibility for item in claim.evidence
    ]
    assert [(r["words"], r["claim"]["id"], r["note"]) for r in data["relations"]] == (
        relations_seen_from(briefing, claim)
    )
    assert [(item["text"], item["if_wrong"]) for item in data["assumptions"]] == [
        (item.text, item.if_wrong) for item in claim.assumptions
    ]
    assert [(item["text"], item["effect"]) for item in data["indicators"]] == [
        (item.text, item.effect) for item in claim.indicators
    ]
    assert data["gaps"] == list(claim.gaps)


# --- the claim pane ----------------------------------------------------------------


class PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ClaimDetail(id="claim")


def shown_text(prompt: object) -> str:
    """Return the characters an option shows, its margin before its parts."""
    if isinstance(prompt, Hanging):
        return prompt.margin.plain + " " + "\n".join(shown_text(part) for part in prompt.parts)
    assert isinstance(prompt, Text)
    return prompt.plain


@pytest.mark.parametrize("name", list(BRIEFINGS))
async def test_the_claim_pane_carries_every_part_of_every_claim(name: str) -> None:
    briefing = BRIEFINGS[name]
    app = PaneApp()
    async with app.run_test(size=(100, 40)):
        pane = app.query_one(ClaimDetail)
        for claim in briefing.claims():
            pane.show_claim(briefing, claim)
            options = [pane.get_option_at_index(n) for n in range(pane.option_count)]
            rendered = "\n".join(shown_text(option.prompt) for option in options)
            expected = expected_items(briefing, claim, "full")
            assert_carries(rendered, expected, f"{name} pane {claim.id}")


def test_every_fixture_briefing_is_read() -> None:
    # The fixtures that load, the bundled briefing among them, and the edge cases.
    assert len(BRIEFINGS) >= 8
    assert "content/china-russia-ukraine.toml" in BRIEFINGS
    assert "tests/fixtures/claim-parts.toml" in BRIEFINGS

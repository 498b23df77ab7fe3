"""docs/format.md on version 2: its complete example checks clean, and what it tells authors
(the fixed words, their meanings, the example diagnostics) is what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import tomli
from test_new import _keys, _schema_keys
from test_schema import schema_errors, toml_blocks

from briefing.document.loader import load_text
from briefing.document.schema import briefing_schema
from briefing.document.vocabulary import (
    CREDIBILITY,
    EFFECTS,
    LIKELIHOODS,
    PARTY_KINDS,
    RELATION_TYPES,
    RELIABILITY,
    relation_words,
)

DOC = (Path(__file__).resolve().parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
FILE = "my-briefing.toml"


def complete_examples(version: int) -> list[str]:
    return [block for block in toml_blocks(DOC) if block.startswith(f"format = {version}\n")]


def worked_example() -> str:
    examples = complete_examples(2)
    assert len(examples) == 1, "docs/format.md has one complete example starting 'format = 2'"
    return examples[0]


def table_under(heading: str) -> list[list[str]]:
    """Return the body rows of the first table after `heading`, as lists of cells."""
    after = DOC[DOC.index(f"\n{heading}\n") :]
    rows = re.search(r"^\|.*\|\n\| ---.*\n((?:\|.*\|\n)+)", after, flags=re.MULTILINE)
    assert rows, f"no table under {heading!r}"
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[1].splitlines()]


def test_the_version_2_example_checks_clean_and_passes_the_schema() -> None:
    result = load_text(worked_example(), FILE)
    assert [str(d) for d in result.diagnostics] == []
    assert result.briefing is not None and result.briefing.format == 2
    assert [e.message for e in schema_errors(worked_example())] == []


def test_the_complete_examples_show_every_key_of_the_format() -> None:
    # The version 1 example cannot hold a key of version 2 (it would not check clean), so
    # every key that version 2 adds must be shown by the version 2 example.
    used: set[str] = set()
    for block in complete_examples(1) + complete_examples(2):
        used |= _keys(tomli.loads(block))
    assert _schema_keys(briefing_schema()) - used == set()


def test_every_likelihood_term_is_shown_with_its_words_and_range() -> None:
    rows = table_under("#### Likelihood")
    assert [row[0] for row in rows] == [f"`{term}`" for term in LIKELIHOODS]
    for row, (words, low, high) in zip(rows, LIKELIHOODS.values(), strict=True):
        assert row[1:] == [words, f"{low}–{high} %"]


def test_the_admiralty_scales_are_the_codes() -> None:
    assert table_under("#### Source reliability") == [
        [f"`{grade}`", meaning] for grade, meaning in RELIABILITY.items()
    ]
    assert table_under("#### Information credibility") == [
        [f"`{grade}`", meaning] for grade, meaning in CREDIBILITY.items()
    ]


def test_every_relation_type_reads_from_both_ends_as_the_reader_shows_it() -> None:
    rows = table_under("#### Relation types")
    assert [row[0] for row in rows] == [f"`{kind}`" for kind in RELATION_TYPES]
    for row, kind in zip(rows, RELATION_TYPES, strict=True):
        assert row[2:] == [relation_words(kind), relation_words(kind, inverse=True)]


def test_party_kinds_and_effects_are_the_allowed_words() -> None:
    assert [row[0] for row in table_under("#### Party kinds")] == [f"`{k}`" for k in PARTY_KINDS]
    others = DOC[DOC.index("#### The other fixed words") :]
    others = others[: others.index("\n### ")]
    assert all(f"`{effect}`" in others for effect in EFFECTS)


# The example diagnostics in docs/format.md: each is the first thing `briefing check`
# says about the version 2 example with one edit, so the page shows real output.
CONFLICT = """claim = "convoy-sailed"

    [[sections.claims.relations]]
    type  = "supports"
    claim = "convoy-sailed"
"""
EDITS: list[tuple[str, str]] = [
    ("format = 2\n", "format = 1\n"),
    ('kind    = "government"\naliases', 'kind    = "goverment"\naliases'),
    ('aliases = ["Coastland"]', 'aliases = ["Coastland"]\npart_of = "coastland-defence"'),
    ('reliability = "C"', 'reliability = "c"'),
    ('claimant   = "coastland-defence"', 'claimant   = "Ministry of Defence"'),
    ('likelihood = "likely"', 'likelihood = "likley"'),
    ("credibility = 3", "credibility = 7"),
    ('name = "Government of Norland"', 'name = "Government of Norland"\naliases = ["Coastland"]'),
    ('claim = "convoy-sailed"', 'claim = "convoy-sailing"'),
    ('claim = "convoy-sailed"\n', CONFLICT),
    ('claimant    = "harbour-master"', 'claimant    = "coastland"'),
]


def first_diagnostic(old: str, new: str) -> str:
    example = worked_example()
    assert example.count(old) == 1, old
    diagnostics = load_text(example.replace(old, new), FILE).diagnostics
    assert diagnostics, f"no diagnostic for {new!r}"
    # The error the edit makes, ahead of a warning it brings on (a party left unnamed).
    return str(min(diagnostics, key=lambda d: not d.is_error))


def test_the_example_diagnostics_are_what_check_reports() -> None:
    shown = re.search(r"^```text\n(my-briefing\.toml:.*?)^```", DOC, flags=re.DOTALL | re.M)
    assert shown, "docs/format.md has no example diagnostics for version 2"
    assert shown[1].splitlines() == [first_diagnostic(old, new) for old, new in EDITS]


def test_the_parties_section_quotes_check_on_an_alias() -> None:
    parties = DOC[DOC.index("### Parties") :]
    assert f"`{first_diagnostic(*EDITS[4])}`" in parties

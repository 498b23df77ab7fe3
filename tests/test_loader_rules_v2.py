"""Every rule format version 2 adds: a good case and a bad case, with exact located diagnostics."""

from __future__ import annotations

import pytest

from briefing.document.loader import load_text
from briefing.document.vocabulary import likelihood_text, relation_words

HEAD = """format = 2
[briefing]
title = "T"
"""

PARTIES = """[[parties]]
id = "china-gov"
name = "Government of China"
kind = "government"
aliases = ["Beijing"]

[[parties]]
id = "ua-gov"
name = "Government of Ukraine"
"""

SECTION = """[[sections]]
id = "s"
title = "S"
"""


def claim(claim_id: str, claimant: str = "china-gov", extra: str = "") -> str:
    """Return a claim table with evidence (so that it draws no warning), then `extra`."""
    # Evidence given as tables in `extra` stands for the shorthand array.
    evidence = "" if "[[sections.claims.evidence]]" in extra else '  evidence = ["Seen."]\n'
    return (
        f'  [[sections.claims]]\n  id = "{claim_id}"\n  text = "Claim {claim_id}."\n'
        f'  claimant = "{claimant}"\n{evidence}{extra}'
    )


def errors(text: str) -> list[tuple[int | None, str, str, str]]:
    return [p for p in problems(text) if p[1] == "error"]


def problems(text: str) -> list[tuple[int | None, str, str, str]]:
    """Return (line, severity, keypath, message) for each diagnostic of `text`."""
    result = load_text(text, "b.toml")
    return [(d.line, d.severity, d.keypath, d.message) for d in result.diagnostics]


def single(text: str) -> tuple[int | None, str, str, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def valid(text: str) -> None:
    result = load_text(text, "b.toml")
    assert result.diagnostics == []
    assert result.briefing is not None


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """Return the 1-based line of the `occurrence`-th line holding `needle`."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[occurrence - 1]


# A claim by each government, the second denied by the first: every party is named.
BOTH = claim("a") + claim("b", "ua-gov", '  denials = [{ by = "china-gov", text = "No." }]\n')


# --- versions -----------------------------------------------------------------


def test_a_full_version_2_file_loads() -> None:
    text = (
        HEAD
        + 'bottom_line = "The main message."\nrevised = 2025-05-10\n\n'
        + '[[changes]]\ndate = 2025-05-10\ntext = "Added a claim."\n\n'
        + PARTIES
        + '\n[[parties]]\nid = "zelenskyy"\nname = "Volodymyr Zelenskyy"\nkind = "person"\n'
        + 'part_of = "ua-gov"\n\n'
        + '[[sources]]\nid = "src"\ntitle = "A report"\nreliability = "B"\n\n'
        + SECTION
        + claim(
            "a",
            extra='  likelihood = "likely"\n  confidence = "moderate"\n  gaps = ["Who paid."]\n'
            '  assumptions = ["No state direction.",\n'
            '    { text = "Ads are real.", if_wrong = "Moot." }]\n'
            '  indicators = [{ text = "State media join in.", effect = "strengthens" },\n'
            '    "More ads."]\n'
            '  [[sections.claims.evidence]]\n  text = "A report."\n  source = "src"\n'
            "  credibility = 2\n"
            '  [[sections.claims.relations]]\n  type = "contradicts"\n  claim = "b"\n'
            '  note = "They cannot both hold."\n',
        )
        + claim("b", "zelenskyy", '  denials = [{ by = "china-gov", text = "No." }]\n')
    )
    result = load_text(text, "b.toml")
    assert result.diagnostics == []
    briefing = result.briefing
    assert briefing is not None and briefing.format == 2
    first = briefing.claim("a")
    assert first is not None
    assert first.likelihood == "likely" and first.confidence == "moderate"
    assert (
        first.assumptions[0].text == "No state direction." and first.assumptions[0].if_wrong is None
    )
    assert first.indicators[1].text == "More ads." and first.indicators[1].effect is None
    assert first.evidence[0].credibility == 2
    assert briefing.party_name("zelenskyy") == "Volodymyr Zelenskyy"
    assert [(holder, r.type) for holder, r in briefing.relations_to("b")] == [("a", "contradicts")]


def test_a_version_1_file_is_read_as_before() -> None:
    text = HEAD.replace("format = 2", "format = 1") + SECTION + claim("a", "Anyone at all")
    result = load_text(text, "b.toml")
    assert result.diagnostics == []
    assert result.briefing is not None and result.briefing.format == 1
    assert result.briefing.party_name("Anyone at all") == "Anyone at all"


@pytest.mark.parametrize(
    ("key", "where", "snippet"),
    [
        ("bottom_line", "briefing.bottom_line", 'bottom_line = "B"\n'),
        ("revised", "briefing.revised", "revised = 2025-05-01\n"),
    ],
)
def test_a_version_2_key_in_a_version_1_file_names_the_version(
    key: str, where: str, snippet: str
) -> None:
    text = HEAD.replace("format = 2", "format = 1") + snippet + SECTION + claim("a", "Anyone")
    assert single(text) == (4, "error", where, f"{key!r} needs format = 2")


@pytest.mark.parametrize(
    ("key", "extra"),
    [
        ("likelihood", '  likelihood = "likely"\n'),
        ("gaps", '  gaps = ["x"]\n'),
        ("assumptions", '  assumptions = ["x"]\n'),
        ("indicators", '  indicators = ["x"]\n'),
        ("relations", '  relations = [{ type = "supports", claim = "b" }]\n'),
    ],
)
def test_a_version_2_claim_key_in_a_version_1_file_names_the_version(key: str, extra: str) -> None:
    text = (
        HEAD.replace("format = 2", "format = 1")
        + SECTION
        + claim("a", "Anyone", extra)
        + claim("b", "Anyone")
    )
    assert single(text) == (
        line_of(text, extra.split()[0]),
        "error",
        f"sections[0].claims[0].{key}",
        f"{key!r} needs format = 2",
    )


def test_parties_in_a_version_1_file_name_the_version() -> None:
    text = HEAD.replace("format = 2", "format = 1") + PARTIES + SECTION + claim("a", "Anyone")
    assert single(text) == (
        line_of(text, "[[parties]]"),
        "error",
        "parties",
        "'parties' needs format = 2",
    )


def test_another_format_version_is_refused_naming_both() -> None:
    assert single("format = 3\n[briefing]\n")[3] == (
        "unsupported format version 3; this program reads formats 1 and 2"
    )


# --- parties ------------------------------------------------------------------


def test_without_parties_claimants_stay_free_text_in_version_2() -> None:
    valid(HEAD + SECTION + claim("a", "Somebody (as reported)"))


def test_with_parties_claimants_and_deniers_are_party_ids() -> None:
    valid(HEAD + PARTIES + SECTION + BOTH)


def test_a_claimant_given_by_alias_names_the_id_to_write() -> None:
    text = HEAD + PARTIES + SECTION + claim("a", "Beijing") + claim("b", "ua-gov")
    assert single(text) == (
        line_of(text, 'claimant = "Beijing"'),
        "error",
        "sections[0].claims[0].claimant",
        "'Beijing' is an alias of party 'china-gov'; write claimant = \"china-gov\"",
    )


def test_a_denier_given_by_name_names_the_id_to_write() -> None:
    denial = '  denials = [{ by = "Government of China", text = "No." }]\n'
    text = HEAD + PARTIES + SECTION + claim("a") + claim("b", "ua-gov", denial)
    assert single(text) == (
        line_of(text, "by = "),
        "error",
        "sections[0].claims[1].denials[0].by",
        "'Government of China' is the name of party 'china-gov'; write by = \"china-gov\"",
    )


def test_an_unknown_claimant_suggests_the_nearest_id() -> None:
    text = HEAD + PARTIES + SECTION + claim("a", "china-gvo") + claim("b", "ua-gov")
    [(_, severity, keypath, message)] = errors(text)
    assert (keypath, severity) == ("sections[0].claims[0].claimant", "error")
    assert message == "no party has the id 'china-gvo'; did you mean 'china-gov'?"


def test_a_misspelt_party_name_leads_to_its_id() -> None:
    text = HEAD + PARTIES + SECTION + claim("a", "Goverment of Ukraine") + claim("b")
    assert errors(text)[0][3] == (
        "no party has the id 'Goverment of Ukraine'; did you mean 'ua-gov' (Government of Ukraine)?"
    )


def test_part_of_names_a_party() -> None:
    text = HEAD + PARTIES + '[[parties]]\nid = "p"\nname = "P"\npart_of = "ua-gov"\n'
    valid(text + SECTION + BOTH + claim("c", "p"))


def test_an_unknown_part_of_suggests_the_nearest() -> None:
    text = HEAD + PARTIES + '[[parties]]\nid = "p"\nname = "P"\npart_of = "ua-gvo"\n'
    text += SECTION + BOTH + claim("c", "p")
    assert single(text) == (
        line_of(text, "part_of"),
        "error",
        "parties[2].part_of",
        "no party has the id 'ua-gvo'; did you mean 'ua-gov'?",
    )


def test_part_of_may_not_name_the_party_itself() -> None:
    text = HEAD + PARTIES.replace(
        'name = "Government of Ukraine"', 'name = "G"\npart_of = "ua-gov"'
    )
    text += SECTION + BOTH
    assert single(text) == (
        line_of(text, "part_of"),
        "error",
        "parties[1].part_of",
        "part_of names this party itself ('ua-gov')",
    )


def test_a_part_of_loop_is_reported_once_at_the_first_party_on_it() -> None:
    # x is first in the file but only leads into the loop y → z → y.
    loop = (
        '[[parties]]\nid = "x"\nname = "X"\npart_of = "y"\n'
        '[[parties]]\nid = "y"\nname = "Y"\npart_of = "z"\n'
        '[[parties]]\nid = "z"\nname = "Z"\npart_of = "y"\n'
    )
    text = HEAD + PARTIES + loop + SECTION + BOTH + claim("c", "x")
    assert problems(text) == [
        (
            line_of(text, 'part_of = "z"'),
            "error",
            "parties[3].part_of",
            "part_of makes a loop: y → z → y",
        )
    ]


def test_a_name_used_twice_is_reported_where_it_stands_the_second_time() -> None:
    text = HEAD + PARTIES + '[[parties]]\nid = "p"\nname = "P"\naliases = ["Beijing"]\n'
    text += SECTION + BOTH.replace('by = "china-gov"', 'by = "p"')
    assert single(text) == (
        line_of(text, 'aliases = ["Beijing"]', 2),
        "error",
        "parties[2].aliases[0]",
        "the name 'Beijing' is already used by party 'china-gov' "
        f"(first used at line {line_of(text, 'aliases')})",
    )


def test_a_party_nothing_names_is_a_warning() -> None:
    text = HEAD + PARTIES + '[[parties]]\nid = "idle"\nname = "Idle"\n' + SECTION + BOTH
    assert single(text) == (
        line_of(text, 'id = "idle"') - 1,
        "warning",
        "parties[2]",
        "party 'idle' is not named by any claimant, denial or part_of",
    )


@pytest.mark.parametrize("kind", ["government", "person", "organisation", "other"])
def test_a_party_kind_is_one_of_the_words(kind: str) -> None:
    valid(HEAD + PARTIES.replace('"government"', f'"{kind}"') + SECTION + BOTH)


def test_a_bad_party_kind_lists_the_words_and_suggests_one() -> None:
    text = HEAD + PARTIES.replace('"government"', '"goverment"') + SECTION + BOTH
    assert single(text) == (
        line_of(text, "kind"),
        "error",
        "parties[0].kind",
        "bad kind 'goverment'; did you mean 'government'? (use one of: government, "
        "military, company, media, organisation, person, group, other)",
    )


@pytest.mark.parametrize(
    ("table", "where", "message"),
    [
        ('[[parties]]\nid = "p"\nname = ""\n', "parties[2].name", "must not be empty"),
        ('[[parties]]\nname = "P"\n', "parties[2]", "missing required key 'id'"),
        ('[[changes]]\ntext = "Added."\n', "changes[0]", "missing required key 'date'"),
        ('[[changes]]\ndate = 2025-05-01\ntext = " "\n', "changes[0].text", "must not be empty"),
    ],
)
def test_version_2_tables_need_their_keys(table: str, where: str, message: str) -> None:
    text = HEAD + PARTIES + table + SECTION + BOTH
    found = [p for p in problems(text) if p[1] == "error"]
    assert [(keypath, msg) for _, _, keypath, msg in found] == [(where, message)]


# --- relations ----------------------------------------------------------------


def relation(kind: str, target: str) -> str:
    return f'    [[sections.claims.relations]]\n    type = "{kind}"\n    claim = "{target}"\n'


@pytest.mark.parametrize("kind", ["supports", "contradicts", "undercuts", "qualifies", "same-as"])
def test_each_relation_type_is_read(kind: str) -> None:
    text = HEAD + SECTION + claim("a", "X", relation(kind, "b")) + claim("b", "Y")
    result = load_text(text, "b.toml")
    assert result.diagnostics == [] and result.briefing is not None
    [(holder, held)] = result.briefing.relations_to("b")
    assert (holder, held.type) == ("a", kind)


def test_a_relation_to_an_unknown_claim_suggests_the_nearest() -> None:
    text = HEAD + SECTION + claim("a", "X", relation("supports", "bb")) + claim("b-b", "Y")
    assert single(text) == (
        line_of(text, 'claim = "bb"'),
        "error",
        "sections[0].claims[0].relations[0].claim",
        "no claim has the id 'bb'; did you mean 'b-b'?",
    )


def test_a_relation_may_not_name_its_own_claim() -> None:
    text = HEAD + SECTION + claim("a", "X", relation("supports", "a"))
    assert single(text) == (
        line_of(text, 'claim = "a"'),
        "error",
        "sections[0].claims[0].relations[0].claim",
        "a relation names this claim itself ('a')",
    )


def test_the_same_relation_twice_is_reported_at_the_second() -> None:
    twice = relation("undercuts", "b") + relation("undercuts", "b")
    text = HEAD + SECTION + claim("a", "X", twice) + claim("b", "Y")
    assert single(text) == (
        line_of(text, "[[sections.claims.relations]]", 2),
        "error",
        "sections[0].claims[0].relations[1]",
        "this claim already says it undercuts claim 'b' "
        f"(first used at line {line_of(text, '[[sections.claims.relations]]')})",
    )


def test_supports_and_contradicts_the_same_claim_conflict() -> None:
    both = relation("contradicts", "b") + relation("supports", "b")
    text = HEAD + SECTION + claim("a", "X", both) + claim("b", "Y")
    line, _, keypath, message = single(text)
    assert (line, keypath) == (
        line_of(text, "[[sections.claims.relations]]", 2),
        "sections[0].claims[0].relations[1]",
    )
    assert message.startswith("a claim cannot both support and contradict claim 'b'")


def test_different_relations_to_one_claim_may_stand_together() -> None:
    both = relation("supports", "b") + relation("qualifies", "b")
    valid(HEAD + SECTION + claim("a", "X", both) + claim("b", "Y"))


def test_a_bad_relation_type_suggests_one() -> None:
    text = HEAD + SECTION + claim("a", "X", relation("contradict", "b")) + claim("b", "Y")
    message = single(text)[3]
    assert message.startswith("bad type 'contradict'; did you mean 'contradicts'?")
    assert "supports, contradicts, undercuts, qualifies, same-as" in message


# --- fixed words --------------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    [
        "almost-no-chance",
        "very-unlikely",
        "unlikely",
        "roughly-even-chance",
        "likely",
        "very-likely",
        "almost-certain",
    ],
)
def test_each_likelihood_term_is_read(term: str) -> None:
    valid(HEAD + SECTION + claim("a", "X", f'  likelihood = "{term}"\n'))


@pytest.mark.parametrize(
    ("written", "guess"),
    [("likley", "likely"), ("very likely", "very-likely"), ("Almost-Certain", "almost-certain")],
)
def test_a_bad_likelihood_lists_the_terms_and_suggests_the_nearest(
    written: str, guess: str
) -> None:
    text = HEAD + SECTION + claim("a", "X", f'  likelihood = "{written}"\n')
    line, severity, keypath, message = single(text)
    assert (line, severity, keypath) == (
        line_of(text, "likelihood"),
        "error",
        "sections[0].claims[0].likelihood",
    )
    assert message.startswith(f"bad likelihood {written!r}; did you mean {guess!r}?")
    assert "almost-no-chance, very-unlikely, unlikely, roughly-even-chance" in message


def test_likelihood_reads_in_words_with_its_range() -> None:
    assert likelihood_text("very-likely") == "very likely (80–95 %)"
    assert likelihood_text("roughly-even-chance") == "roughly even chance (45–55 %)"
    assert relation_words("contradicts", inverse=True) == "contradicted by"
    assert relation_words("same-as", inverse=True) == "same as"


@pytest.mark.parametrize("letter", list("ABCDEF"))
def test_each_reliability_letter_is_read(letter: str) -> None:
    evidence = '  [[sections.claims.evidence]]\n  text = "E."\n  source = "src"\n'
    text = HEAD + f'[[sources]]\nid = "src"\ntitle = "R"\nreliability = "{letter}"\n'
    valid(text + SECTION + claim("a", "X", evidence))


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("b", "bad reliability 'b'; did you mean 'B'? (upper case, A to F)"),
        (
            "G",
            "bad reliability 'G': use a letter from 'A' (completely reliable) "
            "to 'F' (reliability cannot be judged)",
        ),
    ],
)
def test_a_bad_reliability_is_refused(written: str, message: str) -> None:
    text = HEAD + f'[[sources]]\nid = "src"\ntitle = "R"\nreliability = "{written}"\n'
    text += SECTION + claim("a", "X", '  caveats = [{ text = "C.", source = "src" }]\n')
    assert single(text) == (
        line_of(text, "reliability"),
        "error",
        "sources[0].reliability",
        message,
    )


@pytest.mark.parametrize("grade", [1, 2, 3, 4, 5, 6])
def test_each_credibility_grade_is_read(grade: int) -> None:
    evidence = f'  [[sections.claims.evidence]]\n  text = "E."\n  credibility = {grade}\n'
    valid(HEAD + SECTION + claim("a", "X", evidence))


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2.0", "expected an integer from 1 to 6, found a float"),
        ('"2"', "expected an integer from 1 to 6, found a string"),
        ("true", "expected an integer from 1 to 6, found a boolean"),
        (
            "0",
            "credibility 0 is out of range: use 1 (confirmed by other sources) "
            "to 6 (truth cannot be judged)",
        ),
        (
            "7",
            "credibility 7 is out of range: use 1 (confirmed by other sources) "
            "to 6 (truth cannot be judged)",
        ),
    ],
)
def test_a_bad_credibility_is_refused(written: str, message: str) -> None:
    evidence = f'  [[sections.claims.evidence]]\n  text = "E."\n  credibility = {written}\n'
    text = HEAD + SECTION + claim("a", "X", evidence)
    assert single(text) == (
        line_of(text, "credibility"),
        "error",
        "sections[0].claims[0].evidence[0].credibility",
        message,
    )


def test_a_bad_indicator_effect_suggests_one() -> None:
    extra = '  indicators = [{ text = "Seen.", effect = "weaken" }]\n'
    message = single(HEAD + SECTION + claim("a", "X", extra))[3]
    assert (
        message == "bad effect 'weaken'; did you mean 'weakens'? (use one of: strengthens, weakens)"
    )


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        ('  gaps = [""]\n', "sections[0].claims[0].gaps[0]"),
        ('  assumptions = [{ text = " " }]\n', "sections[0].claims[0].assumptions[0].text"),
        ('  indicators = [{ text = "" }]\n', "sections[0].claims[0].indicators[0].text"),
    ],
)
def test_empty_required_strings_are_refused(extra: str, where: str) -> None:
    assert single(HEAD + SECTION + claim("a", "X", extra))[1:] == (
        "error",
        where,
        "must not be empty",
    )


def test_an_empty_bottom_line_is_refused() -> None:
    text = HEAD + 'bottom_line = ""\n' + SECTION + claim("a", "X")
    assert single(text) == (4, "error", "briefing.bottom_line", "must not be empty")


def test_an_unknown_key_in_a_version_2_table_suggests_the_nearest() -> None:
    extra = '  assumptions = [{ text = "A.", if_wong = "B." }]\n'
    assert single(HEAD + SECTION + claim("a", "X", extra))[1:] == (
        "error",
        "sections[0].claims[0].assumptions[0].if_wong",
        "unknown key 'if_wong'; did you mean 'if_wrong'?",
    )


@pytest.mark.parametrize("blank", ['""', '" \\n\\t"'])
def test_a_blank_note_or_if_wrong_says_nothing(blank: str) -> None:
    # Decided once in the model, as for a blank quote, so that no rendering shows an
    # empty "If wrong:" and the JSON export loads back to the same briefing.
    relation_with_note = relation("supports", "b") + f"    note = {blank}\n"
    assumption = f'  assumptions = [{{ text = "A.", if_wrong = {blank} }}]\n'
    text = HEAD + SECTION + claim("a", "X", assumption + relation_with_note) + claim("b", "Y")
    result = load_text(text, "b.toml")
    assert result.diagnostics == [] and result.briefing is not None
    first = result.briefing.claim("a")
    assert first is not None
    assert first.relations[0].note is None and first.assumptions[0].if_wrong is None

"""Every rule of format v1: a good case and a bad case, with exact located diagnostics."""

from __future__ import annotations

import datetime

import pytest

from briefing.document.loader import load_text

HEAD = """format = 1
[briefing]
title = "T"
"""


def problems(text: str) -> list[tuple[int | None, int | None, str, str, str]]:
    """Return (line, col, severity, keypath, message) for each diagnostic of `text`."""
    result = load_text(text, "b.toml")
    return [(d.line, d.col, d.severity, d.keypath, d.message) for d in result.diagnostics]


def single(text: str) -> tuple[int | None, int | None, str, str, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def valid(text: str) -> None:
    result = load_text(text, "b.toml")
    assert result.diagnostics == []
    assert result.briefing is not None


CLAIM_PATH = "sections[0].claims[0]"

SECTION = """[[sections]]
id = "s"
title = "S"
"""

CLAIM = """  [[sections.claims]]
  id = "c"
  text = "Something happened."
  claimant = "Someone"
  evidence = ["A photograph."]
"""


# --- format -------------------------------------------------------------------


def test_format_one_is_accepted() -> None:
    valid(HEAD + SECTION + CLAIM)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("true", "expected the integer 1, found a boolean; this program reads formats 1 and 2"),
        ("1.0", "expected the integer 1, found a float; this program reads formats 1 and 2"),
        ('"1"', "expected the integer 1, found a string; this program reads formats 1 and 2"),
    ],
)
def test_format_of_the_wrong_type_is_refused(value: str, message: str) -> None:
    text = HEAD.replace("format = 1", f"format = {value}") + SECTION + CLAIM
    assert single(text) == (1, 1, "error", "format", message)


def test_unsupported_format_version_is_refused_alone() -> None:
    # Keys of another version are not checked against v1: one clear error only.
    text = "format = 3\n[briefing]\nnot_a_v1_key = 1\n"
    assert single(text) == (
        1,
        1,
        "error",
        "format",
        "unsupported format version 3; this program reads formats 1 and 2",
    )


def test_missing_format_is_reported_at_line_one() -> None:
    text = "# a comment\n\n" + HEAD.replace("format = 1\n", "") + SECTION + CLAIM
    assert single(text) == (
        1,
        1,
        "error",
        "format",
        "missing required key 'format' (write 'format = 1')",
    )


def test_empty_file_is_reported_at_line_one() -> None:
    assert single("") == (
        1,
        1,
        "error",
        "",
        "the file is empty; a briefing starts with 'format = 1'",
    )
    assert single("\n  \n")[0:3] == (1, 1, "error")


def test_missing_briefing_table_and_sections_are_reported_at_line_one() -> None:
    text = "format = 1\n"
    assert problems(text) == [
        (1, 1, "error", "briefing", "missing required table [briefing] (it holds the title)"),
        (
            1,
            1,
            "error",
            "sections",
            "no sections: a briefing needs at least one [[sections]] table",
        ),
    ]


def test_empty_sections_array_is_an_error_at_the_key() -> None:
    text = HEAD.replace("format = 1\n", "format = 1\nsections = []\n")
    assert single(text) == (
        2,
        1,
        "error",
        "sections",
        "no sections: a briefing needs at least one [[sections]] table",
    )


# --- TOML syntax and encoding ----------------------------------------------------


def test_toml_syntax_error_has_the_parsers_line_and_column() -> None:
    text = HEAD + "[[sections]\n"
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (4, 11, "error", "")
    assert message.startswith("TOML syntax: ")


def test_byte_order_mark_and_crlf_are_valid() -> None:
    from briefing.document.loader import load_bytes

    text = (HEAD + SECTION + CLAIM).replace("\n", "\r\n")
    result = load_bytes(b"\xef\xbb\xbf" + text.encode(), "b.toml")
    assert result.diagnostics == []
    assert result.briefing is not None


def test_crlf_inside_a_multiline_string_is_not_a_control_character() -> None:
    text = (HEAD + 'summary = """one\n\ntwo"""\n' + SECTION + CLAIM).replace("\n", "\r\n")
    result = load_text(text, "b.toml")
    assert result.diagnostics == []
    assert result.briefing is not None
    assert result.briefing.briefing.summary == "one\n\ntwo"


def test_invalid_utf8_is_located() -> None:
    from briefing.document.loader import load_bytes

    result = load_bytes(b'format = 1\ntitle = "caf\xe9"\n', "b.toml")
    [d] = result.diagnostics
    assert (d.line, d.col, d.severity) == (2, 13, "error")
    assert d.message == "not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    assert result.briefing is None


def test_binary_file_is_refused() -> None:
    from briefing.document.loader import load_bytes

    result = load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "b.toml")
    [d] = result.diagnostics
    assert d.severity == "error"
    assert "not a text file" in d.message


# --- required keys and non-empty strings ----------------------------------------------


def test_missing_required_key_points_at_the_table_header() -> None:
    text = (
        HEAD
        + SECTION
        + CLAIM
        + """    [[sections.claims.denials]]
    text = "Called it invention."
"""
    )
    assert single(text) == (
        12,
        5,
        "error",
        "sections[0].claims[0].denials[0]",
        "missing required key 'by'",
    )


def test_missing_required_key_in_an_inline_table_points_at_the_table() -> None:
    text = HEAD + SECTION + CLAIM + '  denials = [{ text = "No." }]\n'
    assert single(text) == (
        12,
        14,
        "error",
        "sections[0].claims[0].denials[0]",
        "missing required key 'by'",
    )


@pytest.mark.parametrize(
    ("key", "line", "col", "keypath"),
    [
        ("title", 3, 1, "briefing.title"),
        ("text", 10, 3, "sections[0].claims[0].text"),
        ("claimant", 11, 3, "sections[0].claims[0].claimant"),
    ],
)
def test_required_strings_may_not_be_empty(key: str, line: int, col: int, keypath: str) -> None:
    text = (
        HEAD
        + SECTION
        + """  [[sections.claims]]
  id = "c"
  evidence = ["A photograph."]
  text = "Something happened."
  claimant = "Someone"
"""
    )
    text = text.replace(f'{key} = "', f'{key} = "   ', 1)
    text = (
        text.replace(f'{key} = "   T"', f'{key} = "  "')
        .replace(f'{key} = "   Something happened."', f'{key} = ""')
        .replace(f'{key} = "   Someone"', f'{key} = " "')
    )
    assert single(text) == (line, col, "error", keypath, "must not be empty")


def test_denial_by_may_not_be_empty() -> None:
    text = HEAD + SECTION + CLAIM + '  denials = [{ by = "", text = "No." }]\n'
    assert single(text) == (
        12,
        16,
        "error",
        "sections[0].claims[0].denials[0].by",
        "must not be empty",
    )


def test_required_text_is_empty_exactly_when_python_calls_it_white_space() -> None:
    # "Empty" means what str.strip() leaves empty, U+001C-U+001F included: a regex
    # engine's idea of white space differs, so this holds the check to Python's.
    from pydantic import ValidationError

    from briefing.document.model import BriefingInfo

    for code in [*range(0x3001), 0xFEFF, 0x205F, 0x2028, 0x2029]:
        character = chr(code)
        try:
            BriefingInfo(title=character * 2)
            refused = False
        except ValidationError:
            refused = True
        assert refused == character.isspace(), f"U+{code:04X}"


def test_optional_strings_may_be_empty() -> None:
    valid(HEAD + 'subtitle = ""\n' + SECTION + CLAIM)


# --- strict types ------------------------------------------------------------------


def test_number_where_a_string_is_expected() -> None:
    text = HEAD + SECTION.replace('title = "S"', "title = 5") + CLAIM
    assert single(text) == (
        6,
        1,
        "error",
        "sections[0].title",
        "expected a string, found an integer",
    )


def test_string_where_a_table_is_expected() -> None:
    text = 'format = 1\nbriefing = "T"\n' + SECTION + CLAIM
    assert single(text) == (2, 1, "error", "briefing", "expected a table, found a string")


def test_table_where_an_array_of_tables_is_expected() -> None:
    text = HEAD + '[sections]\nid = "s"\ntitle = "S"\n'
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (4, 1, "error", "sections")
    assert message == "expected an array of tables ([[sections]]), found a table"


def test_wrong_type_inside_a_string_list() -> None:
    text = HEAD + 'authors = ["A", 2]\n' + SECTION + CLAIM
    assert single(text) == (
        4,
        17,
        "error",
        "briefing.authors[1]",
        "expected a string, found an integer",
    )


# --- shorthands -----------------------------------------------------------------------


def test_both_shorthands_mean_the_same_as_tables() -> None:
    short = (
        HEAD
        + SECTION
        + CLAIM
        + ('  caveats = ["Unconfirmed."]\n  denials = [{ by = "X", text = "No." }]\n')
    )
    long = (
        HEAD
        + SECTION
        + """  [[sections.claims]]
  id = "c"
  text = "Something happened."
  claimant = "Someone"
    [[sections.claims.evidence]]
    text = "A photograph."
    [[sections.claims.caveats]]
    text = "Unconfirmed."
    [[sections.claims.denials]]
    by = "X"
    text = "No."
"""
    )
    a, b = load_text(short, "a.toml"), load_text(long, "b.toml")
    assert a.diagnostics == [] and b.diagnostics == []
    assert a.briefing == b.briefing


def test_shorthand_element_of_the_wrong_type() -> None:
    text = HEAD + SECTION + CLAIM.replace('["A photograph."]', '["A photograph.", 3]')
    assert single(text) == (
        11,
        32,
        "error",
        "sections[0].claims[0].evidence[1]",
        "expected a table or a string, found an integer",
    )


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2025-04-28", datetime.date(2025, 4, 28)),
        ('"2025-04"', "2025-04"),
        ('"2025"', "2025"),
    ],
)
def test_dates_full_or_partial(written: str, value: object) -> None:
    result = load_text(HEAD + f"published = {written}\n" + SECTION + CLAIM, "b.toml")
    assert result.diagnostics == []
    assert result.briefing is not None
    assert result.briefing.briefing.published == value


def test_full_date_written_as_string_says_drop_the_quotes() -> None:
    text = HEAD + 'published = "2025-05-02"\n' + SECTION + CLAIM
    assert single(text) == (
        4,
        1,
        "error",
        "briefing.published",
        "bad date '2025-05-02': a full date is a TOML date; drop the quotes: 2025-05-02",
    )


@pytest.mark.parametrize(
    "written", ['"2025-13"', '"April 2025"', '"25"', "2025-04-28T10:00:00", "5"]
)
def test_bad_dates(written: str) -> None:
    text = HEAD + SECTION + CLAIM + f"  stated = {written}\n"
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (12, 3, "error", "sections[0].claims[0].stated")
    assert message.startswith("bad date")


def test_denial_and_source_dates_are_checked_too() -> None:
    text = (
        HEAD
        + """[[sources]]
id = "r"
title = "Report"
date = "2025-04-01"
"""
        + SECTION
        + CLAIM.replace('["A photograph."]', '[{ text = "x", source = "r" }]')
        + ('  denials = [{ by = "X", text = "No.", date = "yesterday" }]\n')
    )
    found = problems(text)
    assert [(p[0], p[3]) for p in found] == [
        (7, "sources[0].date"),
        (16, "sections[0].claims[0].denials[0].date"),
    ]


# --- ids --------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["a", "0", "a-b-1", "x" * 64])
def test_good_ids(good: str) -> None:
    valid(HEAD + SECTION.replace('id = "s"', f'id = "{good}"') + CLAIM)


@pytest.mark.parametrize("bad", ["", "-a", "A", "a_b", "a b", "x" * 65, "a\\n", "é"])
def test_bad_ids(bad: str) -> None:
    text = HEAD + SECTION.replace('id = "s"', f'id = "{bad}"') + CLAIM
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (5, 1, "error", "sections[0].id")
    assert message.startswith("bad id ")


def test_duplicate_claim_id_across_sections_is_reported_where_it_stands_second() -> None:
    text = HEAD + SECTION + CLAIM + SECTION.replace('"s"', '"t"') + CLAIM
    assert single(text) == (
        16,
        3,
        "error",
        "sections[1].claims[0].id",
        "duplicate claim id 'c' (first used at line 8)",
    )


def test_duplicate_section_and_source_ids() -> None:
    text = (
        HEAD
        + """[[sources]]
id = "r"
title = "One"
[[sources]]
id = "r"
title = "Two"
"""
        + SECTION
        + CLAIM.replace('["A photograph."]', '[{ text = "x", source = "r" }]')
        + SECTION
    )
    found = [p for p in problems(text) if p[2] == "error"]
    assert found == [
        (8, 1, "error", "sources[1].id", "duplicate source id 'r' (first used at line 5)"),
        (19, 1, "error", "sections[1].id", "duplicate section id 's' (first used at line 11)"),
    ]


def test_same_id_for_a_section_and_a_claim_is_allowed() -> None:
    valid(HEAD + SECTION + CLAIM.replace('id = "c"', 'id = "s"'))


# --- references ------------------------------------------------------------------------


def test_source_reference_must_exist_with_suggestion() -> None:
    text = (
        HEAD
        + """[[sources]]
id = "reuters"
title = "Report"
"""
        + SECTION
        + CLAIM.replace('["A photograph."]', '[{ text = "x", source = "reuter" }]')
    )
    found = problems(text)
    assert (
        14,
        29,
        "error",
        "sections[0].claims[0].evidence[0].source",
        "no source has the id 'reuter'; did you mean 'reuters'?",
    ) in found


def test_caveat_and_denial_sources_are_checked() -> None:
    text = (
        HEAD
        + SECTION
        + CLAIM
        + """    [[sections.claims.caveats]]
    text = "Limited."
    source = "nowhere"
    [[sections.claims.denials]]
    by = "X"
    text = "No."
    source = "nowhere"
"""
    )
    found = problems(text)
    assert [(p[0], p[3]) for p in found] == [
        (14, "sections[0].claims[0].caveats[0].source"),
        (18, "sections[0].claims[0].denials[0].source"),
    ]


def test_see_also_must_name_an_existing_other_claim() -> None:
    text = (
        HEAD
        + SECTION
        + CLAIM
        + '  see_also = ["c", "d", "missing"]\n'
        + CLAIM.replace('id = "c"', 'id = "d"')
    )
    assert problems(text) == [
        (
            12,
            15,
            "error",
            "sections[0].claims[0].see_also[0]",
            "see_also names this claim itself ('c')",
        ),
        (12, 25, "error", "sections[0].claims[0].see_also[2]", "no claim has the id 'missing'"),
    ]


def test_see_also_across_sections_is_fine() -> None:
    valid(
        HEAD
        + SECTION
        + CLAIM
        + '  see_also = ["d"]\n'
        + SECTION.replace('"s"', '"t"')
        + CLAIM.replace('id = "c"', 'id = "d"')
    )


# --- unknown keys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "after", "line", "keypath", "message"),
    [
        ('titel = "x"\n', HEAD, 4, "briefing.titel", "unknown key 'titel'; did you mean 'title'?"),
        ("version = 1\n", "format = 1\n", 2, "version", "unknown key 'version'"),
        (
            '  caveat = ["x"]\n',
            CLAIM,
            12,
            "sections[0].claims[0].caveat",
            "unknown key 'caveat'; did you mean 'caveats'?",
        ),
    ],
)
def test_unknown_keys_at_every_level(
    extra: str, after: str, line: int, keypath: str, message: str
) -> None:
    text = (HEAD + SECTION + CLAIM).replace(after, after + extra, 1)
    found = problems(text)
    assert [p for p in found if p[2] == "error"] == [
        (line, 1 if not extra.startswith(" ") else 3, "error", keypath, message)
    ]


def test_unknown_key_in_an_inline_denial() -> None:
    text = HEAD + SECTION + CLAIM + '  denials = [{ by = "X", text = "No.", when = 2025-01-01 }]\n'
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (
        12,
        40,
        "error",
        "sections[0].claims[0].denials[0].when",
    )
    assert message.startswith("unknown key 'when'")


def test_misspelt_array_of_tables_header() -> None:
    text = (
        HEAD + SECTION + CLAIM + '    [[sections.claims.denial]]\n    by = "X"\n    text = "No."\n'
    )
    assert single(text) == (
        12,
        5,
        "error",
        "sections[0].claims[0].denial",
        "unknown key 'denial'; did you mean 'denials'?",
    )


# --- confidence and URLs -----------------------------------------------------------------


@pytest.mark.parametrize("level", ["low", "moderate", "high"])
def test_confidence_levels(level: str) -> None:
    valid(HEAD + SECTION + CLAIM + f'  confidence = "{level}"\n')


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"High"', "bad confidence 'High'; did you mean 'high'?"),
        ('"medium"', "bad confidence 'medium'; did you mean 'moderate'?"),
        ('"certain"', "bad confidence 'certain': use 'low', 'moderate' or 'high'"),
        ("3", "expected a string, found an integer"),
    ],
)
def test_bad_confidence(written: str, message: str) -> None:
    text = HEAD + SECTION + CLAIM + f"  confidence = {written}\n"
    assert single(text) == (12, 3, "error", "sections[0].claims[0].confidence", message)


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "http://example.org", "HTTPS://EXAMPLE.ORG"]
)
def test_http_and_https_urls(url: str) -> None:
    valid(HEAD + f'url = "{url}"\n' + SECTION + CLAIM)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org", "example.org", "https://"],
)
def test_other_urls_are_refused(url: str) -> None:
    text = HEAD + SECTION + CLAIM
    text = text.replace(
        "[[sections]]", f'[[sources]]\nid = "r"\ntitle = "R"\nurl = "{url}"\n[[sections]]'
    )
    text = text.replace('["A photograph."]', '[{ text = "x", source = "r" }]')
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (7, 1, "error", "sources[0].url")
    assert message.startswith("URL ") and "only http and https" in message


# --- warnings -----------------------------------------------------------------------------


def test_uncited_source_is_a_warning_at_the_source() -> None:
    text = HEAD + '[[sources]]\nid = "lonely"\ntitle = "Nobody cites me"\n' + SECTION + CLAIM
    result = load_text(text, "b.toml")
    assert result.briefing is not None  # warnings let the file open
    assert single(text) == (
        4,
        1,
        "warning",
        "sources[0]",
        "source 'lonely' is not cited by any evidence, caveat or denial",
    )


def test_claim_without_evidence_is_a_warning_at_the_claim() -> None:
    text = HEAD + SECTION + CLAIM.replace('  evidence = ["A photograph."]\n', "")
    assert single(text) == (
        7,
        3,
        "warning",
        "sections[0].claims[0]",
        "claim 'c' has no evidence",
    )


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\u001b[31m", "U+001B"),
        ("\\u0007", "U+0007"),
        ("\\u007f", "U+007F"),
        ("\\u009b", "U+009B"),
        ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ],
)
def test_control_and_bidi_characters_are_warnings_at_the_string(escape: str, name: str) -> None:
    text = HEAD + SECTION + CLAIM.replace("Something happened.", f"Something {escape} happened.")
    line, col, severity, keypath, message = single(text)
    assert (line, col, severity, keypath) == (9, 3, "warning", "sections[0].claims[0].text")
    assert name in message


def test_tab_and_newline_are_not_control_warnings() -> None:
    valid(HEAD + 'summary = "a\\tb\\nc"\n' + SECTION + CLAIM)


# --- all problems in one run ---------------------------------------------------------------


def test_a_file_with_two_problems_reports_both() -> None:
    text = HEAD.replace('title = "T"', 'title = ""') + SECTION + CLAIM + '  confidence = "sure"\n'
    found = problems(text)
    assert [(p[0], p[3]) for p in found] == [
        (3, "briefing.title"),
        (12, "sections[0].claims[0].confidence"),
    ]


def test_errors_of_every_kind_are_reported_together() -> None:
    text = """format = 1
[briefing]
title = 3
[[sources]]
id = "Bad"
title = "R"
[[sections]]
id = "s"
title = "S"
  [[sections.claims]]
  id = "c"
  text = "x"
  claimant = "y"
  see_also = ["ghost"]
  evidence = [{ text = "e", source = "nope" }]
  colour = "red"
"""
    found = problems(text)
    assert [(p[0], p[2], p[3]) for p in found] == [
        (3, "error", "briefing.title"),
        (4, "warning", "sources[0]"),
        (5, "error", "sources[0].id"),
        (14, "error", "sections[0].claims[0].see_also[0]"),
        (15, "error", "sections[0].claims[0].evidence[0].source"),
        (16, "error", "sections[0].claims[0].colour"),
    ]
    assert load_text(text, "b.toml").briefing is None


def test_the_model_is_immutable() -> None:
    from pydantic import ValidationError

    result = load_text(HEAD + SECTION + CLAIM, "b.toml")
    assert result.briefing is not None
    with pytest.raises(ValidationError):
        result.briefing.sections[0].claims[0].text = "changed"  # type: ignore[misc]

"""`briefing upgrade`: format 1 briefings become format 2 with parties, losing nothing.

The real version 1 files are every fixture that loads as format 1 and the bundled
briefing as it stood before it became version 2 (tests/fixtures/upgrade/).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from briefings import TESTS
from hypothesis import given
from hypothesis import strategies as st

from briefing.commands import check, upgrade
from briefing.document.loader import load_file, load_text
from briefing.document.party_names import name_core, party_id, similar_names
from briefing.document.upgrade import (
    PARTIES_COMMENT,
    UpgradeError,
    upgrade_problems,
    upgrade_text,
)
from briefing.export import render

UPGRADE_FIXTURES = TESTS / "fixtures" / "upgrade"
BUNDLED_V1 = UPGRADE_FIXTURES / "china-russia-ukraine-v1.toml"
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _loads_as_v1(path: Path) -> bool:
    result = load_file(path)
    return result.briefing is not None and result.briefing.format == 1


V1_FILES = sorted(p for p in (TESTS / "fixtures").rglob("*.toml") if _loads_as_v1(p))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real program in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def upgrade_in_process(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, list[str]]:
    """Run `briefing upgrade ARGS` here; return the exit code, stdout and stderr's lines."""
    code = upgrade.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


# --- what the tests compare -------------------------------------------------------------

# A TOML token that may hold a '#' that is not a comment, or a comment itself.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}'
    r"|'''(?:[^']|'{1,2}(?!'))*'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
)


def comments(text: str) -> list[str]:
    """Return the comments of a TOML text, in order, each without its line ending."""
    return [
        token.group().rstrip("\r")
        for token in _TOKEN.finditer(text)
        if token.group().startswith("#")
    ]


def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Return parsed format 2 data with each party id read back as the party's name."""
    names = {party["id"]: party["name"] for party in data.get("parties", [])}
    assert all(set(party) == {"id", "name"} for party in data.get("parties", []))
    out = {key: value for key, value in data.items() if key != "parties"}
    out["format"] = 1
    for section in out.get("sections", []):
        for claim in section.get("claims", []):
            claim["claimant"] = names[claim["claimant"]]
            for denial in claim.get("denials", []):
                denial["by"] = names[denial["by"]]
    return out


def claimant_names(data: dict[str, Any]) -> set[str]:
    """Return every claimant and `by` name in parsed format 1 data."""
    found = set()
    for section in data.get("sections", []):
        for claim in section.get("claims", []):
            found.add(claim["claimant"])
            found.update(denial["by"] for denial in claim.get("denials", []))
    return found


# A claimant's or denier's value (its key maybe quoted, maybe inside an inline table), and
# the format line: the only parts of a line that an upgrade may change.
_NAME_VALUE = re.compile(
    r"""((?:^|[\s{,])"?(?:claimant|by)"?\s*=\s*)(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
)
_FORMAT = re.compile(r"^(format\s*=\s*)[12]\b")


def _names_blanked(line: str) -> str:
    return _FORMAT.sub(r"\1N", _NAME_VALUE.sub(r"\1NAME", line))


def changed_lines_are_names_only(before: str, after: str) -> None:
    """Assert that `after` is `before` with lines added and only name/format values changed."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "insert"):
            continue
        assert op == "replace" and i2 - i1 == j2 - j1, (op, old[i1:i2], new[j1:j2])
        for was, now in zip(old[i1:i2], new[j1:j2], strict=True):
            assert _names_blanked(was) == _names_blanked(now), (was, now)


# --- real version 1 files ----------------------------------------------------------------


def test_the_real_files_include_every_kind() -> None:
    names = {path.name for path in V1_FILES}
    assert "china-russia-ukraine-v1.toml" in names
    assert len(V1_FILES) >= 5


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_a_real_file_upgrades_losing_nothing(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "v2.toml"
    code, _, err = upgrade_in_process(capsys, str(path), "-o", str(out))
    assert code == 0, err
    before = path.read_text(encoding="utf-8-sig")
    after = out.read_text(encoding="utf-8-sig")
    old, new = tomllib.loads(before), tomllib.loads(after)
    assert new["format"] == 2
    # Every claim, every key and value kept; each claimant and denier reads back as before.
    assert as_version_1(new) == old
    # Every claimant and `by` name has a party of that very name.
    assert {party["name"] for party in new.get("parties", [])} == claimant_names(old)
    assert all(ID.fullmatch(party["id"]) for party in new.get("parties", []))
    # Every comment kept, in order; the only new one introduces the parties.
    added = list(comments(after))
    for comment in comments(before):
        added.remove(comment)
    assert added == ([PARTIES_COMMENT] if new.get("parties") else [])
    assert [c for c in comments(after) if c != PARTIES_COMMENT] == comments(before)
    changed_lines_are_names_only(before, after)


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_a_real_file_upgraded_passes_check_and_exports_the_same_claims(path: Path) -> None:
    old = load_file(path)
    new = load_text(upgrade_text(path.read_text(encoding="utf-8-sig")).text, str(path))
    assert old.briefing is not None and new.briefing is not None, [str(d) for d in new.errors]
    assert new.errors == []
    assert new.briefing.format == 2
    # The same warnings, less where they stand; those on a claimant's or denier's name
    # (odd characters in it) now stand on the party's name.
    was = {(w.keypath, w.message) for w in old.warnings}
    now = {(w.keypath, w.message) for w in new.warnings}
    on_names = {(k, m) for k, m in was if k.endswith((".claimant", ".by"))}
    assert was - on_names <= now
    assert {m for _, m in on_names} <= {m for k, m in now - was}
    assert all(re.fullmatch(r"parties\[\d+\]\.name", keypath) for keypath, _ in now - was)
    for fmt, heading in (("text", "Parties\n-------\n"), ("markdown", "## Parties\n")):
        # The same export, with the parties the upgrade made listed at its end (a whole
        # export of a briefing with parties lists them).
        before = render(old.briefing, fmt=fmt).rstrip("\n")
        after = render(new.briefing, fmt=fmt)
        assert after.startswith(before + "\n\n")
        assert after[len(before) :].lstrip("\n").startswith(heading)
    # Every claimant and denier is a party whose name is what the file said before.
    for before, after in zip(old.briefing.claims(), new.briefing.claims(), strict=True):
        assert new.briefing.party(after.claimant) is not None
        assert new.briefing.party_name(after.claimant) == before.claimant
        assert [new.briefing.party_name(d.by) for d in after.denials] == [
            d.by for d in before.denials
        ]


def test_the_real_program_upgrades_the_bundled_briefing_so_that_check_passes(
    tmp_path: Path,
) -> None:
    out = tmp_path / "v2.toml"
    done = run("upgrade", str(BUNDLED_V1), "-o", str(out))
    assert done.returncode == 0, done.stderr
    checked = run("check", "--strict", str(out))
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == "checked 1 file: 0 errors, 0 warnings\n"


def test_the_bundled_briefing_gets_its_parties_where_an_author_would_look() -> None:
    before = BUNDLED_V1.read_text(encoding="utf-8")
    after = upgrade_text(before).text.splitlines()
    tags = next(i for i, line in enumerate(after) if line.startswith("tags"))
    first_party = after.index("[[parties]]")
    sources = after.index("[[sources]]")
    assert tags < first_party < sources
    # The comment block that introduces the sources still stands right above them.
    assert after[first_party - 1] == PARTIES_COMMENT
    assert after[first_party - 2] == ""
    introduction = after.index(
        "# Sources. Only the article itself was seen; the others are the statements and"
    )
    assert first_party < introduction < sources
    assert after[introduction - 2] == "" and after[introduction - 1].startswith("# ----")
    assert all(line != "[[parties]]" for line in after[introduction:])


def test_the_report_lists_the_parties_and_the_names_to_merge_by_hand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = upgrade_in_process(capsys, str(BUNDLED_V1), "-o", str(tmp_path / "v2.toml"))
    assert code == 0 and err == []
    lines = out.splitlines()
    assert lines[0] == f"upgraded {BUNDLED_V1} to format 2: wrote {tmp_path / 'v2.toml'}"
    assert lines[1] == "made 17 parties, one for each distinct claimant or 'by' name:"
    assert (
        '  party "katherine-spencer-author-ukrainealert" named '
        '"Katherine Spencer (author, UkraineAlert)": 8 claims'
    ) in lines
    assert (
        '  party "beijing-chinese-government" named "Beijing (Chinese government)": 3 denials'
        in lines
    )
    pairs = lines[
        lines.index(next(x for x in lines if x.startswith("these names may be one party"))) + 1 :
    ]
    assert (
        '  "Government of China" (government-of-china) and "Government of China (official '
        'position)" (government-of-china-official-position)'
    ) in pairs
    assert (
        '  "US officials (as reported by Reuters)" (us-officials-as-reported-by-reuters) and '
        '"US officials" (us-officials)'
    ) in pairs
    # Different actors are never offered for merging.
    assert not any("US Congress" in pair for pair in pairs)


def test_the_real_program_writes_toml_to_stdout_and_the_report_to_stderr() -> None:
    done = run("upgrade", str(BUNDLED_V1))
    assert done.returncode == 0, done.stderr
    data = tomllib.loads(done.stdout)
    assert data["format"] == 2 and len(data["parties"]) == 17
    assert done.stderr.startswith(f"upgraded {BUNDLED_V1} to format 2\n")
    assert "these names may be one party" in done.stderr
    assert "Traceback" not in done.stderr


# --- the forms a file may take ----------------------------------------------------------

INLINE = """\
format = 1 # the version
briefing = { title = "T" }
sections = [{ id = "s", title = "S", claims = [
  { id = "a", text = "t", claimant = 'US officials' },  # literal stays literal
  { id = "b", text = "t", "claimant" = "Kyiv", denials = [{ by = "US officials", text = "no" }] },
] }]
"""

INLINE_UPGRADED = """\
format = 2 # the version
briefing = { title = "T" }
sections = [{ id = "s", title = "S", claims = [
  { id = "a", text = "t", claimant = 'us-officials' },  # literal stays literal
  { id = "b", text = "t", "claimant" = "kyiv", denials = [{ by = "us-officials", text = "no" }] },
] }]

# Who claims and who denies: each claimant and `by` below is one of these ids.
[[parties]]
id   = "us-officials"
name = "US officials"

[[parties]]
id   = "kyiv"
name = "Kyiv"
"""


def test_inline_tables_and_quoted_keys_are_upgraded_in_their_own_style() -> None:
    upgraded = upgrade_text(INLINE)
    assert upgraded.text == INLINE_UPGRADED
    assert [(p.id, p.name, p.claims, p.denials) for p in upgraded.parties] == [
        ("us-officials", "US officials", 1, 1),
        ("kyiv", "Kyiv", 1, 0),
    ]


def test_tables_in_any_order_and_multiline_names() -> None:
    text = """\
format = 1

# The claims first, for once.
[[sections]]
id = "s"
title = "S"
  [[sections.claims]]
  id = "a"
  text = "t"
  claimant = \"\"\"Ministry of
Defence\"\"\"   # who
    [[sections.claims.denials]]
    by   = "Port authority"  # denier
    text = "No."
    # a note on the denial

# The briefing last.
[briefing]
title = "T"
"""
    after = upgrade_text(text).text
    data = tomllib.loads(after)
    assert data["parties"] == [
        {"id": "ministry-of-defence", "name": "Ministry of\nDefence"},
        {"id": "port-authority", "name": "Port authority"},
    ]
    assert '  claimant = "ministry-of-defence"   # who\n' in after
    assert '    by   = "port-authority"  # denier\n' in after
    # The parties come before the first table, under the comment on `format`'s paragraph.
    assert after.startswith(f"format = 2\n\n{PARTIES_COMMENT}\n[[parties]]\n")
    assert after.index("[[parties]]") < after.index("# The claims first, for once.")
    assert comments(after) == [PARTIES_COMMENT, *comments(text)]


def test_sources_after_sections_and_comments_under_the_last_key_stay_with_it() -> None:
    text = """\
format = 1
[briefing]
title = "T"
# about the title, right under it

# Sections ----
[[sections]]
id = "s"
title = "S"
claims = [{ id = "a", text = "t", claimant = "X" }]

[[sources]]
id = "x"
title = "x"
"""
    after = upgrade_text(text).text
    assert after == text.replace("format = 1", "format = 2").replace('"X"', '"x"').replace(
        "# about the title, right under it\n\n",
        "# about the title, right under it\n\n"
        f'{PARTIES_COMMENT}\n[[parties]]\nid   = "x"\nname = "X"\n\n',
    )


def test_crlf_line_endings_stay_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (TESTS / "fixtures" / "check" / "valid.toml").read_text(encoding="utf-8")
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = upgrade_in_process(capsys, str(path), "--in-place")
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark the editor wrote, kept
    assert b"[[parties]]\r\n" in data
    assert re.search(rb"(?<!\r)\n", data) is None
    assert tomllib.loads(data.decode("utf-8-sig"))["format"] == 2


def test_a_briefing_without_claims_upgrades_without_parties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.toml"
    path.write_text('format = 1\n[briefing]\ntitle = "T"\n\n[[sections]]\nid = "s"\ntitle = "S"\n')
    code, out, err = upgrade_in_process(capsys, str(path))
    assert code == 0
    assert out == path.read_text().replace("format = 1", "format = 2")
    assert err == [
        f"upgraded {path} to format 2",
        "no claimant or 'by' names, so no parties were made",
    ]


def test_hostile_names_are_escaped_in_the_file_and_shown_escaped_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = 'Evil \x1b[31m "quoted" \\ \u202ename\x7f'
    escaped = (
        name.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\x1b", "\\u001b")
        .replace("\x7f", "\\u007f")
    )
    path = tmp_path / "hostile.toml"
    path.write_text(
        'format = 1\n[briefing]\ntitle = "T"\n[[sections]]\nid = "s"\ntitle = "S"\n'
        f'claims = [{{ id = "a", text = "t", claimant = "{escaped}" }}]\n',
        encoding="utf-8",
    )
    code, out, err = upgrade_in_process(capsys, str(path))
    assert code == 0, err
    assert tomllib.loads(out)["parties"] == [{"id": "evil-31m-quoted-name", "name": name}]
    report = "\n".join(err)
    assert "\x1b" not in report and "\u202e" not in report
    assert "\\x1b" in report and "\\u202e" in report


# --- ids and the names to merge by hand --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("US officials", "us-officials"),
        ("Government of China (official position)", "government-of-china-official-position"),
        ("Volodymyr Zelenskyy, President of Ukraine", "volodymyr-zelenskyy-president-of-ukraine"),
        ("Kyiv's officials", "kyivs-officials"),
        ("Café ñandú Zoë", "cafe-nandu-zoe"),
        ("  --Ministry--  ", "ministry"),
        ("外務省報道官", "party"),
        ("", "party"),
        ("a" * 70, "a" * 64),
        ("a" * 63 + " b", "a" * 63),
    ],
)
def test_party_ids_are_made_from_names(name: str, expected: str) -> None:
    assert party_id(name) == expected


def test_party_ids_are_made_unique() -> None:
    assert party_id("US officials", {"us-officials"}) == "us-officials-2"
    assert party_id("US officials", {"us-officials", "us-officials-2"}) == "us-officials-3"
    long = "a" * 64
    assert party_id(long, {long}) == "a" * 62 + "-2"
    assert party_id("外務省", {"party"}) == "party-2"


@given(st.text(max_size=80), st.sets(st.text(alphabet="abc-2", max_size=6), max_size=8))
def test_any_name_gets_a_valid_id_not_taken(name: str, taken: set[str]) -> None:
    made = party_id(name, taken)
    assert ID.fullmatch(made)
    assert made not in taken


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("US officials", "US officials (as reported by Reuters)"),
        ("Government of China", "Government of China (official position)"),
        ("US officials", "US officials, as reported by Reuters"),
        ("US officials", "US officials according to the article"),
        ("Kremlin", "kremlin [statement]"),
        ("Unnamed commentators (“many”)", "Unnamed commentators (“some”)"),
    ],
)
def test_names_that_differ_by_a_qualifier_are_offered_for_merging(first: str, second: str) -> None:
    assert name_core(first) == name_core(second)
    assert similar_names([first, "Someone else", second]) == [(first, second)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("US officials", "US Congress"),
        ("Government of China", "Governments of China and Russia"),
        ("Beijing (Chinese government)", "Government of China"),
        ("(as reported by X)", "(as reported by Y)"),
    ],
)
def test_different_names_are_not_offered(first: str, second: str) -> None:
    assert similar_names([first, second]) == []


def test_each_later_name_is_paired_with_the_first_of_its_kind() -> None:
    names = ["A", "A (one)", "B", "A (two)", "A (one)"]
    assert similar_names(names) == [("A", "A (one)"), ("A", "A (two)"), ("A", "A (one)")]


# --- refusals and where it writes --------------------------------------------------------


def test_a_file_with_errors_is_refused_as_check_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = TESTS / "fixtures" / "check" / "bad-missing-by.toml"
    out = tmp_path / "v2.toml"
    code, stdout, err = upgrade_in_process(capsys, str(broken), "-o", str(out))
    assert code == 1 and stdout == ""
    assert not out.exists()
    assert check.main([str(broken)]) == 1
    checked = capsys.readouterr().err.splitlines()[:-1]  # less the summary line
    assert checked and err[:-1] == checked
    assert checked[0].startswith(f"{broken}:13:3: error: sections[0].claims[0].denials[0]: ")
    assert err[-1] == f"briefing upgrade: not upgraded: 1 error in {broken}; fix them first"


def test_the_real_program_refuses_a_broken_file_without_a_traceback() -> None:
    broken = TESTS / "fixtures" / "check" / "bad-syntax.toml"
    done = run("upgrade", str(broken))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"{broken}:")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_path_that_is_no_file_gives_one_line(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nothing.toml" if kind == "missing" else tmp_path
    code, out, err = upgrade_in_process(capsys, str(path))
    assert code == 1 and out == ""
    assert len(err) == 1 and err[0].startswith(f"{path}: error: ")


def test_an_existing_output_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken.toml"
    out.write_text("precious\n")
    code, stdout, err = upgrade_in_process(capsys, str(BUNDLED_V1), "-o", str(out))
    assert code == 1 and stdout == ""
    assert out.read_text() == "precious\n"
    assert err == [
        f"briefing upgrade: {out} already exists; not overwriting it "
        "(name a new file, or use --in-place to replace the briefing itself)"
    ]


def test_output_and_in_place_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = upgrade_in_process(capsys, str(BUNDLED_V1), "-o", "x.toml", "--in-place")
    assert code == 2
    assert "not allowed with" in err[-1]


def test_in_place_replaces_the_file_atomically_keeping_its_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "briefing.toml"
    path.write_bytes(BUNDLED_V1.read_bytes())
    path.chmod(0o640)
    inode = path.stat().st_ino
    code, out, err = upgrade_in_process(capsys, str(path), "--in-place")
    assert code == 0, err
    assert out.splitlines()[0] == f"upgraded {path} to format 2 in place"
    assert tomllib.loads(path.read_text(encoding="utf-8"))["format"] == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    # A new file took the name (written beside it, then renamed): never a half-written one.
    assert path.stat().st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.toml"]


def test_in_place_through_a_link_upgrades_the_file_and_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.toml"
    real.write_bytes(BUNDLED_V1.read_bytes())
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    code, _, err = upgrade_in_process(capsys, str(link), "--in-place")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert tomllib.loads(real.read_text(encoding="utf-8"))["format"] == 2


def test_a_format_2_file_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v2.toml"
    path.write_text(upgrade_text(BUNDLED_V1.read_text(encoding="utf-8")).text, encoding="utf-8")
    data = path.read_bytes()
    out = tmp_path / "again.toml"
    code, stdout, err = upgrade_in_process(capsys, str(path), "-o", str(out))
    assert code == 0
    assert stdout == f"{path} is already format 2: nothing to upgrade, the file is left as it is\n"
    assert err == []
    assert not out.exists()
    code, stdout, err = upgrade_in_process(capsys, str(path), "--in-place")
    assert code == 0 and path.read_bytes() == data
    # Standard output holds only TOML, so the message goes to standard error there.
    code, stdout, err = upgrade_in_process(capsys, str(path))
    assert code == 0 and stdout == ""
    assert err == [f"{path} is already format 2: nothing to upgrade, the file is left as it is"]


def test_a_broken_format_2_file_is_refused_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v2.toml"
    text = upgrade_text(BUNDLED_V1.read_text(encoding="utf-8")).text
    path.write_text(text.replace('by     = "government-of-china"', 'by     = "china"'), "utf-8")
    code, _, err = upgrade_in_process(capsys, str(path))
    assert code == 1
    errors = [line for line in err if ": error: " in line]
    assert len(errors) == 1
    assert re.match(
        rf"{re.escape(str(path))}:\d+:\d+: error: sections\[1\]\.claims\[2\]", errors[0]
    )
    assert err[-1] == f"briefing upgrade: not upgraded: 1 error in {path}; fix them first"


def test_the_upgrade_is_checked_against_the_original_before_it_is_given() -> None:
    text = BUNDLED_V1.read_text(encoding="utf-8")
    before = load_file(BUNDLED_V1).briefing
    assert before is not None
    upgraded = upgrade_text(text).text
    assert upgrade_problems(before, upgraded, "x.toml") == []
    # Two claimants swapped: every id is a party, the file loads, but it says another thing.
    swapped = upgraded.replace(
        'claimant = "katherine-spencer-author-ukrainealert"', 'claimant = "us-congress"', 1
    )
    assert upgrade_problems(before, swapped, "x.toml") == ["the claims, or what they say, differ"]
    unnamed = upgraded.replace(
        "[[parties]]\n", '[[parties]]\nid = "nobody"\nname = "Nobody"\n\n[[parties]]\n', 1
    )
    assert upgrade_problems(before, unnamed, "x.toml") == ["party 'nobody' names no one"]
    broken = upgraded.replace('"us-officials"', '"US officials"')
    problems = upgrade_problems(before, broken, "x.toml")
    assert problems and all(str(p).startswith("x.toml:") for p in problems)


def test_upgrade_text_refuses_what_it_cannot_upgrade() -> None:
    with pytest.raises(UpgradeError) as refused:
        upgrade_text('format = 1\n[briefing]\ntitle = ""\n', "bad.toml")
    assert refused.value.diagnostics and str(refused.value) == "2 errors"
    with pytest.raises(UpgradeError, match="already format 2"):
        upgrade_text(upgrade_text(BUNDLED_V1.read_text(encoding="utf-8")).text)


def test_an_array_of_tables_split_by_another_table_is_upgraded_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TOML allows it; tomlkit writes such an array in one piece, so the author is told.
    text = """\
format = 1
[[sections]]
id = "s"
title = "S"
claims = [{ id = "a", text = "t", claimant = "X" }]

# The briefing between two sections.
[briefing]
title = "T"

[[sections]]
id = "t"
title = "T2"
claims = [{ id = "b", text = "t", claimant = "Y" }]  # Y
"""
    path = tmp_path / "split.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = upgrade_in_process(capsys, str(path))
    assert code == 0
    assert err[1].startswith("note: some tables stood in an unusual order")
    assert as_version_1(tomllib.loads(out)) == tomllib.loads(text)
    assert comments(out) == [PARTIES_COMMENT, *comments(text)]
    # A file tomlkit writes back as it read it gets no such note.
    code, _, err = upgrade_in_process(capsys, str(BUNDLED_V1))
    assert code == 0 and not any(line.startswith("note:") for line in err)

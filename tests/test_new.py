"""`briefing new PATH`: a commented starter briefing that checks clean and never overwrites."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli

import briefing
from briefing.cli import main
from briefing.commands.new import starter_text
from briefing.document.loader import load_file, load_text
from briefing.document.schema import briefing_schema


def _keys(node: Any) -> set[str]:
    """Return every key used anywhere in parsed TOML."""
    if isinstance(node, dict):
        return set(node) | {key for value in node.values() for key in _keys(value)}
    if isinstance(node, list):
        return {key for item in node for key in _keys(item)}
    return set()


def _schema_keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = set(node.get("properties", {}))
        return found | {key for value in node.values() for key in _schema_keys(value)}
    if isinstance(node, list):
        return {key for item in node for key in _schema_keys(item)}
    return set()


def test_new_writes_a_briefing_that_checks_without_errors_or_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.toml"
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {target}" in out
    assert f"briefing check {target}" in out

    result = load_file(target)
    assert result.diagnostics == []
    assert result.briefing is not None
    assert main(["check", "--strict", str(target)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().err


def test_the_starter_names_the_file_in_its_instructions(tmp_path: Path) -> None:
    target = tmp_path / "my briefing.toml"
    assert main(["new", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "# Check the file as you go:   briefing check 'my briefing.toml'" in text
    assert "THIS-FILE" not in text


def test_a_name_that_could_break_a_comment_stays_a_placeholder() -> None:
    text = starter_text("evil\nformat = 2.toml")
    assert "evil" not in text
    assert "briefing check THIS-FILE" in text
    assert load_text(text, "starter.toml").diagnostics == []


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("format = 1 # my own work\n", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "format = 1 # my own work\n"
    assert capsys.readouterr().err == f"briefing new: {target} already exists; not overwriting it\n"


def test_new_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing new: ") and err.count("\n") == 1


def test_new_into_a_missing_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nope" / "mine.toml"
    assert main(["new", str(target)]) == 1
    assert capsys.readouterr().err == f"briefing new: cannot write {target}: no such folder\n"
    assert not target.parent.exists()


def test_new_notes_that_only_toml_files_are_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "mine.txt")]) == 0
    assert "only *.toml files" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "mine.toml")]) == 0
    assert "only *.toml files" not in capsys.readouterr().out


def test_the_starter_shows_every_key_of_the_format() -> None:
    used = _keys(tomli.loads(starter_text()))
    assert _schema_keys(briefing_schema()) - used == set()


def test_the_starter_is_format_2_and_uses_what_version_2_adds() -> None:
    # Read through the model, not the raw keys: each must mean what the starter says.
    briefing = load_text(starter_text(), "starter.toml").briefing
    assert briefing is not None
    assert briefing.format == 2
    assert briefing.briefing.bottom_line and briefing.briefing.revised
    assert briefing.changes
    assert any(party.aliases for party in briefing.parties)
    assert any(party.part_of for party in briefing.parties)
    assert all(source.reliability for source in briefing.sources)
    claims = [claim for section in briefing.sections for claim in section.claims]
    evidence = [item for claim in claims for item in claim.evidence]
    assert any(item.credibility for item in evidence)
    assert any(claim.likelihood and claim.confidence for claim in claims)
    assert any(claim.gaps for claim in claims)
    assert any(relation.note for claim in claims for relation in claim.relations)
    assert any(item.if_wrong for claim in claims for item in claim.assumptions)
    assert any(item.effect for claim in claims for item in claim.indicators)
    # With parties, claimants and deniers are ids, shown by their names.
    people = [claim.claimant for claim in claims]
    people += [denial.by for claim in claims for denial in claim.denials]
    assert all(briefing.party(who) is not None for who in people)
    assert all(briefing.party_name(who) != who for who in people)


def test_the_starter_says_that_likelihood_and_confidence_differ() -> None:
    lines = starter_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("likelihood"))
    comment = " ".join(line for line in lines[at - 4 : at] if line.lstrip().startswith("#"))
    assert "likelihood" in comment and "confidence" in comment and "never merged" in comment


def test_the_starter_shows_both_shorthands_and_partial_dates() -> None:
    text = starter_text()
    assert re.search(r'^\s*evidence\s*=\s*\["', text, re.MULTILINE)
    assert re.search(r'^\s*caveats\s*=\s*\["', text, re.MULTILINE)
    assert re.search(r"^\s*denials\s*=\s*\[\{", text, re.MULTILINE)
    assert re.search(r'^\s*(stated|date|published)\s*=\s*"\d{4}-\d{2}"', text, re.MULTILINE)


def test_the_starter_explains_its_keys_in_comments() -> None:
    lines = starter_text().splitlines()
    comments = [line for line in lines if line.lstrip().startswith("#") or " # " in line]
    assert len(comments) >= 20
    assert "# #:schema ./briefing.schema.json" in lines


def test_enabling_the_schema_line_keeps_the_file_clean() -> None:
    # The docs tell authors to uncomment the directive: to TOML it is still a comment.
    text = starter_text().replace("# #:schema ./", "#:schema ./")
    assert "\n#:schema ./briefing.schema.json\n" in text
    assert load_text(text, "starter.toml").diagnostics == []


def test_the_starter_ships_inside_the_package() -> None:
    # Everything under briefing/ goes into the wheel; the starter must not live elsewhere.
    packaged = Path(briefing.__file__).parent / "starter.toml"
    assert packaged.read_text(encoding="utf-8") == starter_text()


def test_new_without_a_path_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "new"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "usage: briefing new" in done.stderr
    assert "Traceback" not in done.stderr

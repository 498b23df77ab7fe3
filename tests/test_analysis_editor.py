"""Opening the editor: the claim's line in its file, and the command for common editors."""

from __future__ import annotations

from pathlib import Path

from analysis_fixtures import PARTIES, parties_briefing

from briefing.settings.editor import claim_line, editor_command


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_claim_line_is_where_its_table_starts() -> None:
    briefing = parties_briefing()
    for claim_id in ("escorts-agreed", "exports-fell", "talks-resume"):
        # The [[sections.claims]] header stands just above the claim's id.
        assert claim_line(PARTIES, briefing, claim_id) == _line_of(PARTIES, f'"{claim_id}"') - 1


def test_claim_line_with_inline_tables_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "inline.toml"
    path.write_bytes(
        b'\xef\xbb\xbfformat = 1\r\n[briefing]\r\ntitle = "T"\r\n'
        b'[[sections]]\r\nid = "s"\r\ntitle = "S"\r\n'
        b'claims = [\r\n  { id = "a", text = "A", claimant = "X" },\r\n'
        b'  { id = "b", text = "B", claimant = "Y" },\r\n]\r\n'
    )
    from briefing.document.loader import load_file

    briefing = load_file(path).briefing
    assert briefing is not None
    assert claim_line(path, briefing, "b") == 9
    assert claim_line(path, briefing, "nope") is None
    assert claim_line(tmp_path / "gone.toml", briefing, "a") is None


def test_editor_command_for_common_editors() -> None:
    path = Path("/b/x.toml")
    assert editor_command(path, 12, {"EDITOR": "vim"}) == ["vim", "+12", "/b/x.toml"]
    assert editor_command(path, 12, {"VISUAL": "nvim -p", "EDITOR": "nano"}) == [
        "nvim", "-p", "+12", "/b/x.toml",
    ]  # fmt: skip
    assert editor_command(path, 3, {"EDITOR": "'/opt/My Code/code' --wait"}) == [
        "/opt/My Code/code", "--wait", "--goto", "/b/x.toml:3",
    ]  # fmt: skip
    assert editor_command(path, 3, {"EDITOR": "hx"}) == ["hx", "/b/x.toml:3"]
    assert editor_command(path, None, {"EDITOR": "emacs -nw"}) == ["emacs", "-nw", "/b/x.toml"]
    assert editor_command(path, 3, {"EDITOR": "  "}) is None
    assert editor_command(path, 3, {}) is None

"""The hostile fixture through every export and every command that prints briefing text.

Each export (text at several widths, Markdown, JSON; the whole briefing and each
section) and each command's output must hold no byte a terminal would act on, keep
markup as written (text) or escaped (Markdown), and lose no character.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing.document.loader import load_file
from briefing.document.model import Briefing
from briefing.export import render

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile.toml"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LONG_WORD = "abcdefghij" * 500
MARKUP = ("[bold]x[/]", "[@click=app.quit]click[/]", "[link=file:///etc/passwd]x[/link]")


@pytest.fixture(scope="module")
def hostile() -> Briefing:
    result = load_file(HOSTILE)
    assert result.briefing is not None, [str(d) for d in result.errors]
    return result.briefing


def exports(briefing: Briefing) -> dict[str, str]:
    """Return every export of the briefing, named by format, width and sections."""
    out: dict[str, str] = {}
    for sections in [None, *([s.id] for s in briefing.sections)]:
        name = ",".join(sections) if sections else "all"
        for width in (0, 20, 40, 80):
            out[f"text/{width}/{name}"] = render(briefing, sections, "text", width)
        out[f"markdown/{name}"] = render(briefing, sections, "markdown")
        out[f"json/{name}"] = render(briefing, sections, "json")
        out[f"html/{name}"] = render(briefing, sections, "html")
    return out


def test_no_export_holds_a_raw_control_or_bidi_character(hostile: Briefing) -> None:
    for name, text in exports(hostile).items():
        found = RAW.search(text)
        assert found is None, f"{name}: raw {found.group()!r}" if found else ""
        text.encode("utf-8")


def test_text_shows_markup_as_written_and_controls_as_escapes(hostile: Briefing) -> None:
    text = render(hostile, None, "text", 0)
    for markup in MARKUP:
        assert markup in text
    assert "red \\x1b[31mRED\\x1b[0m subtitle" in text
    assert "OSC \\x1b]52;c;aGVsbG8=\\x07 BEL \\x07 C1 \\x9b1m done" in text
    assert "Override \\u202eevil\\u202c and RTL العربية עברית with Zoe\u0308" in text
    assert (
        "zero\u200bwidth" in text and "中国と日本の代表団" in text and "👨\u200d👩\u200d👧" in text
    )
    assert f"Long word: {LONG_WORD} ends here." in text


def test_text_breaks_the_long_word_to_the_width_and_loses_no_character(hostile: Briefing) -> None:
    text = render(hostile, ["wide"], "text", 40)
    lines = text.splitlines()
    assert max(len(line) for line in lines if line.isascii()) <= 40
    joined = "".join(line.strip() for line in lines)
    assert LONG_WORD in joined


def test_markdown_escapes_markup_and_keeps_it_readable(hostile: Briefing) -> None:
    text = render(hostile, None, "markdown")
    assert "\\[bold\\]x\\[/\\]" in text
    assert "\\[\\@click\\=app\\.quit\\]click\\[/\\]" in text
    assert "\\[link\\=file\\:///etc/passwd\\]x\\[/link\\]" in text
    # A backslash escape shown as text is itself escaped: `\\x1b` reads as \x1b.
    assert "\\\\x1b\\]52;c;aGVsbG8\\=\\\\x07" in text
    assert "[bold]x[/]" not in text.replace("<https://example.org/briefing?q=[bold]x[/]>", "")


def test_json_keeps_every_string_exactly_and_escapes_controls(hostile: Briefing) -> None:
    exported = render(hostile, None, "json")
    data = json.loads(exported)

    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    found = set(strings(data))
    for claim in hostile.claims():
        assert claim.text in found and claim.claimant in found
        for item in (*claim.evidence, *claim.caveats, *claim.denials):
            assert item.text in found
    assert hostile.briefing.summary in found
    assert "\\u001b]52;c;aGVsbG8=\\u0007" in exported and "\\u202e" in exported


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the briefing program with its output piped, as a script would."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, timeout=60, check=False
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_export_command_output_and_warnings_hold_no_raw_byte(fmt: str) -> None:
    done = run("export", str(HOSTILE), "--format", fmt)
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        text = stream.decode("utf-8")
        assert not RAW.search(text) and "Traceback" not in text
    assert b"warning: sections[1].claims[0].text: string holds control characters" in done.stderr


def test_check_and_the_plain_outline_hold_no_raw_byte() -> None:
    checked = run("check", str(HOSTILE))
    assert checked.returncode == 0
    lines = checked.stderr.decode("utf-8").splitlines()
    assert lines[-1] == "checked 1 file: 0 errors, 21 warnings"
    assert all(line.startswith(f"{HOSTILE}:") for line in lines[:-1])
    # Without a terminal, the reader prints a plain outline instead.
    outline = run(str(HOSTILE))
    assert outline.returncode == 0
    text = outline.stdout.decode("utf-8")
    assert "Hostile [bold]x[/] [@click=app.quit]click[/] title" in text
    assert "ANSI \\x1b[31mRED\\x1b[0m OSC \\x1b]52;c;aGVsbG8=\\x07" in text
    for stream in (outline.stdout, outline.stderr, checked.stdout, checked.stderr):
        assert not RAW.search(stream.decode("utf-8"))

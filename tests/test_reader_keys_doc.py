"""docs/keys.md is the key table the help screen shows, made from the same bindings."""

from __future__ import annotations

import os
from pathlib import Path

from reader_pilot import SAMPLE, briefing_screen, reader

from briefing.tui.screens.help import binding_rows, keys_markdown

KEYS_DOC = Path(__file__).resolve().parents[1] / "docs" / "keys.md"


async def test_docs_keys_md_matches_the_bindings_in_force() -> None:
    async with reader(SAMPLE) as pilot:
        markdown = keys_markdown(binding_rows(briefing_screen(pilot.app)))
    if os.environ.get("BRIEFING_UPDATE_DOCS"):
        KEYS_DOC.write_text(markdown, encoding="utf-8")
    hint = "docs/keys.md is out of date: run BRIEFING_UPDATE_DOCS=1 pytest " + __file__
    assert KEYS_DOC.read_text(encoding="utf-8") == markdown, hint
    for key in (
        "j",
        "k",
        "g",
        "G",
        "/",
        "n",
        "N",
        "f",
        "x",
        "r",
        "?",
        "q",
        "e",
        "c",
        "d",
        "[",
        "]",
    ):
        assert f"| {key} " in markdown or f" / {key} " in markdown or f" / {key} |" in markdown, key

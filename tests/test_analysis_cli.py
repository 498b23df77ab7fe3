"""`briefing --fresh`, and the analysis core staying free of Textual."""

from __future__ import annotations

import pytest

from briefing import cli
from briefing.commands import read


def test_fresh_flag_reaches_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str | None, bool, bool]] = []

    def fake_main(path: str | None, *, fresh: bool = False, use_cache: bool = True) -> int:
        calls.append((path, fresh, use_cache))
        return 0

    monkeypatch.setattr(read, "main", fake_main)
    assert cli.main(["--fresh", "some.toml"]) == 0
    assert cli.main(["some.toml"]) == 0
    assert cli.main(["--no-cache", "some.toml"]) == 0
    assert calls == [
        ("some.toml", True, True),
        ("some.toml", False, True),
        ("some.toml", False, False),
    ]


def test_help_describes_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--fresh open at the top, not at the claim last viewed in the briefing" in out

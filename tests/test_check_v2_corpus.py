"""Format version 2's checker against a corpus written from the contract, not from the code.

tests/fixtures/check-v2 holds one small file per broken version 2 rule (`bad-*.toml`,
`warn-*.toml`), each declaring what `briefing check` must print for it in leading comments:

    # expect: LINE[:COL]: error|warning: KEYPATH: NEEDLE | NEEDLE ...

The line, column and key path are compared exactly; each needle must occur in the message
(`re:` makes it a regular expression). Nothing else may be printed for the file, so a rule
that is reported twice, or a second rule set off by the first, fails too. The `good-*.toml`
files use every version 2 key and check clean. `briefing check` runs once over the whole
folder, as a user would run it, and its output is split by file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from check_output import CheckRun, Printed, run_check

from briefing.commands import check

CORPUS = Path(__file__).parent / "fixtures" / "check-v2"
BAD = sorted(CORPUS.glob("bad-*.toml"))
WARN = sorted(CORPUS.glob("warn-*.toml"))
GOOD = sorted(CORPUS.glob("good-*.toml"))

_EXPECT = re.compile(
    r"^# expect: (?P<line>\d+)(?::(?P<col>\d+))?: (?P<severity>error|warning): "
    r"(?P<keypath>\S+):(?: (?P<needles>.*))?$"
)


@dataclass(frozen=True, slots=True)
class Expected:
    """One diagnostic a corpus file says `briefing check` must print for it."""

    line: int
    col: int | None
    severity: str
    keypath: str
    needles: tuple[str, ...]

    def matches(self, printed: Printed) -> bool:
        """Return True if `printed` is this diagnostic: same place, key path and wording."""
        if (printed.line, printed.severity) != (self.line, self.severity):
            return False
        if self.col is not None and printed.col != self.col:
            return False
        if not printed.rest.startswith(f"{self.keypath}: "):
            return False
        message = printed.rest.removeprefix(f"{self.keypath}: ")
        return all(_found(needle, message) for needle in self.needles)

    def __str__(self) -> str:
        where = f"{self.line}:{self.col}" if self.col is not None else f"{self.line}"
        return f"{where}: {self.severity}: {self.keypath}: {' | '.join(self.needles)}"


def _found(needle: str, message: str) -> bool:
    if needle.startswith("re:"):
        return re.search(needle.removeprefix("re:"), message) is not None
    return needle in message


def expectations(path: Path) -> list[Expected]:
    """Return what the leading `# expect:` comments of `path` declare."""
    found: list[Expected] = []
    for text in path.read_text(encoding="utf-8").splitlines():
        if not text.startswith("#"):
            break
        declared = _EXPECT.match(text)
        if declared is None:
            assert not text.startswith("# expect:"), f"{path.name}: unreadable {text!r}"
            continue
        needles = declared["needles"] or ""
        found.append(
            Expected(
                int(declared["line"]),
                int(declared["col"]) if declared["col"] else None,
                declared["severity"],
                declared["keypath"],
                tuple(part.strip() for part in needles.split(" | ") if part.strip()),
            )
        )
    return found


@pytest.fixture(scope="module")
def corpus_run() -> CheckRun:
    """`briefing check` over the whole corpus folder, once for every test here."""
    return run_check(CORPUS)


def test_the_corpus_is_all_there() -> None:
    # Guards the globs: an empty or renamed corpus would leave every test below with nothing.
    assert len(BAD) >= 60 and WARN and len(GOOD) >= 5
    assert {p.name for p in CORPUS.glob("*.toml")} == {p.name for p in BAD + WARN + GOOD}


def test_one_run_over_the_folder_counts_every_file_and_problem(corpus_run: CheckRun) -> None:
    assert corpus_run.code == 1
    assert corpus_run.stdout == ""
    assert "Traceback" not in corpus_run.stderr
    printed = [p for lines in corpus_run.by_file.values() for p in lines]
    errors = sum(p.severity == "error" for p in printed)
    warnings = len(printed) - errors
    files = len(BAD) + len(WARN) + len(GOOD)
    assert corpus_run.stderr.splitlines()[-1] == (
        f"checked {files} files: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )


@pytest.mark.parametrize("sample", BAD + WARN, ids=lambda p: p.stem)
def test_each_broken_rule_is_reported_where_it_stands_and_alone(
    sample: Path, corpus_run: CheckRun
) -> None:
    expected = expectations(sample)
    assert expected, f"{sample.name} declares no '# expect:' line"
    severities = {e.severity for e in expected}
    assert severities == ({"warning"} if sample.name.startswith("warn-") else {"error"})
    printed = corpus_run.of(sample)
    missing = [str(e) for e in expected if not any(e.matches(p) for p in printed)]
    unexpected = [p.text for p in printed if not any(e.matches(p) for e in expected)]
    assert (missing, unexpected) == ([], []), "\n".join(p.text for p in printed)


@pytest.mark.parametrize("sample", BAD + WARN, ids=lambda p: p.stem)
def test_exit_status_is_one_for_errors_and_zero_for_warnings_alone(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # In process, so that 70 files cost one interpreter: the same main() the entry point runs.
    code = check.main([str(sample)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert code == (0 if sample.name.startswith("warn-") else 1)


def test_good_files_check_clean_with_nothing_but_the_summary() -> None:
    done = run_check(*GOOD)
    assert (done.code, done.stdout) == (0, "")
    assert done.stderr == f"checked {len(GOOD)} files: 0 errors, 0 warnings\n"


def test_good_files_declare_no_expectation() -> None:
    assert [p.name for p in GOOD if expectations(p)] == []

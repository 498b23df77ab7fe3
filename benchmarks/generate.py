"""A seeded generator of synthetic format-v1 briefings: N sections × M claims, any size.

Each claim has 3 evidence items, 2 caveats and 1 denial; long strings are 150–300
characters; there are 50 sources and every one is cited, so a generated briefing
checks with no errors and no warnings. The same seed always writes the same bytes.

    python -m benchmarks.generate small           # prints the path of the cached file
    python -m benchmarks.generate 7 9 -o out.toml  # 7 sections × 9 claims
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SEED = 2025
SOURCE_COUNT = 50
# Bump when the output changes, so that cached files of an older shape are not reused.
GENERATOR_VERSION = 1


@dataclass(frozen=True)
class Size:
    """A named briefing size: sections × claims per section."""

    name: str
    sections: int
    claims: int

    @property
    def total_claims(self) -> int:
        """Return the number of claims in the whole briefing."""
        return self.sections * self.claims


SIZES = {
    "small": Size("small", 5, 4),
    "10k": Size("10k", 100, 100),
    "50k": Size("50k", 200, 250),
}

# Words of at most 12 characters (the cut below relies on it). A few are not ASCII,
# as in real briefings: that makes Python hold the text as 2 bytes per character.
_VOCABULARY = """
officials said the ministry report confirmed convoy escorts near port after talks
between delegations while analysts questioned whether satellite images showed new
launchers drone plant workers shipments of gunpowder components sanctions against
three companies allegedly involved producing missiles according statement released
late on tuesday evening spokesperson denied any material support calling allegations
unfounded observers noted that border crossings increased sharply during spring
négociations continued in Genève with envoys from both capitals seeking ceasefire
terms investigators documented shelling of civilian districts and power stations
intercepted radio traffic suggests units rotated through the region twice since
january journalists could not independently verify casualty figures nor locations
the agency’s assessment relies partly on commercial imagery and partly on sources
inside logistics networks that move fuel grain fertiliser and spare parts eastward
parliament approved an emergency budget increase for air defence procurement while
critics argued that earlier pledges remained undelivered months after announcement
""".split()  # noqa: SIM905 (a paragraph reads better than a list)

_CLAIMANTS = [
    "Ministry of Defence",
    "Foreign Ministry spokesperson",
    "President's office",
    "Independent monitoring group",
    "Parliamentary committee",
    "State news agency",
    "Opposition lawmaker",
    "Regional governor",
]
_KINDS = ["official statement", "news report", "analysis", "court filing", "dataset"]
_CONFIDENCE = ["low", "moderate", "high"]


class _Writer:
    """Random text for one briefing, from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self, low: int = 150, high: int = 300) -> str:
        """Return words cut at a word boundary, `low`–`high` characters with the full stop."""
        rng = self.rng
        target = rng.randint(low + 13, high)
        text = " ".join(rng.choices(_VOCABULARY, k=60))
        # The 60 words are always longer than `target`; the cut loses < 13 characters.
        cut = text.rfind(" ", 0, target)
        return text[0].upper() + text[1:cut] + "."

    def date(self) -> str:
        """Return a TOML date in 2024–2025."""
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=self.rng.randrange(700))
        return day.isoformat()


def _q(text: str) -> str:
    # Generated text never holds quotes, backslashes or control characters.
    return f'"{text}"'


def generate(sections: int, claims: int, *, seed: int = SEED, label: str = "") -> str:
    """Return the TOML text of a briefing of `sections` × `claims` claims."""
    w = _Writer(seed)
    rng = w.rng
    out: list[str] = []
    add = out.append
    name = label or f"{sections}×{claims}"
    add("# A synthetic briefing written by benchmarks/generate.py; do not edit.\n")
    add("format = 1\n\n[briefing]\n")
    add(f'title = "Synthetic briefing {name}: {sections} sections of {claims} claims"\n')
    add(f'subtitle = "Generated with seed {seed} for the benchmarks"\n')
    add(f"summary = {_q(w.sentence())}\n")
    add(f"published = {w.date()}\n")
    add('authors = ["The benchmark generator"]\npublisher = "briefing benchmarks"\n')
    add('url = "https://example.org/briefings/synthetic"\ntags = ["synthetic", "benchmark"]\n')
    source_ids = [f"source-{n:02d}" for n in range(1, SOURCE_COUNT + 1)]
    for source_id in source_ids:
        add(f"\n[[sources]]\nid = {_q(source_id)}\n")
        add(f"title = {_q(w.sentence(40, 120))}\n")
        add(f"publisher = {_q(rng.choice(_CLAIMANTS))}\nkind = {_q(rng.choice(_KINDS))}\n")
        add(f"date = {w.date()}\nurl = {_q('https://example.org/sources/' + source_id)}\n")
    serial = 0
    for s in range(1, sections + 1):
        section_id = f"s{s:03d}"
        add(f"\n[[sections]]\nid = {_q(section_id)}\n")
        add(f"title = {_q(f'Section {s}: ' + w.sentence(30, 80))}\n")
        add(f"summary = {_q(w.sentence())}\n")
        for c in range(1, claims + 1):
            add(f"\n  [[sections.claims]]\n  id = {_q(f'{section_id}-c{c:03d}')}\n")
            add(f"  text = {_q(w.sentence())}\n  claimant = {_q(rng.choice(_CLAIMANTS))}\n")
            add(f"  stated = {w.date()}\n  confidence = {_q(rng.choice(_CONFIDENCE))}\n")
            for e in range(3):
                # Consecutive claims cite consecutive sources: every source is cited.
                source = source_ids[(serial * 3 + e) % SOURCE_COUNT]
                add(f"\n    [[sections.claims.evidence]]\n    text = {_q(w.sentence())}\n")
                add(f"    source = {_q(source)}\n")
            for _ in range(2):
                add(f"\n    [[sections.claims.caveats]]\n    text = {_q(w.sentence())}\n")
                add(f"    source = {_q(rng.choice(source_ids))}\n")
            add(f"\n    [[sections.claims.denials]]\n    by = {_q(rng.choice(_CLAIMANTS))}\n")
            add(f"    text = {_q(w.sentence())}\n    date = {w.date()}\n")
            add(f"    source = {_q(rng.choice(source_ids))}\n")
            serial += 1
    return "".join(out)


def cache_dir() -> Path:
    """Return the folder for generated briefings ($BENCHMARKS_CACHE, or benchmarks/.cache)."""
    folder = Path(os.environ.get("BENCHMARKS_CACHE") or Path(__file__).parent / ".cache")
    folder.mkdir(parents=True, exist_ok=True)
    # The folder ignores itself: generated files of 20 and 100 MB are never committed.
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return folder


def cached_path(size: Size, *, seed: int = SEED) -> Path:
    """Return where the generated briefing of this size is kept."""
    return cache_dir() / f"synthetic-{size.name}-seed{seed}-v{GENERATOR_VERSION}.toml"


def ensure(size: Size, *, seed: int = SEED) -> Path:
    """Return the path of the generated briefing of this size, writing it if missing.

    A missing file is written by a child process. Generating the 50,000-claim briefing
    takes ~400 MB, and the runner must never hold that much, even once: it starts the
    programs it measures by vfork, and a child's peak RSS then starts from the runner's
    own high-water mark (a first run on a new checkout read 411 MB for every command at
    10,000 claims, the floor's included).
    """
    path = cached_path(size, seed=seed)
    if not path.exists() and size.name in SIZES:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.generate", size.name, "--seed", str(seed)],
            check=True,
            cwd=Path(__file__).parent.parent,
            stdout=subprocess.DEVNULL,
        )
    elif not path.exists():
        write_cached(size, seed=seed)
    return path


def write_cached(size: Size, *, seed: int = SEED) -> Path:
    """Generate the briefing of this size into the cache, in this process."""
    path = cached_path(size, seed=seed)
    text = generate(size.sections, size.claims, seed=seed, label=size.name)
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Write a briefing (a named size into the cache, or N × M to a file); return 0."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("size", help=f"one of {', '.join(SIZES)}, or a number of sections")
    parser.add_argument("claims", nargs="?", type=int, help="claims per section (with N)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-o", "--output", help="write here instead of the cache")
    options = parser.parse_args(argv)
    if options.size in SIZES and options.claims is None:
        size = SIZES[options.size]
    elif options.size.isdigit() and options.claims is not None:
        size = Size(f"{options.size}x{options.claims}", int(options.size), options.claims)
    else:
        parser.error("give a named size, or a number of sections and of claims")
    if options.output:
        text = generate(size.sections, size.claims, seed=options.seed, label=size.name)
        Path(options.output).write_text(text, encoding="utf-8")
        print(options.output)
    else:
        path = cached_path(size, seed=options.seed)
        print(path if path.exists() else write_cached(size, seed=options.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())

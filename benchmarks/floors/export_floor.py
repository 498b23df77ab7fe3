"""The export floor: parse with tomli, validate into minimal models, print one section.

This is the honest lower bound of `briefing check` and `briefing export --section`:
the same parser, the same validation library and the same garbage-collector trick as
the loader, with none of the loader's rules, locations or formatting.

    python benchmarks/floors/export_floor.py FILE SECTION_ID
"""

from __future__ import annotations

import datetime
import gc
import sys

import tomli
from pydantic import BaseModel

Date = datetime.date | str


class Source(BaseModel):
    id: str
    title: str
    publisher: str | None = None
    kind: str | None = None
    date: Date | None = None
    url: str | None = None


class Evidence(BaseModel):
    text: str
    source: str | None = None
    quote: str | None = None


class Caveat(BaseModel):
    text: str
    source: str | None = None


class Denial(BaseModel):
    by: str
    text: str
    date: Date | None = None
    source: str | None = None


class Claim(BaseModel):
    id: str
    text: str
    claimant: str
    stated: Date | None = None
    confidence: str | None = None
    see_also: list[str] = []
    evidence: list[Evidence] = []
    caveats: list[Caveat] = []
    denials: list[Denial] = []


class Section(BaseModel):
    id: str
    title: str
    summary: str | None = None
    claims: list[Claim] = []


class Info(BaseModel):
    title: str
    subtitle: str | None = None
    summary: str | None = None
    published: Date | None = None
    authors: list[str] = []
    publisher: str | None = None
    url: str | None = None
    tags: list[str] = []


class Briefing(BaseModel):
    format: int
    briefing: Info
    sources: list[Source] = []
    sections: list[Section]


def section_text(section: Section) -> str:
    """Return one section as plain lines: title, summary, then each claim with its parts."""
    lines = [section.title, section.summary or ""]
    for claim in section.claims:
        lines.append(f"{claim.claimant}: {claim.text}")
        lines.extend(f"  evidence: {e.text} [{e.source}]" for e in claim.evidence)
        lines.extend(f"  caveat: {c.text} [{c.source}]" for c in claim.caveats)
        lines.extend(f"  denied by {d.by}: {d.text}" for d in claim.denials)
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse, validate and print the section named on the command line; return 0."""
    path, section_id = sys.argv[1], sys.argv[2]
    with open(path, "rb") as file:
        text = file.read().decode("utf-8")
    gc.disable()
    data = tomli.loads(text)
    briefing = Briefing.model_validate(data)
    gc.enable()
    section = next(s for s in briefing.sections if s.id == section_id)
    sys.stdout.write(section_text(section))
    return 0


if __name__ == "__main__":
    sys.exit(main())

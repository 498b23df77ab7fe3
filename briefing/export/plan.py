"""What an export covers and how it numbers things, shared by every format.

Claims are numbered across the whole briefing in reading order and sections by
their position, so "claim 7" means the same claim in a one-section export and in a
full one. Sources are numbered by their position in the file's `[[sources]]`
list and cited as `[S3]`; each section ends with the sources it cites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from briefing.document.model import Briefing, Section, Source

PREVIEW_COLUMNS = 60


class UnknownSectionError(KeyError):
    """Some requested section ids are not in the briefing."""

    def __init__(self, unknown: Sequence[str], valid_ids: Sequence[str]) -> None:
        super().__init__(tuple(unknown))
        self.unknown = tuple(unknown)
        self.valid_ids = tuple(valid_ids)

    def __str__(self) -> str:
        # KeyError's own str() is the repr of its key; a person reads this one.
        names = ", ".join(repr(name) for name in self.unknown)
        noun = "section" if len(self.unknown) == 1 else "sections"
        return f"unknown {noun} {names}; valid sections: {', '.join(self.valid_ids)}"


@dataclass(frozen=True)
class ExportPlan:
    """The sections to export, in reading order, and the numbers every format shows."""

    briefing: Briefing
    sections: tuple[Section, ...]
    whole: bool
    claim_numbers: dict[str, int] = field(default_factory=dict)
    section_numbers: dict[str, int] = field(default_factory=dict)
    source_numbers: dict[str, int] = field(default_factory=dict)

    def source_ref(self, source_id: str | None) -> str:
        """Return the short reference for a cited source, `[S3]`, or "" when none is cited."""
        if source_id is None or source_id not in self.source_numbers:
            return ""
        return f"[S{self.source_numbers[source_id]}]"

    def cited_sources(self, section: Section) -> list[Source]:
        """Return the sources cited in `section`, each once, in source-number order."""
        cited: set[str | None] = set()
        for claim in section.claims:
            cited.update(part.source for part in claim.evidence)
            cited.update(part.source for part in claim.caveats)
            cited.update(part.source for part in claim.denials)
        return [source for source in self.briefing.sources if source.id in cited]

    def uncited_sources(self) -> list[Source]:
        """Return the sources no claim in the briefing cites, in file order."""
        cited = {
            source.id
            for section in self.briefing.sections
            for source in self.cited_sources(section)
        }
        return [source for source in self.briefing.sources if source.id not in cited]

    @cached_property
    def exported_section_ids(self) -> frozenset[str]:
        """Return the ids of the sections this export covers."""
        return frozenset(section.id for section in self.sections)


def plan_export(briefing: Briefing, section_ids: Sequence[str] | None) -> ExportPlan:
    """Return the plan for exporting `section_ids` (None or empty: all).

    Sections come in reading order whatever order they were asked for, once each.
    Raises UnknownSectionError when any id is not a section of `briefing`.
    """
    valid = [section.id for section in briefing.sections]
    if not section_ids:
        chosen = briefing.sections
    else:
        wanted = list(dict.fromkeys(section_ids))
        unknown = [section_id for section_id in wanted if section_id not in valid]
        if unknown:
            raise UnknownSectionError(unknown, valid)
        chosen = tuple(section for section in briefing.sections if section.id in wanted)
    claim_numbers = {claim.id: n for n, claim in enumerate(briefing.claims(), start=1)}
    section_numbers = {section.id: n for n, section in enumerate(briefing.sections, start=1)}
    source_numbers = {source.id: n for n, source in enumerate(briefing.sources, start=1)}
    return ExportPlan(
        briefing=briefing,
        sections=tuple(chosen),
        whole=not section_ids,
        claim_numbers=claim_numbers,
        section_numbers=section_numbers,
        source_numbers=source_numbers,
    )


def preview(text: str, columns: int = PREVIEW_COLUMNS) -> str:
    """Return the first words of `text` on one line, at most `columns` wide, `…` if cut."""
    # Imported here: the reader imports this package (for the claim walk) before its
    # first frame, which needs no display widths, and `wrap` brings wcwidth (~10 ms).
    from briefing.export.wrap import shorten

    return shorten(text, columns)

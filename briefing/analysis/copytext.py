"""One claim as plain text for the clipboard: the claim, who makes it, and its parts.

Every briefing string is made visible first (control and bidi characters become
escapes), as in every export: pasted text must not act on the terminal it lands in.
"""

from __future__ import annotations

from briefing.export.strings import one_line, paragraphs
from briefing.model import Briefing, Claim, date_text


def _body(text: str) -> str:
    return "\n".join(paragraphs(text))


def _indented(text: str, indent: str = "  ") -> str:
    return text.replace("\n", "\n" + indent)


def claim_text(briefing: Briefing, claim: Claim) -> str:
    """Return `claim` with its claimant, evidence, caveats and denials as plain text."""

    def cited(source_id: str | None) -> str:
        source = briefing.source(source_id)
        return f" [source: {one_line(source.title)}]" if source is not None else ""

    lines = [_body(claim.text), "", f"Claimant: {one_line(claim.claimant)}"]
    if claim.stated is not None:
        lines.append(f"Stated: {date_text(claim.stated)}")
    if claim.confidence is not None:
        lines.append(f"Confidence: {claim.confidence}")
    section = briefing.section_of(claim.id)
    if section is not None:
        lines.append(f"Section: {one_line(section.title)}")
    lines.append(f"Claim id: {claim.id}")
    lines += ["", "Evidence:" if claim.evidence else "Evidence: none"]
    for evidence in claim.evidence:
        lines.append("- " + _indented(_body(evidence.text) + cited(evidence.source)))
        if evidence.quote:
            lines.append("  Quote: “" + _indented(_body(evidence.quote)) + "”")
    lines += ["", "Caveats:" if claim.caveats else "Caveats: none"]
    for caveat in claim.caveats:
        lines.append("- " + _indented(_body(caveat.text) + cited(caveat.source)))
    lines += ["", "Denials:" if claim.denials else "Denials: none"]
    for denial in claim.denials:
        who = one_line(denial.by)
        if denial.date is not None:
            who += f" ({date_text(denial.date)})"
        lines.append(f"- {who}: " + _indented(_body(denial.text) + cited(denial.source)))
    return "\n".join(lines) + "\n"

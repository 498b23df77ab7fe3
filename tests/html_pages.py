"""Reading an HTML export back as a browser parses it: elements, attributes, ids, links, text.

Shared by the HTML export's tests and its browser test. `HOSTILE_V2` is a format 2
briefing whose every version 2 string (bottom line, changes, parties, relation notes,
assumptions, indicators, gaps) is hostile, beside the version 1 hostile fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from briefing.document.model import Briefing

# Every element and attribute the HTML export writes, and nothing else: a briefing
# string that became markup would add to these.
TEMPLATE: dict[str, frozenset[str]] = {
    "html": frozenset({"lang"}),
    "head": frozenset(),
    "meta": frozenset({"charset", "http-equiv", "content", "name"}),
    "link": frozenset({"rel", "href"}),
    "title": frozenset(),
    "style": frozenset(),
    "body": frozenset(),
    "header": frozenset(),
    "nav": frozenset({"class", "id", "aria-label"}),
    "main": frozenset(),
    "section": frozenset({"class", "id"}),
    "article": frozenset({"class", "id"}),
    "aside": frozenset({"class"}),
    "h1": frozenset(),
    "h2": frozenset(),
    "h3": frozenset(),
    "h4": frozenset(),
    "p": frozenset({"class"}),
    "div": frozenset({"class"}),
    "dl": frozenset({"class"}),
    "dt": frozenset(),
    "dd": frozenset(),
    "ul": frozenset({"class"}),
    "ol": frozenset(),
    "li": frozenset({"id"}),
    "a": frozenset({"href", "class", "rel"}),
    "span": frozenset({"class"}),
    "strong": frozenset(),
    "br": frozenset(),
    "blockquote": frozenset(),
    "time": frozenset(),
}
VOID = frozenset({"meta", "link", "br"})
# The values the export gives those attributes that are not the author's (ids, links).
_GROUPS = "evidence caveats denials relations assumptions indicators gaps see-also"
_OWN = "badge badges bottom-line claim contents detail fields note outside parties ref relation"
_MORE = "section sources subtitle summary text"
CLASSES = frozenset(
    {*_OWN.split(), *_MORE.split(), "badge denied", "claim denied"}
    | {f"group {kind}" for kind in _GROUPS.split()}
)
FIXED = {
    "lang": {"en"},
    "rel": {"icon", "noopener noreferrer"},
    "aria-label": {"Contents"},
    "charset": {"utf-8"},
    "http-equiv": {"Content-Security-Policy"},
    "name": {"referrer", "viewport", "color-scheme"},
}
ID = re.compile(
    r"(section|claim|party)-[a-z0-9][a-z0-9-]*|source-[0-9]+(-in-[a-z0-9][a-z0-9-]*)?"
    r"|contents|bottom-line|changes|sources-not-cited|parties"
)

# Strings of a format 2 briefing that are the program's words or ids, not the author's text.
NOT_TEXT = frozenset(
    {"id", "claim", "source", "see_also", "part_of", "type", "likelihood", "effect", "format"}
)


@dataclass
class Page:
    """What a parsed export holds."""

    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    hrefs: list[tuple[str, str]] = field(default_factory=list)
    """(element, href) for each link."""
    unclosed: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        """The text a reader sees, run together (a `<br>` splits it, nothing joins it)."""
        return "".join(self.text)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._open: list[str] = []
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.page.elements.append((tag, found))
        if "id" in found and found["id"] is not None:
            self.page.ids.append(found["id"])
        if "href" in found:
            self.page.hrefs.append((tag, found["href"] or ""))
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.page.mismatched.append(tag)
            return
        self._open.pop()

    def handle_data(self, data: str) -> None:
        # What the head holds (the title aside) is not the page's text.
        if not set(self._open) & {"style", "head"} or "title" in self._open:
            self.page.text.append(data)


def read_page(html: str) -> Page:
    """Parse an export; return its elements, ids, links and text."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.page.unclosed = list(reader._open)
    return reader.page


def briefing_strings(briefing: Briefing) -> list[str]:
    """Return every string the author wrote that an export shows as text.

    Ids, fixed words and references are left out; in a briefing with parties the
    claimants and deniers are ids too, and the parties' names stand for them.
    """
    has_parties = bool(briefing.parties)

    def walk(value: Any, key: str | None) -> list[str]:
        if key in NOT_TEXT or (has_parties and key in ("claimant", "by")):
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for k, v in value.items() for s in walk(v, k)]
        if isinstance(value, list | tuple):
            return [s for v in value for s in walk(v, key)]
        return []

    found = walk(briefing.model_dump(), None)
    if has_parties:
        found = [s for s in found if s not in {p.kind for p in briefing.parties}]
    return found


HOSTILE_V2 = """\
format = 2

[briefing]
title       = "V2 <script>alert(1)</script> title"
bottom_line = \
  "Bottom <img src=x onerror=alert(1)> line \\u001b]52;c;aGVsbG8=\\u0007 \\u202eevil\\u202c"
revised     = 2025-05-10
url         = "https://example.org/b?x=\\"><script>alert(2)</script>"

[[changes]]
date = 2025-05-10
text = "Change <a href=\\"javascript:alert(3)\\">click</a> &amp; done"

[[changes]]
date = "2025"
text = "Older change\\nwith a second line </li></ul><script>alert(4)</script>"

[[parties]]
id      = "evil"
name    = "Party <b onclick=alert(5)>bold</b> \\u202eevil\\u202c"
kind    = "government"
aliases = ["Alias \\" onmouseover=\\"alert(6)", "<style>body{display:none}</style>"]

[[parties]]
id      = "child"
name    = "Child ' onfocus='alert(7)"
part_of = "evil"

[[sources]]
id          = "src"
title       = "Source <iframe src=https://evil.example></iframe>"
url         = "https://example.org/s?<script>"
reliability = "B"

[[sections]]
id      = "only"
title   = "Section </h2><h1>big</h1>"
summary = "Summary <!-- comment --> and <![CDATA[ x ]]> and &lt;"

  [[sections.claims]]
  id         = "first"
  text       = "First claim <a href=\\"https://evil.example\\">link</a>"
  claimant   = "evil"
  likelihood = "likely"
  gaps       = ["Gap <link rel=stylesheet href=https://evil.example/s.css>"]

    [[sections.claims.evidence]]
    text        = "Evidence <svg onload=alert(8)>"
    source      = "src"
    credibility = 2
    quote       = "Quote </blockquote><script>x</script>"

    [[sections.claims.denials]]
    by     = "child"
    text   = "Denial <meta http-equiv=refresh content=0;url=https://evil.example>"
    source = "src"

    [[sections.claims.relations]]
    type  = "contradicts"
    claim = "second"
    note  = "Note <form action=https://evil.example><input></form>"

    [[sections.claims.assumptions]]
    text     = "Assumption <object data=x>"
    if_wrong = "If wrong <embed src=x>"

    [[sections.claims.indicators]]
    text   = "Indicator <base href=https://evil.example/>"
    effect = "weakens"

  [[sections.claims]]
  id       = "second"
  text     = "Second claim \\u001b[31mred\\u001b[0m [link=file:///etc/passwd]x[/link]"
  claimant = "child"
  evidence = [{ text = "Evidence two", source = "src" }]
  see_also = ["first"]
"""

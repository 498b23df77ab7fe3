"""The Markdown export: the same content, with no string turned into markup."""

from __future__ import annotations

import re

import pytest

from briefing.document.model import Briefing
from briefing.export import render
from briefing.export.markdown import escape


def test_markdown_escapes_every_syntax_character() -> None:
    assert escape("*a* _b_ `c` [d](e) <f> #g +h -i .j !k |l ~m &n; =o {p} \\q @r") == (
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\<f\\> \\#g \\+h \\-i \\.j \\!k \\|l \\~m "
        "\\&n; \\=o \\{p\\} \\\\q \\@r"
    )
    assert escape("see http://x and a:b") == "see http\\://x and a:b"


def test_markdown_keeps_hostile_strings_literal(features: Briefing) -> None:
    md = render(features, None, "markdown")
    assert "## Section 3: \\# Not a heading \\[bold\\]x\\[/\\]\n" in md
    assert "\\[a\\]\\(http\\://x\\)" in md
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md
    assert "\\&amp;" in md and "\\&\\#60;" in md
    assert "\\\\x1b\\[31mred\\\\x1b\\[0m" in md  # the visible escape, its backslash escaped
    # Lines inside a string that look like block syntax stay text in the paragraph.
    assert "  \\# Not a heading\\\n  \\- not a list\\\n  not code\\\n  \\-\\-\\-\\\n" in md
    assert "\\# heading inside a paragraph\\\n1\\. not a list item\\\n" in md


def test_markdown_lines_start_only_with_our_own_syntax(features: Briefing) -> None:
    md = render(features, None, "markdown")
    own = re.compile(
        r"(## Section \d+: |### Claim \d+$|#### Sources cited in this section$"
        r"|## Sources not cited by any claim$|- |  |\*\*[A-Z][a-z ]+\*\*$|$)"
    )
    first, *rest = md.splitlines()
    assert first.startswith("# Features")
    for line in rest:
        if not own.match(line):
            assert re.match(r"[\w\\“]", line), line
        # After our own prefix, the first character is a letter or an escape.
        body = re.sub(r"^(#+ |- |  )(\*\*[A-Z][A-Za-z ]+:\*\* )?", "", line)
        if re.fullmatch(r"<https?://[^\s<>]+>|\*\*[A-Z][a-z ]+\*\*|", body):
            continue  # a URL field's autolink, our own label or a blank line
        assert not re.match(r"[#>=+*`~|<\[-]|\d+[.)]|\s", body), line


def test_markdown_parses_to_no_markup_the_strings_did_not_ask_for(features: Briefing) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = render(features, None, "markdown")
    # Title, sections, claims, 3 sections' source lists and the uncited sources.
    headings = 1 + len(features.sections) + len(features.claims()) + 3 + 1
    for preset in ("commonmark", "gfm-like"):  # gfm-like: tables, strikethrough, linkify
        tokens = markdown_it.MarkdownIt(preset).parse(md)
        kinds: dict[str, int] = {}
        links: list[str] = []
        stack = list(tokens)
        while stack:
            token = stack.pop()
            kinds[token.type] = kinds.get(token.type, 0) + 1
            if token.type == "link_open":
                links.append(str(token.attrs["href"]))
            stack.extend(token.children or [])
        forbidden = {
            "em_open", "s_open", "code_inline", "code_block", "fence", "html_inline",
            "html_block", "blockquote_open", "ordered_list_open", "hr", "table_open", "image",
        }  # fmt: skip
        assert forbidden.isdisjoint(kinds), (preset, kinds)
        assert kinds["heading_open"] == headings
        urls = [features.briefing.url] + [s.url for s in features.sources]
        # Only the URL fields that are safe as written are links; nothing from text.
        assert sorted(links) == sorted(u for u in urls if u is not None and "&amp;" not in u), (
            preset
        )


def test_markdown_url_fields_are_autolinks_or_escaped_text(features: Briefing) -> None:
    md = render(features, None, "markdown")
    assert "- **URL:** <https://example.org/briefings/features?a=1&b=2>\n" in md
    assert "  https\\://example\\.org/q?x\\=\\&amp;y\n" in md

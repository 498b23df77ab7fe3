"""Wrapping plain text to a width in terminal columns, with hanging indents.

Widths are display widths, from wcwidth's tables of the latest Unicode version (not the
Unicode of the running Python): East Asian wide and fullwidth characters (CJK, most
emoji) take two columns, combining marks and zero-width characters none, and an emoji
sequence joined by zero-width joiners one emoji's two. Words longer than a line are
broken between user-perceived characters (grapheme clusters), never inside one, and
never dropped.
"""

from __future__ import annotations

import re

from wcwidth import iter_graphemes, wcswidth, wcwidth

# Runs of spaces and tabs separate words; other spaces (no-break, ideographic) are
# part of a word, as their authors meant them to be.
_BLANKS = re.compile(r"[ \t]+")
# A line keeps at least this many columns for text after its indent: a deeper
# indent is cut back rather than leaving a column or two per line.
MIN_TEXT_COLUMNS = 8


def char_width(char: str) -> int:
    """Return the number of terminal columns one character takes: 0, 1 or 2."""
    # wcwidth says -1 for a control character; briefing text is made visible before it
    # is measured (control characters become escapes), so one here counts as nothing.
    return max(wcwidth(char), 0)


def display_width(text: str) -> int:
    """Return the number of terminal columns `text` takes on one line."""
    # Most briefing text is printable ASCII, one column a character: skip the lookups.
    if text.isascii() and text.isprintable():
        return len(text)
    width = wcswidth(text)
    if width < 0:  # a control character somewhere: measure around it
        return sum(max(wcswidth(cluster), 0) for cluster in iter_graphemes(text))
    return width


def break_word(word: str, columns: int) -> list[str]:
    """Return `word` cut into pieces of at most `columns` columns (each at least one character).

    A piece ends only between grapheme clusters: a combining accent stays with its
    letter, and a flag or an emoji sequence is never split across lines.
    """
    pieces: list[str] = []
    current = ""
    used = 0
    for cluster in iter_graphemes(word):
        width = display_width(cluster)
        if current and width and used + width > columns:
            pieces.append(current)
            current, used = "", 0
        current += cluster
        used += width
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Return `text` as lines of at most `width` columns, `first` before the first, `rest` after.

    Newlines in `text` start new lines; an empty line stays empty (a paragraph
    break inside an item). Runs of spaces and tabs become one space. A `width`
    of 0 means no wrapping: each line of `text` becomes one output line.
    Lines never end in spaces.
    """
    if rest is None:
        rest = " " * display_width(first)
    if width > 0 and display_width(rest) > width - MIN_TEXT_COLUMNS:
        rest = " " * max(width - MIN_TEXT_COLUMNS, 0)
    lines: list[str] = []
    prefix = first
    if width > 0 and display_width(first) > width - MIN_TEXT_COLUMNS:
        # A label too wide for its value at this width: the value starts below it.
        lines.append(first.rstrip(" "))
        prefix = rest
    for source_line in text.split("\n"):
        words = [word for word in _BLANKS.split(source_line) if word]
        if not words:
            lines.append(prefix.rstrip(" "))
        elif width <= 0:
            lines.append(prefix + " ".join(words))
        else:
            lines.extend(_fill(words, width, prefix, rest))
        prefix = rest
    return lines


def _fill(words: list[str], width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    line = first
    used = display_width(first)
    empty = True  # nothing but the indent on `line` yet
    for word in words:
        word_width = display_width(word)
        if not empty and used + 1 + word_width <= width:
            line += " " + word
            used += 1 + word_width
            continue
        if not empty:
            lines.append(line)
            line, used = rest, display_width(rest)
        room = width - used
        if word_width <= room:
            line += word
            used += word_width
            empty = False
            continue
        # Longer than a whole line: full lines of it, the tail stays open for more words.
        head, *tail = break_word(word, room)
        line += head
        if tail:
            lines.append(line)
            pieces = break_word("".join(tail), width - display_width(rest))
            lines.extend(rest + piece for piece in pieces[:-1])
            line = rest + pieces[-1]
        used = display_width(line)
        empty = False
    lines.append(line.rstrip(" "))
    return lines


def shorten(text: str, columns: int) -> str:
    """Return `text` on one line, at most `columns` wide, cut after a whole word with `…`.

    Runs of white space become one space. A first word wider than the line is cut
    inside, so something of the text is always shown. The one way any text is
    shortened to fit: export previews, the reader's palette, search and views.
    """
    words = text.split()
    flat = " ".join(words)
    if display_width(flat) <= columns:
        return flat
    room = columns - 1  # for the "…"
    out, used = "", 0
    for word in words:
        needed = display_width(word) + (1 if out else 0)
        if used + needed > room:
            break
        out = f"{out} {word}" if out else word
        used += needed
    return (out or break_word(words[0], room)[0]) + "…"

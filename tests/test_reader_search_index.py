"""The search index finds exactly what a plain per-string search finds, in reading order."""

from __future__ import annotations

import threading
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.document.model import Briefing
from briefing.query import search
from briefing.query.search import Entry, LazyIndex, SearchIndex, is_case_sensitive

# Letters in both cases, Latin-1 and wider characters (stored apart from the rest),
# and the character that stands in for the wider ones in the narrow copy.
LETTERS = "abAB é’漢\x1a"
texts = st.lists(st.text(alphabet=LETTERS + "\n", max_size=12), min_size=1, max_size=12)
queries = st.text(alphabet=LETTERS, min_size=1, max_size=3)


def index_of(strings: list[str]) -> SearchIndex:
    index = SearchIndex.__new__(SearchIndex)
    # Built as the reader builds it, from entries standing anywhere in a briefing.
    entries = [Entry("s", None, "claim", None, text) for text in strings]
    SearchIndex._build(index, entries)
    return index


def plain_search(strings: list[str], query: str) -> list[tuple[str, int, int]]:
    """Return (text, start, end) of the first hit in each string, searched one by one."""
    expected = []
    for text in strings:
        haystack, needle = (
            (text, query) if is_case_sensitive(query) else (text.lower(), query.lower())
        )
        start = haystack.find(needle)
        if start >= 0:
            expected.append((text, start, start + len(needle)))
    return expected


@given(texts, queries)
def test_the_joined_index_agrees_with_a_plain_search(strings: list[str], query: str) -> None:
    found = [(m.entry.text, m.start, m.end) for m in index_of(strings).search(query)]
    assert found == plain_search(strings, query)


def test_a_match_never_spans_two_strings() -> None:
    assert index_of(["ab", "cd"]).search("bc") == []
    assert [m.entry.text for m in index_of(["xab", "cd", "ab"]).search("ab")] == ["xab", "ab"]


@given(texts, queries, st.integers(min_value=-40, max_value=40))
def test_matches_made_on_demand_are_those_a_plain_search_finds(
    strings: list[str], query: str, position: int
) -> None:
    # Joined three strings at a time, and only the first hit's place kept while
    # counting: the others are found again when asked for.
    with patch.object(search, "_CHUNK", 3), patch.object(search, "_KEEP", 1):
        found = index_of(strings).find(query)
        expected = plain_search(strings, query)
        assert len(found) == len(expected)
        if -len(expected) <= position < len(expected):
            match = found[position]
            assert (match.entry.text, match.start, match.end) == expected[position]
        else:
            with pytest.raises(IndexError):
                found[position]
        assert [(m.entry.text, m.start, m.end) for m in found[1:4]] == expected[1:4]
        assert [(m.entry.text, m.start, m.end) for m in found] == expected


def test_a_common_word_is_counted_exactly_across_many_joined_strings() -> None:
    # Seven thousand entries span several joined strings; two in three hold the word
    # twice (counted once), the others not at all; the last holds it in capitals.
    strings = ["Launchers and launchers" if n % 3 else "nothing here" for n in range(7000)]
    strings.append("the last LAUNCHERS")
    index = index_of(strings)
    found = index.find("launchers")
    assert len(found) == 4667 == sum(1 for text in strings if "launchers" in text.lower())
    assert (found[0].entry.text, found[0].start) == ("Launchers and launchers", 0)
    assert (found[-1].entry.text, found[-1].start, found[-1].end) == ("the last LAUNCHERS", 9, 18)
    # Matches far down (where only a count was kept at first) are the right ones.
    plain = [(n, text.lower().find("launchers")) for n, text in enumerate(strings)]
    expected = [(n, start) for n, start in plain if start >= 0]
    number = {id(entry): n for n, entry in enumerate(index.entries)}
    got = [(number[id(m.entry)], m.start) for m in (found[3000], found[-2], found[1])]
    assert got == [expected[3000], expected[-2], expected[1]]
    assert len(index.find("")) == 0


def _bundled_briefing() -> Briefing:
    from briefing.document.bundled import bundled_briefings
    from briefing.document.loader import load_file

    loaded = load_file(bundled_briefings()[0]).briefing
    assert loaded is not None
    return loaded


def test_a_background_build_gives_way_while_the_reader_is_busy_until_a_search_needs_it() -> None:
    briefing = _bundled_briefing()
    index = LazyIndex(briefing)
    asked = threading.Event()

    def busy() -> bool:
        asked.set()
        return True

    builder = threading.Thread(target=index.build_in_background, args=(busy,), daemon=True)
    builder.start()
    assert asked.wait(5)
    builder.join(0.3)
    assert builder.is_alive()  # still giving way: the reader is busy
    # A search does not wait for the reader to be idle: the build finishes at once.
    found = index.get().search("beijing")
    builder.join(5)
    assert not builder.is_alive()
    assert [m.entry for m in found] == [m.entry for m in SearchIndex(briefing).search("beijing")]


def test_a_background_build_when_the_reader_is_idle_is_the_same_index() -> None:
    briefing = _bundled_briefing()
    index = LazyIndex(briefing)
    index.build_in_background(lambda: False)
    built = index.get()
    assert built is index.get()
    assert [e.text for e in built.entries] == [e.text for e in SearchIndex(briefing).entries]


def test_an_abandoned_background_build_stops_and_leaves_the_index_to_be_built() -> None:
    briefing = _bundled_briefing()
    index = LazyIndex(briefing)
    reloaded = threading.Event()
    builder_result: list[bool] = []

    def build() -> None:
        builder_result.append(index.build_in_background(lambda: True, reloaded.is_set))

    builder = threading.Thread(target=build, daemon=True)
    builder.start()
    builder.join(0.2)
    assert builder.is_alive()
    reloaded.set()  # the briefing was reloaded: nobody will search this index
    builder.join(5)
    assert builder_result == [False]
    assert index.get().search("beijing")  # still built, on demand

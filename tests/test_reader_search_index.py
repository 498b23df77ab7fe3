"""The search index finds exactly what a plain per-string search finds, in reading order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.reader.search import Entry, SearchIndex, is_case_sensitive

texts = st.lists(st.text(alphabet="abAB \n", max_size=12), min_size=1, max_size=12)
queries = st.text(alphabet="abAB ", min_size=1, max_size=3)


def index_of(strings: list[str]) -> SearchIndex:
    index = SearchIndex.__new__(SearchIndex)
    # Built as the reader builds it, from entries standing anywhere in a briefing.
    entries = [Entry("s", None, "claim", None, text) for text in strings]
    SearchIndex._build(index, entries)
    return index


@given(texts, queries)
def test_the_joined_index_agrees_with_a_plain_search(strings: list[str], query: str) -> None:
    found = [(m.entry.text, m.start, m.end) for m in index_of(strings).search(query)]
    expected = []
    for text in strings:
        haystack, needle = (
            (text, query) if is_case_sensitive(query) else (text.lower(), query.lower())
        )
        start = haystack.find(needle)
        if start >= 0:
            expected.append((text, start, start + len(needle)))
    assert found == expected


def test_a_match_never_spans_two_strings() -> None:
    assert index_of(["ab", "cd"]).search("bc") == []
    assert [m.entry.text for m in index_of(["xab", "cd", "ab"]).search("ab")] == ["xab", "ab"]

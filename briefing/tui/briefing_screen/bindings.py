"""The briefing screen's keys, in the order the footer shows them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The analyst views and tools: s, w, t, T, a, A, y, o (their actions: analyst.py).
ANALYST_BINDINGS: list[Binding] = [
    Binding("s", "sources", "Sources: what cites each source", show=False, id="sources"),
    Binding("w", "who_says_what", "Who says what: parties", show=False, id="who_says_what"),
    Binding("t", "timeline", "Timeline of claims and denials", show=False, id="timeline"),
    Binding("T,shift+t", "claims_table", "Claims table", show=False, id="claims_table"),
    Binding("a", "argument_map", "Argument map of the claim", show=False, id="argument_map"),
    Binding(
        "A,shift+a",
        "assessment",
        "Assessment: bottom line, judgements, scrutiny",
        show=False,
        id="assessment",
    ),
    Binding("y", "copy_claim", "Copy the claim as text", show=False, id="copy_claim"),
    Binding(
        "o",
        "open_in_editor",
        "Edit the file at this claim ($EDITOR)",
        show=False,
        id="open_in_editor",
    ),
]

BRIEFING_BINDINGS: list[BindingType] = [
    # The footer shows these in this order: the most needed first, for narrow terminals.
    Binding("question_mark", "app.help", "Help", id="help"),
    Binding("slash", "search", "Search", id="search"),
    Binding("f", "filter", "Filter", id="filter"),
    Binding("escape", "back_out", "Back", key_display="esc", id="back"),
    Binding("q", "app.quit", "Quit", id="quit"),
    Binding("x", "export", "Export", id="export"),
    Binding("r", "reload", "Reload", id="reload"),
    Binding("n", "next_match", "Next match", show=False, id="next_match"),
    Binding("N,shift+n", "previous_match", "Previous match", show=False, id="previous_match"),
    Binding("right_square_bracket", "step_claim(1)", "Next claim", show=False, id="next_claim"),
    Binding(
        "left_square_bracket",
        "step_claim(-1)",
        "Previous claim",
        show=False,
        id="previous_claim",
    ),
    Binding("backspace,alt+left", "history_back", "Back in history", show=False, id="history_back"),
    Binding("alt+right", "history_forward", "Forward in history", show=False, id="history_forward"),
    Binding("tab,shift+tab", "next_pane", "Switch pane", show=False, id="next_pane"),
    Binding("e", "jump('evidence')", "Go to evidence", show=False, id="go_to_evidence"),
    Binding("c", "jump('caveats')", "Go to caveats", show=False, id="go_to_caveats"),
    Binding("d", "jump('denials')", "Go to denials", show=False, id="go_to_denials"),
    # The analyst views and tools: s, w, t, T, a, y, o.
    *ANALYST_BINDINGS,
]

# Actions that need a loaded briefing; the others (quit, help) work while loading.
NEEDS_BRIEFING = {
    "search", "filter", "export", "next_match", "previous_match", "step_claim",
    "history_back", "history_forward", "next_pane", "jump",
}  # fmt: skip

"""Upgrading a format 1 briefing to format 2: parties made from the claimant and `by` names.

The file is edited with tomlkit, which keeps every comment, blank line, indent and
string style as the author wrote them. Only three things change: `format` becomes 2,
each `claimant` and `by` becomes the id of a party, and a `[[parties]]` block, one party
per distinct name, is added after `[briefing]` and before the first `[[sources]]` or
`[[sections]]` (above the comments that introduce that table, which stay with it).

Only identical names are merged into one party. Names that may mean the same party but
are written differently are reported for the author to merge by hand
(`party_names.similar_names`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Item, String, StringType, Table, Whitespace

from briefing.document.diagnostics import Diagnostic
from briefing.document.loader import load_text
from briefing.document.model import Briefing
from briefing.document.party_names import party_id, similar_names
from briefing.document.wording import plural

PARTIES_COMMENT = "# Who claims and who denies: each claimant and `by` below is one of these ids."


class UpgradeError(Exception):
    """The text could not be upgraded; `diagnostics` are its problems, when it has some."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)


@dataclass(frozen=True, slots=True)
class MadeParty:
    """A party made from one claimant or `by` name, and how many times it is named."""

    id: str
    name: str
    claims: int
    denials: int

    def summary(self) -> str:
        """Return what was merged into it: `2 claims, 1 denial`."""
        counts = []
        if self.claims:
            counts.append(plural(self.claims, "claim"))
        if self.denials:
            counts.append(plural(self.denials, "denial"))
        return ", ".join(counts)


@dataclass(frozen=True, slots=True)
class Upgraded:
    """The upgraded text, the parties it gained, and pairs the author may want to merge."""

    text: str
    parties: tuple[MadeParty, ...]
    similar: tuple[tuple[MadeParty, MadeParty], ...]
    # False when some tables had to be put in another order (the data is the same).
    layout_kept: bool = True


def upgrade_text(text: str, name: str = "<briefing>") -> Upgraded:
    """Return `text`, a format 1 briefing, upgraded to format 2; `name` labels problems.

    The result is loaded again before it is returned, and must say all that `text` says,
    each party read as the name it replaced. Raises UpgradeError when `text` has errors
    (with them), is not format 1, or, which should never happen, the result differs.
    """
    before = load_text(text, name)
    if before.briefing is None:
        raise UpgradeError(f"{plural(len(before.errors), 'error')}", before.diagnostics)
    if before.briefing.format != 1:
        raise UpgradeError(f"already format {before.briefing.format}")
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as error:
        raise UpgradeError(f"not readable as TOML: {error}") from error
    # tomlkit writes back what it read, except for a few unusual layouts (an array of
    # tables split by another table is written in one piece): the author is told.
    layout_kept = tomlkit.dumps(doc) == text
    names = list(_names(doc))
    parties = _make_parties(names)
    ids = {party.name: party.id for party in parties}
    for table, key, item in names:
        table[key] = _same_style(item, ids[str(item)])
    doc["format"] = 2
    upgraded = tomlkit.dumps(doc)
    if parties:
        newline = "\r\n" if "\r\n" in text else "\n"
        upgraded = _insert_parties(doc, upgraded, _parties_block(parties, newline), newline)
    problems = upgrade_problems(before.briefing, upgraded, name)
    if problems:
        raise UpgradeError(
            "the upgraded briefing would not say the same (please report this): "
            + "; ".join(str(p) for p in problems[:3])
        )
    return Upgraded(upgraded, parties, tuple(similar_parties(parties)), layout_kept)


def upgrade_problems(before: Briefing, upgraded: str, name: str) -> list[str | Diagnostic]:
    """Return why `upgraded` is not `before` in format 2 with parties: none when it is.

    It must load without errors as format 2, and say what `before` says, every key and
    value alike, once each claimant and `by` is read as the name of the party it names.
    """
    after = load_text(upgraded, name)
    if after.briefing is None:
        return list(after.errors)
    problems: list[str | Diagnostic] = []
    if after.briefing.format != 2:
        problems.append(f"format is {after.briefing.format}, not 2")
    speakers = _speakers(after.briefing)
    for party in after.briefing.parties:
        if party.id not in speakers:
            problems.append(f"party {party.id!r} names no one")
    if _as_format_1(after.briefing) != before.model_dump():
        problems.append("the claims, or what they say, differ")
    return problems


def _speakers(briefing: Briefing) -> set[str]:
    claims = briefing.claims()
    return {c.claimant for c in claims} | {d.by for c in claims for d in c.denials}


def _as_format_1(briefing: Briefing) -> dict[str, Any]:
    # The briefing as format 1 had it: without parties, each claimant and `by` the name.
    data = briefing.model_dump()
    data["format"] = 1
    data["parties"] = ()
    for section in data["sections"]:
        for claim in section["claims"]:
            claim["claimant"] = briefing.party_name(claim["claimant"])
            for denial in claim["denials"]:
                denial["by"] = briefing.party_name(denial["by"])
    return data


def similar_parties(parties: Sequence[MadeParty]) -> list[tuple[MadeParty, MadeParty]]:
    """Return the pairs of `parties` whose names `similar_names` pairs."""
    by_name = {party.name: party for party in parties}
    return [(by_name[a], by_name[b]) for a, b in similar_names([p.name for p in parties])]


# --- finding the names --------------------------------------------------------------------

# (the table or inline table that holds it, its key, the string item)
_NameRef = tuple[Any, str, Item]


def _names(doc: tomlkit.TOMLDocument) -> Iterator[_NameRef]:
    # Every claimant and `by`, in file order: a claim's claimant before its denials. The
    # mapping interface reads the same whether a table is written as [[...]], inline or
    # dotted, so every form of the file is covered by this one walk.
    for section in _array(doc, "sections"):
        for claim in _array(section, "claims"):
            yield _string(claim, "claimant")
            for denial in _array(claim, "denials"):
                yield _string(denial, "by")


def _array(table: Any, key: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(hasattr(v, "get") for v in value):
        raise UpgradeError(f"'{key}' is not an array of tables")
    return value


def _string(table: Any, key: str) -> _NameRef:
    item = table.get(key) if hasattr(table, "item") else None
    if not isinstance(item, str):
        raise UpgradeError(f"'{key}' is missing or not a string")
    return table, key, table.item(key)


def _make_parties(names: Sequence[_NameRef]) -> tuple[MadeParty, ...]:
    claims: dict[str, int] = {}
    denials: dict[str, int] = {}
    for _, key, item in names:
        counts = claims if key == "claimant" else denials
        name = str(item)
        claims.setdefault(name, 0)
        denials.setdefault(name, 0)
        counts[name] += 1
    taken: set[str] = set()
    parties = []
    for name in claims:  # first use first
        made = party_id(name, taken)
        taken.add(made)
        parties.append(MadeParty(made, name, claims[name], denials[name]))
    return tuple(parties)


def _same_style(item: Item, value: str) -> Any:
    # An id needs no escapes and no second line: a literal string stays literal ('...'),
    # any other string becomes a plain basic one.
    if isinstance(item, String) and item.type in (StringType.SLL, StringType.MLL):
        return tomlkit.string(value, literal=True)
    return value


# --- placing [[parties]] ------------------------------------------------------------------


def _parties_block(parties: Sequence[MadeParty], newline: str) -> str:
    lines = [PARTIES_COMMENT]
    for index, party in enumerate(parties):
        if index:
            lines.append("")
        lines.append("[[parties]]")
        lines.append(f"id   = {tomlkit.string(party.id).as_string()}")
        lines.append(f"name = {tomlkit.string(party.name).as_string()}")
    return newline.join(lines) + newline


def _insert_parties(doc: tomlkit.TOMLDocument, text: str, block: str, newline: str) -> str:
    """Return `text` (the dump of `doc`) with `block` where an author would put it.

    That is before the first table of sources or sections, or else after [briefing], or
    else at the end. Comments that stand above that table after a blank line introduce
    it ("# Sources ---"), so the block goes above them; comments right under the last key
    of the table before belong to that key and stay where they are.
    """
    body = doc.body
    index = _first_table(body, ("sources", "sections"))
    if index is None:
        briefing = _first_table(body, ("briefing",))
        if briefing is not None and briefing + 1 < len(body):
            index = briefing + 1
    if index is None:
        return _append(text, block, newline)
    target = body[index][1]
    header = target.body[0] if isinstance(target, AoT) else target
    if not isinstance(header, Table):
        return _append(text, block, newline)
    # A mark in the indent before the table's header finds where the header stands in
    # the dumped text; the mark is unique, as the file does not hold it.
    mark = _unique_mark(text)
    header.trivia.indent = mark + header.trivia.indent
    marked = tomlkit.dumps(doc)
    header.trivia.indent = header.trivia.indent.removeprefix(mark)
    at = marked.index(mark)
    marked = marked[:at] + marked[at + len(mark) :]
    run = _trailing_run(_container_before(body, index))
    moved = _introduction(run)
    introduction = "".join(item.as_string() for item in moved)
    if introduction and marked[:at].endswith(introduction):
        at -= len(introduction)
    before = marked[:at]
    if before and not before.endswith(newline * 2):
        block = (newline if before.endswith(newline) else newline * 2) + block
    return before + block + newline + marked[at:]


def _first_table(body: Sequence[tuple[Any, Item]], keys: Sequence[str]) -> int | None:
    for index, (key, item) in enumerate(body):
        if key is not None and key.key in keys and isinstance(item, Table | AoT):
            return index
    return None


def _append(text: str, block: str, newline: str) -> str:
    if not text.endswith(newline):
        text += newline
    return text + newline + block


def _unique_mark(text: str) -> str:
    while True:
        mark = f"\x00briefing-upgrade-{secrets.token_hex(8)}\x00"
        if mark not in text:
            return mark


def _container_before(body: Sequence[tuple[Any, Item]], index: int) -> list[Item]:
    # The items rendered just before body[index]: the root's own items before it, or, when
    # a table comes before it, that table's last items (in its last sub-table, if any).
    items: list[Item] = []
    for _, item in body[:index]:
        items.append(item)
    while items and isinstance(items[-1], Table | AoT):
        last = items[-1]
        table = last.body[-1] if isinstance(last, AoT) and last.body else last
        if not isinstance(table, Table):
            break
        items = [item for _, item in table.value.body]
    return items


def _trailing_run(items: Sequence[Item]) -> list[Item]:
    run: list[Item] = []
    for item in reversed(items):
        if not isinstance(item, Comment | Whitespace):
            break
        run.append(item)
    run.reverse()
    return run


def _introduction(run: Sequence[Item]) -> list[Item]:
    # The comments after the first blank line of the run, with the lines between them;
    # nothing when no comment follows a blank line.
    for position, item in enumerate(run):
        if isinstance(item, Whitespace) and "\n" in item.as_string():
            rest = list(run[position + 1 :])
            return rest if any(isinstance(i, Comment) for i in rest) else []
    return []

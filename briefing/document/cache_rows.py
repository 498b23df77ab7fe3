"""A briefing's models as plain rows for the cache, and back, without validating again.

The rows are dicts of strings, integers and None, laid out generically from the model
classes' fields (see the comment below), so that `marshal` can store them and a reader
can check every value's type before use. Building the models back sets pydantic's
private instance slots directly (`PYDANTIC_SLOTS`), kept to this module;
tests/test_cache.py fails if pydantic changes them.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections import deque
from collections.abc import Iterator
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import Any

from briefing.document.model import Briefing

Model = Any
"""A pydantic model class of the briefing (typed loosely: the classes are walked generically)."""

# ---------------------------------------------------------------------------------------
# Models to plain rows and back, generically from the model classes' fields
#
# Every model in a briefing stands at a *slot*: its path of field names from the root
# (`sections.claims.evidence`). The instances at one slot are stored together: their
# field dicts (the instances' own `__dict__`, in `model_fields` order), a column saying
# which fields each had set, and, for each field that holds a tuple of strings, those
# strings end to end. Every value in a stored dict is a string, an integer or None:
#
# - a nested model field holds 1 (or None); a tuple of models holds its count, and the
#   models themselves are in their own slot, in their parents' order;
# - a tuple of strings holds its count, the strings being in the slot's own column;
# - a date holds its proleptic ordinal (a date field never holds another integer).
#
# marshal builds the dicts in C; the reader checks every value's type in one pass and
# puts the nested models, tuples and dates back in place, without validating again.

_PLAIN_VALUES = frozenset({str, int, type(None)})
_COMMON_LENGTH = 100
"""Strings up to this long are stored once however often they recur (ids, names)."""
_INTS = frozenset({int})
_INTS_OR_NONE = frozenset({int, type(None)})


class _Slot:
    """One place in the tree of models, and how each of its fields is stored."""

    def __init__(self, path: tuple[str, ...], model: Model) -> None:
        self.path = path
        self.model = model
        self.names = tuple(model.model_fields)
        self.kinds: dict[str, str] = {}
        self.plain: list[tuple[str, frozenset[type], frozenset[object] | None]] = []
        """Each plain field: the types its values may have, or the only values it may hold."""
        self.masks: dict[frozenset[str], int] = {}
        self.fields_sets: dict[int, set[str]] = {}

    @property
    def special(self) -> list[tuple[str, str]]:
        """Return the fields whose stored value is not the model's own: (name, kind)."""
        return [(name, kind) for name, kind in self.kinds.items() if kind != "plain"]

    def mask(self, fields_set: frozenset[str]) -> int:
        found = self.masks.get(fields_set)
        if found is None:
            found = sum(1 << bit for bit, name in enumerate(self.names) if name in fields_set)
            self.masks[fields_set] = found
        return found

    def fields_set(self, mask: int) -> set[str]:
        # One set shared by the instances that set the same fields: a frozen model never
        # changes its own.
        found = self.fields_sets.get(mask)
        if found is None:
            if mask < 0 or mask >> len(self.names):
                raise ValueError("a fields mask of another shape")
            found = {name for bit, name in enumerate(self.names) if mask >> bit & 1}
            self.fields_sets[mask] = found
        return found


class _Layout:
    """Every slot under the root model, parents before children."""

    def __init__(self, root: Model) -> None:
        self.slots: list[_Slot] = []
        self._plan((), root)

    def _plan(self, path: tuple[str, ...], model: Model) -> None:
        if len(path) > 16:
            raise TypeError("models nested too deeply (or recursive) to cache")
        slot = _Slot(path, model)
        self.slots.append(slot)
        for name, field in model.model_fields.items():
            kind, nested = _field_kind(field.annotation)
            slot.kinds[name] = kind
            if kind == "plain":
                slot.plain.append((name, *_plain_values(field.annotation)))
            if nested is not None:
                self._plan((*path, name), nested)

    def shape(self) -> tuple[Any, ...]:
        return tuple(
            (
                ".".join(slot.path),
                slot.model.__module__,
                slot.model.__qualname__,
                tuple(slot.kinds.items()),
            )
            for slot in self.slots
        )

    def encode(self, root: Any) -> tuple[Any, ...]:
        instances: dict[tuple[str, ...], list[Any]] = {(): [root]}
        seen: dict[str, str] = {}

        def common(text: str) -> str:
            return seen.setdefault(text, text) if len(text) <= _COMMON_LENGTH else text

        out = []
        for slot in self.slots:
            objects = instances.pop(slot.path)
            if set(map(type, objects)) - {slot.model}:
                raise TypeError(f"expected only {slot.model.__name__}")
            masks = tuple(map(slot.mask, map(frozenset, map(_fields_set_of, objects))))
            special = slot.special
            # Copies of the instances' dicts, each short string that recurs made one
            # object: marshal then writes it once and refers to it, so that reading the
            # entry builds fewer strings (a claimant, a source id, on every claim).
            rows = [
                {k: common(v) if type(v) is str else v for k, v in obj.__dict__.items()}
                for obj in objects
            ]
            strings: list[tuple[str, ...]] = []
            for name, kind in special:
                values = list(map(itemgetter(name), rows))
                if kind == "date":
                    stored = [_encode_date(value) for value in values]
                elif kind == "model":
                    instances[(*slot.path, name)] = [v for v in values if v is not None]
                    stored = [None if value is None else 1 for value in values]
                else:
                    flat = [v for group in values if group is not None for v in group]
                    if kind == "models":
                        instances[(*slot.path, name)] = flat
                    else:
                        strings.append(tuple(map(common, flat)))
                    stored = [None if group is None else len(group) for group in values]
                deque(map(dict.__setitem__, rows, repeat(name), stored), maxlen=0)
            out.append((len(objects), masks, tuple(rows), tuple(strings)))
        return tuple(out)

    def decode(self, stored: object) -> Any:
        if type(stored) is not tuple or len(stored) != len(self.slots):
            raise ValueError("an entry of another shape")
        built: dict[tuple[str, ...], tuple[Any, ...]] = {}
        for slot, part in zip(reversed(self.slots), reversed(stored), strict=True):
            built[slot.path] = self._decode_slot(slot, part, built)
        root = built[()]
        if len(root) != 1:
            raise ValueError("an entry of another shape")
        return root[0]

    def _decode_slot(
        self, slot: _Slot, part: object, built: dict[tuple[str, ...], tuple[Any, ...]]
    ) -> tuple[Any, ...]:
        if type(part) is not tuple or len(part) != 4:
            raise ValueError("an entry of another shape")
        count, masks, rows, strings = part
        special = slot.special
        if type(count) is not int or type(masks) is not tuple or type(rows) is not tuple:
            raise ValueError("an entry of another shape")
        if len(masks) != count or len(rows) != count or type(strings) is not tuple:
            raise ValueError("an entry of another shape")
        # Every check in C, one pass each: the rows are dicts with exactly the model's
        # fields in order, every value a string, an integer or None.
        if count and (
            set(map(type, rows)) != {dict}
            or set(map(tuple, rows)) != {slot.names}
            or not set(map(type, chain.from_iterable(map(dict.values, rows)))) <= _PLAIN_VALUES
            or not set(map(type, masks)) <= _INTS
        ):
            raise ValueError("rows of another shape")
        # Each plain field's values of its own type (a claim's text a string, a format 1
        # or 2, a confidence one of its words): an entry that was crafted, or written by
        # a program whose models differ in a way the shape does not show, is refused
        # here rather than fail later, where the briefing is drawn.
        for name, types_, only in slot.plain:
            column = list(map(itemgetter(name), rows))
            if only is not None and not set(column) <= only:
                raise ValueError("a value outside the field's words")
            if not set(map(type, column)) <= types_:
                raise ValueError("a value of another type")
        flats = iter(strings)
        for name, kind in special:
            values = list(map(itemgetter(name), rows))
            counts_ok = set(map(type, values)) <= _INTS_OR_NONE
            if kind != "date" and (not counts_ok or min(filter(None, values), default=0) < 0):
                raise ValueError("a count of another type")
            if kind == "date":
                # Each date once (a briefing repeats its dates), then looked up in C:
                # `get` gives a string or None back as it is.
                dates = {v: datetime.date.fromordinal(v) for v in set(values) if type(v) is int}
                values = list(map(dates.get, values, values))
            else:
                if kind == "tuple":
                    children = next(flats)
                    if type(children) is not tuple or not set(map(type, children)) <= {str}:
                        raise ValueError("a column of another type")
                else:
                    children = built[(*slot.path, name)]
                if kind == "model":
                    present = iter(children)
                    values = [None if flag is None else next(present) for flag in values]
                else:
                    values = _groups(values, children)
            deque(map(dict.__setitem__, rows, repeat(name), values), maxlen=0)
        if next(flats, None) is not None:
            raise ValueError("an entry of another shape")
        shared = {mask: slot.fields_set(mask) for mask in set(masks)}
        return build(slot.model, rows, list(map(shared.__getitem__, masks)))


def _groups(counts: list[int | None], children: tuple[Any, ...]) -> list[Any]:
    """Return `children` dealt out by `counts` (a tuple each, or None for a None count)."""
    if None in counts:
        ends = list(accumulate(0 if n is None else n for n in counts))
        if (ends[-1] if ends else 0) != len(children):
            raise ValueError("counts that do not add up")
        groups = map(children.__getitem__, map(slice, [0, *ends], ends))
        return [None if n is None else g for n, g in zip(counts, groups, strict=True)]
    if not children:
        # Most claims have no relations, assumptions, indicators or gaps: one empty
        # tuple for all (what validation gives them too), not a slice each.
        if any(counts):
            raise ValueError("counts that do not add up")
        return [()] * len(counts)
    ends = list(accumulate(counts))  # type: ignore[arg-type]
    if ends[-1] != len(children):
        raise ValueError("counts that do not add up")
    return list(map(children.__getitem__, map(slice, [0, *ends], ends)))


def _fields_set_of(instance: Any) -> set[str]:
    fields_set: set[str] = instance.__pydantic_fields_set__
    return fields_set


def _encode_date(value: object) -> object:
    if isinstance(value, datetime.date):
        if type(value) is not datetime.date:
            raise TypeError("a date-time is not a briefing date")
        return value.toordinal()
    return value


def build(
    model: Model, dicts: tuple[dict[str, Any], ...], fields_sets: list[set[str]]
) -> tuple[Any, ...]:
    """Return instances of `model` holding these (already validated) field values.

    A model with private attributes or a `model_post_init` (the root, which indexes its
    claims by id) is built by pydantic's public `model_construct`, which runs them. The
    others, tens of thousands in a large briefing, get the four slots that pydantic's own
    validation gives them, directly: `model_construct` took about twice as long a model.
    """
    if model.__pydantic_post_init__ or model.__private_attributes__:
        return tuple(
            model.model_construct(fields_set, **values)
            for values, fields_set in zip(dicts, fields_sets, strict=True)
        )
    # Each step in C (map over the slots' descriptors): a Python loop over the
    # instances, or object.__setattr__, took twice as long.
    count = len(dicts)
    instances = list(map(object.__new__, repeat(model, count)))
    for setter, column in (
        (_SET_DICT, dicts),
        (_SET_FIELDS_SET, fields_sets),
        (_SET_EXTRA, repeat(None, count)),
        (_SET_PRIVATE, repeat(None, count)),
    ):
        deque(map(setter, instances, column), maxlen=0)
    return tuple(instances)


def slot_setter(name: str) -> Any:
    """Return the setter of one of pydantic's instance slots (its private API: see the tests)."""
    from pydantic import BaseModel

    return BaseModel.__dict__[name].__set__


_SET_DICT = slot_setter("__dict__")
_SET_FIELDS_SET = slot_setter("__pydantic_fields_set__")
_SET_EXTRA = slot_setter("__pydantic_extra__")
_SET_PRIVATE = slot_setter("__pydantic_private__")
PYDANTIC_SLOTS = (
    "__dict__",
    "__pydantic_fields_set__",
    "__pydantic_extra__",
    "__pydantic_private__",
)
"""Every slot of a pydantic model instance, which `build` sets (checked by the tests)."""

_LAYOUT: _Layout | None = None


def layout() -> _Layout:
    global _LAYOUT
    if _LAYOUT is None:
        _LAYOUT = _Layout(Briefing)
    return _LAYOUT


def _leaves(annotation: Any) -> Iterator[Any]:
    """Yield the types an annotation can hold, through Annotated, unions and Optional."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _leaves(typing.get_args(annotation)[0])
    elif origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(annotation):
            yield from _leaves(arg)
    else:
        yield annotation


def _plain_values(annotation: Any) -> tuple[frozenset[type], frozenset[object] | None]:
    """Return the types a plain field's values may have, and its only values if it has any.

    A field of Literal values (and None) holds only those; one that also takes any string
    or integer is checked by type alone.
    """
    leaves = list(_leaves(annotation))
    literals = [leaf for leaf in leaves if typing.get_origin(leaf) is typing.Literal]
    words = frozenset(value for leaf in literals for value in typing.get_args(leaf))
    types_ = frozenset(leaf for leaf in leaves if leaf not in literals) | frozenset(
        map(type, words)
    )
    if len(literals) + (type(None) in leaves) == len(leaves):
        return types_, words | ({None} if type(None) in leaves else set())
    return types_, None


def _field_kind(annotation: Any) -> tuple[str, Model | None]:
    """Return how a field is stored, and the nested model if it holds models.

    'plain' (a string, an integer or None), 'tuple' (a tuple of strings), 'date' (a
    string, None or a `datetime.date`), 'model' or 'models' (a tuple of models). A field
    of any other type raises TypeError: such a briefing is not cached at all.
    """
    from pydantic import BaseModel

    leaves = [leaf for leaf in _leaves(annotation) if leaf is not type(None)]
    models = [leaf for leaf in leaves if isinstance(leaf, type) and issubclass(leaf, BaseModel)]
    tuples = [leaf for leaf in leaves if typing.get_origin(leaf) is tuple]
    if models or tuples:
        if len(leaves) != 1:
            raise TypeError(f"cannot cache a field of type {annotation}")
        if models:
            return "model", models[0]
        items = [item for arg in typing.get_args(tuples[0]) for item in _leaves(arg)]
        if len(items) != 2 or items[1] is not Ellipsis:
            raise TypeError(f"cannot cache a field of type {annotation}")
        item = items[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
        if item is str:
            return "tuple", None
        raise TypeError(f"cannot cache a field of type {annotation}")
    if datetime.date in leaves:
        if set(leaves) != {datetime.date, str}:
            raise TypeError(f"cannot cache a field of type {annotation}")
        return "date", None
    for leaf in leaves:
        if typing.get_origin(leaf) is typing.Literal:
            if not all(type(value) in (str, int) for value in typing.get_args(leaf)):
                raise TypeError(f"cannot cache a field of type {annotation}")
        elif leaf not in (str, int):
            raise TypeError(f"cannot cache a field of type {annotation}")
    return "plain", None

"""Where a pydantic error location leads: the YAML node it is about and what the model's types say of that key."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel

from kkrdeck.outline.loader import Mapping, Node, Scalar, Sequence
from kkrdeck.outline.model import HEX_COLOUR, ISO_DATE

UNION_LISTS = {"slides", "bullets", "numbered", "arrows"}  # lists whose pydantic locations carry a union tag


@dataclass
class Where:
    """Where a pydantic error location leads in the YAML tree and in the model."""

    node: Node  # the value, or the closest block that exists
    path: list[Any]  # the part of the location found in the tree, union tags left out
    owners: list[Any]  # the model classes passed on the way, outermost first
    key: Scalar | None = None  # the key of the last mapping entry followed
    complete: bool = True  # False when the tree ended before the location did (a missing key)
    field_owner: Any = None  # the model class that declares the last key followed


def resolve(root: Node, loc: list[Any], model: Any = None, tags: bool = False) -> Where:
    """Follow a location through the YAML tree (and, given a model, its types); tags: skip pydantic's union tags."""
    node: Node = root
    path: list[Any] = []
    owners: list[Any] = [model] if model is not None else []
    current: Any = model
    parent_key: Any = None
    last_key: Scalar | None = None
    field_owner: Any = None
    i = 0
    while i < len(loc):
        part = loc[i]
        if part == "[key]" and last_key is not None:
            node = last_key
        elif isinstance(part, int) and isinstance(node, Sequence) and 0 <= part < len(node.items):
            node = node.items[part]
            path.append(part)
            current = item_type(current)
            if tags and parent_key in UNION_LISTS and i + 1 < len(loc) and isinstance(loc[i + 1], str):
                current = _pick_union(current, loc[i + 1])
                i += 1
            if is_model(current):
                owners.append(current)
            last_key = None
        elif isinstance(part, str) and isinstance(node, Mapping):
            found = next(((k, v) for k, v in node.items if k.value == part), None)
            if found is None:
                return Where(node, path, owners, last_key, False, field_owner)
            last_key, node = found
            path.append(part)
            field_owner = current
            current = field_type(current, part)
            if is_model(current):
                owners.append(current)
            parent_key = part
        else:
            return Where(node, path, owners, last_key, False, field_owner)
        i += 1
    return Where(node, path, owners, last_key, True, field_owner)


def child(node: Node | None, key: Any) -> Node | None:
    if isinstance(node, Mapping) and isinstance(key, str):
        return node.get(key)
    if isinstance(node, Sequence) and isinstance(key, int) and 0 <= key < len(node.items):
        return node.items[key]
    return None


def key_node(node: Node, key: Any) -> Scalar | None:
    if isinstance(node, Mapping):
        return next((k for k, _ in node.items if k.value == key), None)
    return None


def field_of(path: list[Any]) -> tuple[str | None, int]:
    """The last key in a path and how many list levels below it the path goes."""
    depth = 0
    for part in reversed(path):
        if isinstance(part, int):
            depth += 1
        else:
            return part, depth
    return None, depth


# --- what the model's types say ----------------------------------------------------------------------------------

def is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def keys_of(owner: Any) -> list[str]:
    if not is_model(owner):
        return []
    keys = [f.alias or name for name, f in owner.model_fields.items()]
    return sorted(keys, key=lambda k: k != "kind")  # a slide's 'kind' first, the rest in declaration order


def slide_kind(owner: Any) -> str:
    return typing.get_args(owner.model_fields["kind"].annotation)[0]


def expected(owner: Any, field: str | None, depth: int) -> Any:
    """What a field (or, at depth > 0, an item of it) holds: 'list', 'block', 'colour', 'date', 'text' or a model."""
    if field is None:
        return None
    tp = field_type(owner, field)
    for _ in range(depth):
        tp = item_type(tp)
    if typing.get_origin(tp) is list:
        return "list"
    if is_model(tp):
        return tp
    if typing.get_origin(tp) is dict:
        return "block"
    patterns = _patterns(owner, field)
    if HEX_COLOUR.pattern in patterns:
        return "colour"
    if ISO_DATE.pattern in patterns:
        return "date"
    return "text"


def required(owner: Any, field: str | None) -> bool:
    if not is_model(owner) or field is None:
        return False
    for name, f in owner.model_fields.items():
        if field in (name, f.alias):
            return f.is_required()
    return False


def field_type(owner: Any, key: str) -> Any:
    if is_model(owner):
        for name, f in owner.model_fields.items():
            if key in (name, f.alias):
                return _unwrap(f.annotation)
    if typing.get_origin(owner) is dict:
        return _unwrap(typing.get_args(owner)[1])
    return None


def item_type(tp: Any) -> Any:
    tp = _unwrap(tp)
    if typing.get_origin(tp) is list:
        return _unwrap(typing.get_args(tp)[0])
    return None


def _patterns(owner: Any, field: str) -> set[str]:
    """The regex patterns a field's text must match (found in its metadata, however deeply annotated)."""
    found: set[str] = set()

    def collect(items: Any) -> None:
        for item in items:
            pattern = getattr(item, "pattern", None)
            if isinstance(pattern, str):
                found.add(pattern)
            for meta in getattr(item, "metadata", None) or ():
                collect([meta])
            collect(typing.get_args(item))

    if is_model(owner):
        for name, f in owner.model_fields.items():
            if field in (name, f.alias):
                collect([*f.metadata, f.annotation])
    return found


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
            else:
                return tp
        else:
            return tp


def _pick_union(tp: Any, tag: str) -> Any:
    for member in typing.get_args(_unwrap(tp)) or ():
        member = _unwrap(member)
        if is_model(member):
            kind = member.model_fields.get("kind")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return member
            if tag == "item" and "text" in member.model_fields:
                return member
    return None

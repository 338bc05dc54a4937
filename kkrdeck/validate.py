"""Validation: a positioned YAML tree → the typed model, with every problem collected and pointed at its line."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from kkrdeck.errors import DeckError, Problem
from kkrdeck.loader import Mapping, Node, Scalar, Sequence, to_plain
from kkrdeck.model import MAX_BULLET_DEPTH, SLIDE_KINDS, Brand, Deck

M = typing.TypeVar("M", bound=BaseModel)
_LINK = re.compile(r"\]\(([^)\s]*)\)")
_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_UNION_LISTS = {"slides", "bullets", "numbered", "arrows"}
_CONTEXT = {
    "Deck": "the deck", "Brand": "the brand file", "Colours": "'colours'", "Fonts": "'fonts'",
    "FontFiles": "a font's files", "Sizes": "'sizes'", "BulletItem": "a bullet", "Step": "a process step",
    "Column": "a column",
}


@dataclass(frozen=True)
class Located:
    """A validated model together with the positions of its source nodes."""

    model: Any
    root: Node
    filename: str

    def position(self, *path: str | int) -> tuple[int, int]:
        node = _resolve(self.root, list(path))[0]
        return node.line, node.column


def validate_deck(root: Node, filename: str) -> Located:
    """The outline tree → a Deck, or a DeckError listing every problem in line order."""
    problems = _structure_problems(root, filename)
    model = _validate(Deck, root, filename, problems)
    if problems:
        raise DeckError(problems)
    return Located(model, root, filename)


def validate_brand(root: Node, filename: str) -> Located:
    """The brand tree → a Brand, or a DeckError listing every problem."""
    problems: list[Problem] = []
    model = _validate(Brand, root, filename, problems)
    if problems:
        raise DeckError(problems)
    return Located(model, root, filename)


def _validate(model: type[M], root: Node, filename: str, problems: list[Problem]) -> M | None:
    if not isinstance(root, Mapping):
        problems.append(Problem(filename, root.line, root.column,
                                "the file should be a block of 'key: value' lines (see README for an example)"))
        return None
    try:
        return model.model_validate(to_plain(root))
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(_problem(model, root, filename, error))
        return None


def _problem(model: type[BaseModel], root: Node, filename: str, error: dict[str, Any]) -> Problem:
    loc = list(error["loc"])
    node, path, types_ = _resolve(root, loc, model)
    kind = error["type"]
    field = next((p for p in reversed(path) if isinstance(p, str)), None)
    where = _context(types_[-1] if types_ else model, node)
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owner = types_[-1] if types_ else model
        known = [f.alias or name for name, f in owner.model_fields.items()] if isinstance(owner, type) else []
        message = f"unknown key '{key}' in {where}" + _did_you_mean(key, known, also=True)
        return Problem(filename, node.line, node.column, message)
    if kind == "missing":
        return Problem(filename, node.line, node.column, f"missing required key '{loc[-1]}' in {where}")
    if kind == "union_tag_invalid":
        tag = error["ctx"]["tag"]
        if error["ctx"]["discriminator"] == "'kind'":
            kind_node = node.get("kind") if isinstance(node, Mapping) else None
            at = kind_node or node
            message = f"unknown slide kind '{tag}'" + _did_you_mean(tag, list(SLIDE_KINDS)) + \
                f" (kinds: {', '.join(SLIDE_KINDS)})"
            return Problem(filename, at.line, at.column, message)
    if kind == "union_tag_not_found":
        return Problem(filename, node.line, node.column,
                       f"this slide has no 'kind' — add e.g. 'kind: bullets' (kinds: {', '.join(SLIDE_KINDS)})")
    return Problem(filename, node.line, node.column, _message(kind, field, value, error))


def _message(kind: str, field: str | None, value: Any, error: dict[str, Any]) -> str:
    name = f"'{field}'" if field else "this value"
    ctx = error.get("ctx", {})
    if value is None and kind in {"string_type", "list_type", "model_type", "dict_type", "model_attributes_type"}:
        return f"{name} has no value — write it after '{field}:' or remove the line"
    if kind == "string_type":
        return f"{name} should be text, not {_describe(value)}"
    if kind == "list_type":
        return f"{name} should be a list (lines starting with '- '), not {_describe(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"{name} should be a block of 'key: value' lines, not {_describe(value)}"
    if kind == "too_short":
        if field == "slides" and not value:
            return "'slides' is empty — add at least one slide"
        return f"{name} needs at least {ctx.get('min_length')} items (found {ctx.get('actual_length')})"
    if kind == "too_long":
        return f"{name} can have at most {ctx.get('max_length')} items (found {ctx.get('actual_length')})"
    if kind == "string_too_short":
        return f"{name} is empty — write some text or remove the line"
    if kind == "string_too_long":
        return f"{name} is too long ({len(value)} characters; at most {ctx.get('max_length')}) — shorten it"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "\\d{4}" in pattern:
            return f"'{value}' is not a date — write dates as YYYY-MM-DD, e.g. 2017-08-17"
        if "A-Fa-f" in pattern:
            return f"'{value}' is not a colour — write it as #RRGGBB, e.g. #1B3A5C"
        if "a-z" in pattern:
            return f"'{value}' is not a language tag — write it like da-DK or en-GB"
        return f"{name} has the wrong form: '{value}'"
    if kind == "literal_error":
        expected = re.findall(r"'([^']+)'", str(ctx.get("expected", "")))
        return f"{name} must be one of: {', '.join(expected)} (found '{value}')" + _did_you_mean(str(value), expected)
    if kind == "bool_parsing" or kind == "bool_type":
        return f"{name} must be true or false (found '{value}')"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        return f"{name} must be a number (found '{value}')"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "at least" if kind.startswith("greater") else "at most"
        return f"{name} must be {word} {bound} (found {value})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{name}: {error['msg']}"


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return f"the text '{value}'"


def _did_you_mean(word: str, candidates: list[str], also: bool = False) -> str:
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if match:
        return f" — did you mean '{match[0]}'?"
    if also and candidates:
        return f" (known keys: {', '.join(candidates)})"
    return ""


def _context(owner: Any, node: Node) -> str:
    if isinstance(owner, type) and owner.__name__.endswith("Slide"):
        kind = owner.model_fields["kind"].annotation.__args__[0]
        return f"a {kind} slide"
    name = getattr(owner, "__name__", "")
    return _CONTEXT.get(name, "this block")


def _resolve(root: Node, loc: list[Any], model: Any = None) -> tuple[Node, list[Any], list[Any]]:
    """Follow a pydantic error location through the YAML tree (skipping union tags) and the model's types."""
    node: Node = root
    path: list[Any] = []
    owners: list[Any] = [model] if model is not None else []
    current_type: Any = model
    parent_key: Any = None
    i = 0
    while i < len(loc):
        part = loc[i]
        if isinstance(part, int) and isinstance(node, Sequence) and part < len(node.items):
            node = node.items[part]
            path.append(part)
            current_type = _item_type(current_type)
            if parent_key in _UNION_LISTS and i + 1 < len(loc) and isinstance(loc[i + 1], str):
                current_type = _pick_union(current_type, loc[i + 1])
                i += 1
            if isinstance(current_type, type) and issubclass(current_type, BaseModel):
                owners.append(current_type)
        elif isinstance(part, str) and isinstance(node, Mapping):
            key_node = next((k for k, _ in node.items if k.value == part), None)
            if key_node is None:
                break
            value = node.get(part)
            path.append(part)
            if i == len(loc) - 1 and value is not None:
                # the offending key itself is where an unknown-key error points
                node = value if not _is_extra(current_type, part) else key_node
            else:
                node = value if value is not None else key_node
            current_type = _field_type(current_type, part)
            if isinstance(current_type, type) and issubclass(current_type, BaseModel):
                owners.append(current_type)
            parent_key = part
        else:
            break
        i += 1
    return node, path, owners


def _is_extra(owner: Any, key: str) -> bool:
    if not (isinstance(owner, type) and issubclass(owner, BaseModel)):
        return False
    return all(key not in (name, f.alias) for name, f in owner.model_fields.items())


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


def _field_type(owner: Any, key: str) -> Any:
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        for name, f in owner.model_fields.items():
            if key in (name, f.alias):
                return _unwrap(f.annotation)
    if typing.get_origin(owner) is dict:
        return _unwrap(typing.get_args(owner)[1])
    return None


def _item_type(tp: Any) -> Any:
    tp = _unwrap(tp)
    if typing.get_origin(tp) is list:
        return _unwrap(typing.get_args(tp)[0])
    return None


def _pick_union(tp: Any, tag: str) -> Any:
    for member in typing.get_args(_unwrap(tp)) or ():
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            kind = member.model_fields.get("kind")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return member
            if tag == "item" and "text" in member.model_fields:
                return member
    return None


def _structure_problems(root: Node, filename: str) -> list[Problem]:
    """What the model cannot say by itself: nesting depth and link targets."""
    problems: list[Problem] = []
    if not isinstance(root, Mapping):
        return problems
    slides = root.get("slides")
    if not isinstance(slides, Sequence):
        return problems
    for slide in slides.items:
        if not isinstance(slide, Mapping):
            problems.append(Problem(filename, slide.line, slide.column,
                                    "each slide should be a block of 'key: value' lines starting with 'kind:'"))
            continue
        for key, value in slide.items:
            if key.value in ("bullets",):
                _check_depth(value, 1, filename, problems)
            if key.value in ("left", "right") and isinstance(value, Mapping) and value.get("bullets") is not None:
                _check_depth(value.get("bullets"), 1, filename, problems)
        _check_links(slide, filename, problems)
    return problems


def _check_depth(node: Node | None, depth: int, filename: str, problems: list[Problem]) -> None:
    if not isinstance(node, Sequence):
        return
    for item in node.items:
        if not isinstance(item, Mapping):
            continue
        for key in ("bullets", "numbered", "arrows"):
            child = item.get(key)
            if child is None:
                continue
            if depth >= MAX_BULLET_DEPTH:
                problems.append(Problem(filename, child.line, child.column,
                                        f"bullets nest at most {MAX_BULLET_DEPTH} levels deep — "
                                        "move these sub-items up a level or onto their own slide"))
            else:
                _check_depth(child, depth + 1, filename, problems)


def _check_links(node: Node, filename: str, problems: list[Problem]) -> None:
    if isinstance(node, Scalar):
        for match in _LINK.finditer(node.value):
            target = match.group(1)
            if not target.lower().startswith(_ALLOWED_SCHEMES):
                problems.append(Problem(filename, node.line, node.column,
                                        f"the link '{target}' is not a web or e-mail address — "
                                        "links must start with https://, http:// or mailto:"))
    elif isinstance(node, Sequence):
        for item in node.items:
            _check_links(item, filename, problems)
    elif isinstance(node, Mapping):
        for _, value in node.items:
            _check_links(value, filename, problems)

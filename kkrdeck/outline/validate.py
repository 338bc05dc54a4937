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
from kkrdeck.outline.loader import Mapping, Node, Scalar, Sequence, quote_for_yaml, to_plain
from kkrdeck.outline.model import HEX_COLOUR, ISO_DATE, MAX_BULLET_DEPTH, SLIDE_KINDS, Brand, BulletItem, Deck, date_advice

M = typing.TypeVar("M", bound=BaseModel)
TreePath = tuple[Any, ...]

_KINDS = ", ".join(SLIDE_KINDS)
_UNION_LISTS = {"slides", "bullets", "numbered", "arrows"}  # lists whose pydantic locations carry a union tag
_SUBLISTS = ("bullets", "numbered", "arrows")
_BULLET_KEYS = ("text", *_SUBLISTS)
_BLOCK_NAMES = {
    "Deck": "the deck", "Brand": "the brand file", "Colours": "'colours'", "Fonts": "'fonts'",
    "FontFiles": "a font's files", "Sizes": "'sizes'", "BulletItem": "a bullet", "Step": "a process step",
    "Column": "a column",
}
# What one entry of a list is called, by the list's key.
_ITEM_NOUNS = {
    "slides": "slide", "bullets": "bullet", "numbered": "numbered item", "arrows": "arrow item",
    "statements": "statement", "steps": "process step", "columns": "column heading", "rows": "row",
    "accents": "accent colour", "body": "body size",
}
_TOO_MANY = {
    "slides": "split the deck into smaller decks",
    "steps": "split the process over two process slides",
    "statements": "split them over two statements slides",
    "columns": "split the table into two tables",
    "rows": "split the table over two slides",
    "accents": "remove the extra ones",
}
# Words people reach for that kkrdeck spells differently; difflib alone would not find them.
_SYNONYMS = {
    "type": "kind", "layout": "kind", "alt-text": "alt", "alttext": "alt", "alt_text": "alt",
    "description": "alt", "colors": "colours", "color": "colours", "colour": "colours", "items": "bullets",
    "points": "bullets", "bullet": "bullets", "bulletpoints": "bullets", "slide": "slides", "heading": "title",
    "headline": "title", "name": "title", "picture": "image", "img": "image", "src": "image", "file": "image",
    "to": "until", "end": "until", "speaker-notes": "notes", "speaker_notes": "notes", "note": "notes",
    "statement": "statements", "step": "steps", "cols": "columns", "header": "columns", "lang": "language",
    "numbers": "numbered", "arrow": "arrows", "sub-bullets": "bullets", "subbullets": "bullets",
    # Danish, as the people who write the decks might spell a key
    "titel": "title", "overskrift": "title", "undertitel": "subtitle", "tekst": "text", "punkter": "bullets",
    "punktopstilling": "bullets", "nummereret": "numbered", "pile": "arrows", "billede": "image", "dato": "date",
    "til": "until", "noter": "notes", "udsagn": "statements", "trin": "steps", "sprog": "language",
    "forfatter": "author", "skabelon": "template",
    "alt-tekst": "alt", "billedtekst": "caption", "kolonner": "columns", "rækker": "rows", "venstre": "left",
    "højre": "right", "konklusion": "conclusion", "fortsætter": "continues", "dekorativ": "decorative",
}


@dataclass(frozen=True)
class Located:
    """A validated model together with the positions of its source nodes."""

    model: Any
    root: Node
    filename: str

    def position(self, *path: str | int) -> tuple[int, int]:
        node = _resolve(self.root, list(path)).node
        return node.line, node.column


def validate_deck(root: Node, filename: str) -> Located:
    """The outline tree → a Deck, or a DeckError listing every problem in line order."""
    located, problems = check_deck_tree(root, filename)
    if located is None:
        raise DeckError(problems)
    return located


def validate_brand(root: Node, filename: str) -> Located:
    """The brand tree → a Brand, or a DeckError listing every problem."""
    located, problems = check_brand_tree(root, filename)
    if located is None:
        raise DeckError(problems)
    return located


def check_deck_tree(root: Node, filename: str) -> tuple[Located | None, list[Problem]]:
    """Like validate_deck, but returns the problems instead of raising them (the model is None if there are any)."""
    problems, handled = _structure_problems(root, filename)
    model = _validate(Deck, root, filename, problems, handled)
    if problems or model is None:
        return None, problems
    return Located(model, root, filename), []


def check_brand_tree(root: Node, filename: str) -> tuple[Located | None, list[Problem]]:
    problems: list[Problem] = []
    model = _validate(Brand, root, filename, problems, set())
    if problems or model is None:
        return None, problems
    return Located(model, root, filename), []


# --- from pydantic's errors to sentences ------------------------------------------------------------------------

@dataclass
class _Where:
    """Where a pydantic error location leads in the YAML tree and in the model."""

    node: Node  # the value, or the closest block that exists
    path: list[Any]  # the part of the location found in the tree, union tags left out
    owners: list[Any]  # the model classes passed on the way, outermost first
    key: Scalar | None = None  # the key of the last mapping entry followed
    complete: bool = True  # False when the tree ended before the location did (a missing key)
    field_owner: Any = None  # the model class that declares the last key followed


def _validate(model: type[M], root: Node, filename: str, problems: list[Problem], handled: set[TreePath]) -> M | None:
    if not isinstance(root, Mapping):
        what = "'title:' and 'slides:'" if model is Deck else "'name:' and 'colours:'"
        problems.append(Problem(filename, root.line, root.column,
                                f"the file should be a block of 'key: value' lines, starting with {what} "
                                "(see README.md for an example)"))
        return None
    try:
        return model.model_validate(to_plain(root))
    except ValidationError as exc:
        found: list[tuple[Problem, str, TreePath, str | None, str | None]] = []
        for error in exc.errors():
            where = _resolve(root, list(error["loc"]), model, tags=True)
            if any(tuple(where.path[:len(h)]) == h for h in handled):
                continue
            found.append(_problem(model, root, filename, error, where))
        # A misspelt key that is also reported missing ('titel' for 'title') is one mistake, told once.
        suggested = {(parent, suggestion) for _, kind, parent, _, suggestion in found
                     if kind == "extra_forbidden" and suggestion}
        for problem, kind, parent, key, _ in found:
            if kind in ("missing", "title_missing") and (parent, key) in suggested:
                continue
            if problem not in problems:
                problems.append(problem)
        return None


def _problem(model: type[BaseModel], root: Node, filename: str, error: dict[str, Any],
             where: _Where) -> tuple[Problem, str, TreePath, str | None, str | None]:
    """One pydantic error → (problem, error type, path of the block it is about, key, suggested key)."""
    loc = list(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    owner = where.owners[-1] if where.owners else model
    node = where.node
    parent: TreePath = tuple(where.path)

    def at(n: Node, message: str, key: str | None = None, suggestion: str | None = None):
        return Problem(filename, n.line, n.column, message), kind, parent, key, suggestion

    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = tuple(where.path[:-1])
        known = _keys_of(owner)
        elsewhere = _belongs_elsewhere(key, owner)
        suggestion = None if elsewhere else _suggest(key, known)
        message = f"unknown key '{_clip(key)}' in {_block_name(owner, where.path[:-1])}"
        if elsewhere:
            message += f" — {elsewhere}"
        elif suggestion:
            message += f" — did you mean '{suggestion}'?"
        elif "#" in key and not key.startswith("#"):
            message += " — if the line is meant as a comment, start it with '#' (inside a line, a comment starts " \
                       "at a '#' after a space)"
        else:
            message += f" — the keys here are: {', '.join(known)}"
        return at(where.key or node, message, key, suggestion)
    if kind == "missing" and not where.complete:
        key = str(loc[-1])
        return at(node, f"{_block_name(owner, where.path, this=True)} has no '{key}' — "
                        f"{_how_to_add(owner, key, where.path)}", key)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return at(*_slide_kind_problem(kind, node, ctx))
    if kind == "model_attributes_type" and where.path and where.path[-2:-1] == ["slides"]:
        return at(node, _not_a_slide(node))
    if kind in ("title_missing", "alt_missing", "one_sublist", "row_length", "until_before_date", "min_above_size"):
        target, message = _custom_problem(kind, node, ctx)
        return at(target, message, "title" if kind == "title_missing" else None)
    if kind == "literal_error" and loc[-1] == "[key]":
        word = _clip(str(error.get("input")))
        suggestion = _did_you_mean(word, list(SLIDE_KINDS))
        if suggestion:
            return at(node, f"'{word}' is not a slide kind{suggestion} (kinds: {_KINDS})")
        return at(node, f"'{word}' is not a slide kind — use one of: {_KINDS}")
    return at(node, _value_message(kind, error, where, where.field_owner or owner))


def _value_message(kind: str, error: dict[str, Any], where: _Where, owner: Any) -> str:
    """A sentence about a value that is there but wrong (or empty)."""
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _clip(value) if isinstance(value, str) else value  # the user's text, cut short if it is long
    path = where.path
    field, depth = _field_of(path)
    item = depth > 0
    noun = _item_noun(field, owner, depth)
    name = f"this {noun}" if item else f"'{field}'" if field else "this value"
    expected = _expected(owner, field, depth)
    if kind == "string_type" and isinstance(where.node, Mapping) and _is_colon_text(where.node, ()):
        key, text = where.node.items[0]
        return _colon_advice(f"{key.value}: {text.value}")  # type: ignore[union-attr]
    if value is None and kind in {"string_type", "list_type", "model_type", "dict_type", "model_attributes_type",
                                  "flag", "float_type", "bool_type"}:
        return _no_value(name, field, item, noun, kind, expected)
    if kind == "string_type":
        if item and field in _SUBLISTS and isinstance(value, list):
            return (f"{name} is a list inside the list — to give a bullet sub-items, write '- text: …' and put "
                    "'bullets:' below it")
        if expected == "date":
            return f"{name} should be a date written YYYY-MM-DD, not {_describe(value)}"
        if expected == "colour":
            return f"{name} should be a colour written \"#RRGGBB\", not {_describe(value)}"
        return f"{name} should be text, not {_describe(value)} — write the text after '{_label(field, item)}'"
    if kind == "list_type":
        if field == "rows" and item:
            return (f"each row of the table should be a list of cells, e.g. '- [2017-08-17, Møde]' "
                    f"(found {_describe(value)})")
        if field == "slides":
            return f"'slides' should be a list of slides, each starting with '- kind:' (found {_describe(value)})"
        return (f"{name} should be a list, with each item on its own line starting with '- ' "
                f"(found {_describe(value)})")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        if field == "steps" and item:
            return f"each process step should be a block with 'date:' and 'text:' (found {_describe(value)})"
        keys = _keys_of(expected)
        if keys:
            listed = ", ".join(f"'{k}:'" for k in keys[:3]) + (" …" if len(keys) > 3 else "")
            return f"{name} should be a block of lines like {listed} (found {_describe(value)})"
        return f"{name} should be a block of 'key: value' lines (found {_describe(value)})"
    if kind == "too_short":
        actual, least = ctx.get("actual_length", 0), ctx.get("min_length", 1)
        if not actual:
            if field == "slides":
                return "'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'"
            return (f"'{field}' is empty — add at least {_count(least, noun)} below it, each on a line starting "
                    "with '- '")
        return (f"{_owner_phrase(owner)} needs at least {_count(least, noun)} (found {actual}) — "
                f"add {least - actual} more")
    if kind == "too_long":
        actual, most = ctx.get("actual_length", 0), ctx.get("max_length", 0)
        advice = _TOO_MANY.get(field or "", f"remove {actual - most}")
        return f"{_owner_phrase(owner)} can have at most {_count(most, noun)} (found {actual:,}) — {advice}"
    if kind == "string_too_short":
        if item:
            return f"{name} is empty — write its text, or remove the line"
        if _required(owner, field):
            return f"{name} is empty — write the text after '{field}:'"
        return f"{name} is empty — write some text after '{field}:', or remove the line"
    if kind == "string_too_long":
        most = ctx.get("max_length", 0)
        advice = "shorten it, or split it into several bullets" if noun in ("bullet", "sub-item") else "shorten it"
        return f"{name} is too long: {len(value):,} characters, at most {most:,} — {advice}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == ISO_DATE.pattern:
            return date_advice(str(shown))
        if pattern == HEX_COLOUR.pattern:
            return _colour_advice(str(shown))
        if "a-z" in pattern:
            return f"'{shown}' is not a language tag — write it like da-DK or en-GB"
        return f"{name} has the wrong form: '{shown}'"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']+)'", str(ctx.get("expected", "")))
        found = f"'{shown}'" if isinstance(value, str) else _describe(value)
        return (f"{name} must be one of: {', '.join(allowed)} (found {found})"
                + _did_you_mean(str(value), allowed))
    if kind in ("flag", "bool_parsing", "bool_type"):
        found = f"'{shown}'" if isinstance(value, str) else _describe(value)
        return f"{name} must be true or false (found {found})"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "finite_number"}:
        found = f"'{shown}'" if isinstance(value, str) else _describe(value)
        digits = re.match(r"\s*(\d+(?:\.\d+)?)", value) if isinstance(value, str) else None
        example = digits.group(1) if digits else "24" if item else "36"
        return f"{name} must be a number of points, e.g. {example} (found {found})"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "at least" if kind.startswith("greater") else "at most"
        return f"{name} must be {word} {bound:g} pt (found {shown})"
    if kind == "link_scheme":
        target = ctx.get("target", "")
        if not target:
            return "a link has no address: write it in the round brackets, e.g. [KL](https://www.kl.dk)"
        return (f"the link '{target}' is not a web or e-mail address — links must start with https://, http:// "
                "or mailto:")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{name}: {error['msg']}"


def _no_value(name: str, field: str | None, item: bool, noun: str, kind: str, expected: Any) -> str:
    if item:
        if field == "slides":
            return "this slide is empty — write its 'kind:' and 'title:' after the '- ', or remove the '-'"
        return f"this {noun} is empty — write it after the '- ', or remove the line"
    if kind == "list_type":
        if field == "slides":
            return "'slides' is empty — add at least one slide below 'slides:', each starting with '- kind:'"
        return f"'{field}' has no items — write them below '{field}:', each on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{field}' has no value — write its 'key: value' lines below '{field}:', indented"
    if kind in ("flag", "bool_type"):
        return f"'{field}' has no value — write true or false after '{field}:'"
    if kind == "float_type":
        return f"'{field}' has no value — write a size in points after '{field}:', e.g. 36"
    if expected == "colour":
        return (f"'{field}' has no value — write the colour in quotes, e.g. {field}: \"#1B3A5C\" (without quotes "
                "YAML reads everything after # as a comment)")
    if expected == "date":
        return f"'{field}' has no value — write a date after '{field}:', as YYYY-MM-DD"
    return f"{name} has no value — write it after '{field}:'"


def _slide_kind_problem(kind: str, slide: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    kind_node = slide.get("kind") if isinstance(slide, Mapping) else None
    if kind == "union_tag_not_found" or kind_node is None:
        if isinstance(slide, Mapping):
            for key, _ in slide.items:
                if _suggest(key.value, ["kind"]) == "kind":
                    return key, f"unknown key '{key.value}' in a slide — did you mean 'kind'?"
        return slide, f"this slide has no 'kind' — add e.g. 'kind: bullets' as its first line (kinds: {_KINDS})"
    if isinstance(kind_node, Scalar) and kind_node.is_null:
        return kind_node, f"'kind' has no value — write the kind of slide after 'kind:' (kinds: {_KINDS})"
    if not isinstance(kind_node, Scalar):
        return kind_node, f"'kind' should be one word, one of: {_KINDS} (found {_describe(to_plain(kind_node))})"
    tag = _clip(kind_node.value)
    if not tag:
        return kind_node, f"'kind' is empty — write the kind of slide after 'kind:' (kinds: {_KINDS})"
    suggestion = _did_you_mean(tag, list(SLIDE_KINDS))
    if suggestion:
        return kind_node, f"unknown slide kind '{tag}'{suggestion} (kinds: {_KINDS})"
    return kind_node, f"unknown slide kind '{tag}' — use one of: {_KINDS}"


def _not_a_slide(node: Node) -> str:
    if isinstance(node, Scalar) and node.is_null:
        return "this slide is empty — write its 'kind:' and 'title:' after the '- ', or remove the '-'"
    return (f"each slide should be a block of 'key: value' lines starting with 'kind:' "
            f"(found {_describe(to_plain(node))})")


def _custom_problem(kind: str, node: Node, ctx: dict[str, Any]) -> tuple[Node, str]:
    """Rules of the model that span several keys; ctx['at'] names the key (or row) the problem is about."""
    target = ctx.get("at")
    child = _child(node, target)
    if kind == "title_missing":
        if isinstance(child, Scalar) and child.is_null:
            return child, "'title' has no value — write the slide's title after 'title:'"
        return node, ("this bullets slide has no 'title' — add 'title: …', or 'continues: true' if it continues "
                      "the bullets slide before it")
    if kind == "alt_missing":
        if isinstance(child, Scalar) and child.is_null:
            return child, ("'alt' has no value — describe the picture for people who cannot see it, or write "
                           "'decorative: true' instead if it is only decoration")
        image = _key_node(node, "image") or node
        return image, ("this image has no alt text — add 'alt:' describing the picture for people who cannot see "
                       "it, or 'decorative: true' if it is only decoration")
    if kind == "one_sublist":
        return _key_node(node, target) or node, (f"a bullet can have only one list of sub-items, not both "
                                                 f"'{ctx.get('first')}' and '{ctx.get('second')}' — keep one of them")
    if kind == "row_length":
        rows = _child(node, "rows")
        row = _child(rows, target) if rows is not None else None
        cells, columns = ctx.get("cells", 0), ctx.get("columns", 0)
        return row or node, (f"row {ctx.get('row')} has {_count(cells, 'cell')} but the table has "
                             f"{_count(columns, 'column')} — give every row one cell per column (\"\" for an "
                             "empty cell)")
    if kind == "until_before_date":
        return child or node, (f"'until' ({ctx.get('until')}) must be a later day than 'date' ({ctx.get('date')}) — "
                               "it is the last day of a step that spans several days; fix the dates or remove 'until'")
    # min_above_size
    low, high = ctx.get("low"), ctx.get("high")
    size = ctx.get("size")
    first = "the first 'body' size" if size == "body" else f"'{size}'"
    message = (f"'{target}' ({low:g}) is larger than {first} ({high:g}) — the smallest size text may shrink to "
               "cannot be larger than its normal size")
    return child or _child(node, size) or node, message


# --- what the YAML tree can tell before the model sees it --------------------------------------------------------

def _structure_problems(root: Node, filename: str) -> tuple[list[Problem], set[TreePath]]:
    """What the model cannot say well by itself: nesting depth, and text that YAML read as 'key: value'.

    Returns the problems and the paths already explained, so the model's errors about them are left out.
    """
    problems: list[Problem] = []
    handled: set[TreePath] = set()
    if not isinstance(root, Mapping):
        return problems, handled
    slides = root.get("slides")
    if not isinstance(slides, Sequence):
        return problems, handled
    for i, slide in enumerate(slides.items):
        if not isinstance(slide, Mapping):
            continue
        for key, value in slide.items:
            if key.value in _SUBLISTS:
                _check_bullets(value, 1, ("slides", i, key.value), filename, problems, handled)
            if key.value in ("left", "right") and isinstance(value, Mapping):
                bullets = value.get("bullets")
                _check_bullets(bullets, 1, ("slides", i, key.value, "bullets"), filename, problems, handled)
    return problems, handled


def _check_bullets(node: Node | None, depth: int, path: TreePath, filename: str, problems: list[Problem],
                   handled: set[TreePath]) -> None:
    if not isinstance(node, Sequence):
        return
    for n, item in enumerate(node.items):
        if not isinstance(item, Mapping):
            continue
        if _is_colon_text(item, _BULLET_KEYS):
            key, value = item.items[0]
            problems.append(Problem(filename, item.line, item.column, _colon_advice(f"{key.value}: {value.value}")))
            handled.add((*path, n))
            continue
        for key in _SUBLISTS:
            child = item.get(key)
            if child is None or (isinstance(child, Scalar) and child.is_null):
                continue
            if depth >= MAX_BULLET_DEPTH:
                problems.append(Problem(filename, child.line, child.column,
                                        f"bullets nest at most {MAX_BULLET_DEPTH} levels deep — "
                                        "move these sub-items up a level or onto their own slide"))
            else:
                _check_bullets(child, depth + 1, (*path, n, key), filename, problems, handled)


def _is_colon_text(item: Mapping, known: tuple[str, ...]) -> bool:
    """'- Tema 1: KKR' is text to the writer and a 'key: value' pair to YAML."""
    if len(item.items) != 1:
        return False
    key, value = item.items[0]
    if key.value in known or _suggest(key.value, list(known)):
        return False
    return isinstance(value, Scalar) and not value.is_null and key.line == value.line


def _colon_advice(text: str) -> str:
    example = quote_for_yaml(text)
    message = "this text contains ': ', so YAML reads it as 'key: value' — put the whole text in quotes"
    return f"{message}, e.g. {example}" if example else message


def _colour_advice(value: str) -> str:
    short = re.fullmatch(r"#?([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])", value)
    if short:
        full = "#" + "".join(c * 2 for c in short.groups()).upper()
        return f"'{value}' is not a colour kkrdeck can use — write all six hex digits, in quotes: \"{full}\""
    return f"'{value}' is not a colour — write it as \"#RRGGBB\" (six hex digits, in quotes), e.g. \"#1B3A5C\""


# --- helpers ----------------------------------------------------------------------------------------------------

def _resolve(root: Node, loc: list[Any], model: Any = None, tags: bool = False) -> _Where:
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
            current = _item_type(current)
            if tags and parent_key in _UNION_LISTS and i + 1 < len(loc) and isinstance(loc[i + 1], str):
                current = _pick_union(current, loc[i + 1])
                i += 1
            if _is_model(current):
                owners.append(current)
            last_key = None
        elif isinstance(part, str) and isinstance(node, Mapping):
            found = next(((k, v) for k, v in node.items if k.value == part), None)
            if found is None:
                return _Where(node, path, owners, last_key, False, field_owner)
            last_key, node = found
            path.append(part)
            field_owner = current
            current = _field_type(current, part)
            if _is_model(current):
                owners.append(current)
            parent_key = part
        else:
            return _Where(node, path, owners, last_key, False, field_owner)
        i += 1
    return _Where(node, path, owners, last_key, True, field_owner)


def _child(node: Node | None, key: Any) -> Node | None:
    if isinstance(node, Mapping) and isinstance(key, str):
        return node.get(key)
    if isinstance(node, Sequence) and isinstance(key, int) and 0 <= key < len(node.items):
        return node.items[key]
    return None


def _key_node(node: Node, key: Any) -> Scalar | None:
    if isinstance(node, Mapping):
        return next((k for k, _ in node.items if k.value == key), None)
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _keys_of(owner: Any) -> list[str]:
    if not _is_model(owner):
        return []
    keys = [f.alias or name for name, f in owner.model_fields.items()]
    return sorted(keys, key=lambda k: k != "kind")  # a slide's 'kind' first, the rest in declaration order


def _suggest(key: str, known: list[str]) -> str | None:
    synonym = _SYNONYMS.get(key.lower())
    if synonym in known:
        return synonym
    lowered = {k.lower().replace("_", "-"): k for k in known}
    if key.lower().replace("_", "-") in lowered:
        return lowered[key.lower().replace("_", "-")]
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
    return match[0] if match else None


def _did_you_mean(word: str, candidates: list[str]) -> str:
    match = _suggest(word, candidates) if word not in candidates else None
    return f" — did you mean '{match}'?" if match else ""


def _slide_types() -> list[Any]:
    from kkrdeck.outline import model as m

    return [m.TitleSlide, m.SectionSlide, m.BulletsSlide, m.ProcessSlide, m.StatementsSlide, m.TwoColumnSlide,
            m.ImageSlide, m.TableSlide]


def _belongs_elsewhere(key: str, owner: Any) -> str | None:
    """Advice for a key that is right somewhere else — usually a line indented too little or too much."""
    from kkrdeck.outline.model import Column, Step

    slide_types = _slide_types()
    kinds = [_slide_kind(t) for t in slide_types if key in t.model_fields]
    if owner in slide_types and kinds:
        return f"'{key}' belongs to {_join(kinds)} slides; remove it, or change 'kind:'"
    if owner is not Deck and key in Deck.model_fields:
        return f"'{key}' belongs at the top of the deck, not indented: move it up next to 'title:' and 'slides:'"
    if kinds:
        return f"'{key}' belongs in a slide: indent it to line up with that slide's 'kind:' and 'title:'"
    if key in BulletItem.model_fields:
        return (f"'{key}' belongs to a bullet with sub-items, below its '- text: …': check the indentation of this "
                "line")
    if key in Step.model_fields:
        return f"'{key}' belongs to a process step, below its '- date: …': check the indentation of this line"
    if key in Column.model_fields:
        return f"'{key}' belongs in 'left:' or 'right:' of a two-column slide: check the indentation of this line"
    return None


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _slide_kind(owner: Any) -> str:
    return typing.get_args(owner.model_fields["kind"].annotation)[0]


def _block_name(owner: Any, path: list[Any], this: bool = False) -> str:
    """'a bullets slide', 'the deck', "'left'"… — the block a key belongs to; this=True: 'this bullets slide'."""
    if _is_model(owner) and "kind" in owner.model_fields and owner.__name__.endswith("Slide"):
        return f"{'this' if this else 'a'} {_slide_kind(owner)} slide"
    if path and isinstance(path[-1], str) and path[-1] in ("left", "right"):
        return f"'{path[-1]}'"
    if _is_model(owner) and owner.__name__ == "FontFiles" and path:
        return f"the font files of '{path[-1]}'"
    name = _BLOCK_NAMES.get(getattr(owner, "__name__", ""), "this block")
    return name.replace("a ", "this ", 1) if this and name.startswith("a ") else name


def _owner_phrase(owner: Any) -> str:
    """Who holds a list, for 'needs at least' and 'can have at most'."""
    if _is_model(owner) and owner.__name__.endswith("Slide"):
        return f"a {_slide_kind(owner)} slide"
    if owner is Deck:
        return "a deck"
    if owner is BulletItem:
        return "a bullet"
    return _BLOCK_NAMES.get(getattr(owner, "__name__", ""), "this list")


def _how_to_add(owner: Any, key: str, path: list[Any]) -> str:
    if key == "slides":
        return "add 'slides:' with the slides below it, each starting with '- kind:'"
    if key == "kind":
        return f"add e.g. 'kind: bullets' (kinds: {_KINDS})"
    if key == "text" and owner is BulletItem:
        return "add 'text: …' with the bullet's own text, above its list of sub-items"
    expected = _expected(owner, key, 0)
    if key == "steps":
        return "add 'steps:' with the steps below it, each starting with '- date: YYYY-MM-DD' and a 'text:' line"
    if expected == "list":
        noun = _item_noun(key, owner, 1)
        return f"add '{key}:' with one line per {noun} below it, each starting with '- '"
    if expected == "block" or _is_model(expected):
        return f"add '{key}:' with its 'key: value' lines below it, indented"
    if expected == "colour":
        return f"add '{key}: \"#RRGGBB\"' (in quotes)"
    if expected == "date":
        return f"add '{key}: YYYY-MM-DD'"
    return f"add '{key}: …'"


def _expected(owner: Any, field: str | None, depth: int) -> Any:
    """What a field (or, at depth > 0, an item of it) holds: 'list', 'block', 'colour', 'date', 'text' or a model."""
    if field is None:
        return None
    tp = _field_type(owner, field)
    for _ in range(depth):
        tp = _item_type(tp)
    if typing.get_origin(tp) is list:
        return "list"
    if _is_model(tp):
        return tp
    if typing.get_origin(tp) is dict:
        return "block"
    patterns = _patterns(owner, field)
    if HEX_COLOUR.pattern in patterns:
        return "colour"
    if ISO_DATE.pattern in patterns:
        return "date"
    return "text"


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

    if _is_model(owner):
        for name, f in owner.model_fields.items():
            if field in (name, f.alias):
                collect([*f.metadata, f.annotation])
    return found


def _required(owner: Any, field: str | None) -> bool:
    if not _is_model(owner) or field is None:
        return False
    for name, f in owner.model_fields.items():
        if field in (name, f.alias):
            return f.is_required()
    return False


def _field_of(path: list[Any]) -> tuple[str | None, int]:
    """The last key in a path and how many list levels below it the path goes."""
    depth = 0
    for part in reversed(path):
        if isinstance(part, int):
            depth += 1
        else:
            return part, depth
    return None, depth


def _item_noun(field: str | None, owner: Any, depth: int) -> str:
    if field == "rows" and depth >= 2:
        return "cell"
    if field in _SUBLISTS and owner is BulletItem:
        return "sub-item"
    return _ITEM_NOUNS.get(field or "", "item")


def _label(field: str | None, item: bool) -> str:
    return "- " if item or not field else f"{field}:"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of 'key: value' lines"
    if value is None:
        return "nothing"
    return f"the text '{_clip(str(value))}'"


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
    if _is_model(owner):
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
        if _is_model(member):
            kind = member.model_fields.get("kind")
            if kind is not None and tag in typing.get_args(kind.annotation):
                return member
            if tag == "item" and "text" in member.model_fields:
                return member
    return None

"""Validation: a positioned YAML tree → the typed model, with every problem collected and pointed at its line."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from kkrdeck.errors import DeckError, Problem
from kkrdeck.i18n import _
from kkrdeck.outline.loader import Mapping, Node, Scalar, Sequence, to_plain
from kkrdeck.outline.locate import resolve
from kkrdeck.outline.messages import (BULLETS_TOO_DEEP, SUBLISTS, Worded, colon_advice, is_colon_text, not_a_block,
                                      this, word_error)
from kkrdeck.outline.model import MAX_BULLET_DEPTH, Brand, Deck

M = typing.TypeVar("M", bound=BaseModel)
TreePath = tuple[Any, ...]

_BULLET_KEYS = ("text", *SUBLISTS)


@dataclass(frozen=True)
class Located:
    """A validated model together with the positions of its source nodes."""

    model: Any
    root: Node
    filename: str

    def position(self, *path: str | int) -> tuple[int, int]:
        node = resolve(self.root, list(path)).node
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


def _validate(model: type[M], root: Node, filename: str, problems: list[Problem], handled: set[TreePath]) -> M | None:
    if not isinstance(root, Mapping):
        problems.append(Problem(filename, root.line, root.column, not_a_block(model is Deck)))
        return None
    try:
        return model.model_validate(to_plain(root))
    except ValidationError as exc:
        found: list[Worded] = []
        for error in exc.errors():
            where = resolve(root, list(error["loc"]), model, tags=True)
            if any(tuple(where.path[:len(h)]) == h for h in handled):
                continue
            found.append(word_error(model, filename, error, where))
        # A misspelt key that is also reported missing ('titel' for 'title') is one mistake, told once.
        suggested = {(w.parent, w.suggestion) for w in found if w.kind == "extra_forbidden" and w.suggestion}
        for w in found:
            if w.kind in ("missing", "title_missing") and (w.parent, w.key) in suggested:
                continue
            if w.problem not in problems:
                problems.append(w.problem)
        return None


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
            if key.value in SUBLISTS:
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
        if is_colon_text(item, _BULLET_KEYS):
            key, value = item.items[0]
            noun = "bullet" if depth == 1 else "sub-item"
            problems.append(Problem(filename, item.line, item.column,
                                    colon_advice(f"{key.value}: {value.value}", this(noun))))
            handled.add((*path, n))
            continue
        for key in SUBLISTS:
            child = item.get(key)
            if child is None or (isinstance(child, Scalar) and child.is_null):
                continue
            if depth >= MAX_BULLET_DEPTH:
                problems.append(Problem(filename, child.line, child.column,
                                        _(BULLETS_TOO_DEEP).format(depth=MAX_BULLET_DEPTH)))
            else:
                _check_bullets(child, depth + 1, (*path, n, key), filename, problems, handled)

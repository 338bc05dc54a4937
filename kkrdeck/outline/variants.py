"""Variants of one outline: `variants:` read and checked, and each variant's own tree, placeholders filled in."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable

from kkrdeck.errors import Problem
from kkrdeck.i18n import gettext_, ngettext  # gettext_: "_" is a loop variable here
from kkrdeck.outline.loader import Mapping, Node, Scalar, Sequence
from kkrdeck.plan.danish import long_date

# Deck-level fields a variant may set for itself; everything else (slides above all) is shared.
OVERRIDABLE = ("title", "subtitle", "organisation", "author", "date", "language", "brand", "template")
FILLED_IN = ("date", "variant")  # placeholders kkrdeck fills in itself
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VALUE_NAME = re.compile(r"[^\W\d][\w-]*")
# `{{`, `}}`, a placeholder, or a brace on its own
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
# Keys whose text is not prose: never filled in (a kind, a flag, a date, a path kkrdeck resolves)
_NOT_TEXT = frozenset({"kind", "overflow", "continues", "decorative", "date", "until", "language", "brand",
                       "template", "only", "skip"})
_DECK_TEXT = ("title", "subtitle", "organisation", "author")


@dataclass(frozen=True)
class Variant:
    """One meeting's version of the deck: its name, the deck-level fields it sets, its values."""

    name: str
    node: Scalar  # the name as written, for positions
    overrides: tuple[tuple[Scalar, Node], ...]
    values: dict[str, str]


def has_variants(root: Node) -> bool:
    return isinstance(root, Mapping) and root.get("variants") is not None


def read_variants(root: Node, filename: str) -> tuple[list[Variant], list[Problem]]:
    """The variants the deck declares, and every problem with them and with the slides' `only:`/`skip:`."""
    problems: list[Problem] = []
    node = root.get("variants") if isinstance(root, Mapping) else None
    if not isinstance(node, Mapping) or not node.items:
        where = node if node is not None else root
        problems.append(Problem(filename, where.line, where.column, gettext_(
            "'variants:' must list the variants by name, each with what differs, e.g. 'hovedstaden:' and under it "
            "'values: {region: Hovedstaden}'")))
        return [], problems
    variants = [v for v in (_variant(key, value, filename, problems) for key, value in node.items) if v is not None]
    _check_values_agree(variants, filename, problems)
    names = [v.name for v in variants]
    for _, slide, key, item in _choices(root):
        if item.value not in names:
            problems.append(Problem(filename, item.line, item.column, gettext_(
                "unknown variant '{name}' in '{key}:'{hint} (the variants are {names})").format(
                name=item.value, key=key, hint=_did_you_mean(item.value, names), names=_listed(names))))
    for _, slide, key, item in _choices(root, empty=True):
        problems.append(Problem(filename, item.line, item.column, gettext_(
            "'{key}:' needs at least one variant name, e.g. '{key}: [{example}]'").format(
            key=key, example=names[0] if names else "hovedstaden")))
    for slide in _slides(root):
        if slide.get("only") is not None and slide.get("skip") is not None:
            skip = slide.get("skip")
            assert skip is not None
            problems.append(Problem(filename, skip.line, skip.column, gettext_(
                "a slide can have 'only:' or 'skip:', not both — keep the one that is shorter to read")))
    return variants, problems


def variant_tree(root: Mapping, variant: Variant, filename: str, source: str | None,
                 others: frozenset[str] = frozenset()) -> tuple[Mapping, list[Problem]]:
    """The outline as this variant sees it: its fields set, its slides chosen, its placeholders filled in."""
    problems: list[Problem] = []
    date = _date_text(root, variant)
    values = {**variant.values, "variant": variant.name, **({"date": date} if date else {})}
    fill = Filler(values, filename, source, problems, date_missing=date is None, others=others)
    overrides = {key.value: (key, value) for key, value in variant.overrides}
    items: list[tuple[Scalar, Node]] = []
    for key, value in root.items:
        if key.value == "variants":
            continue
        if key.value in overrides:
            key, value = overrides.pop(key.value)
        if key.value == "slides" and isinstance(value, Sequence):
            value = Sequence(value.line, value.column, tuple(fill.node(without_choices(s)) for s in value.items
                                                             if _included(s, variant.name)))
        elif key.value in _DECK_TEXT:
            value = fill.node(value)
        items.append((key, value))
    for key, value in overrides.values():  # fields the deck itself leaves out
        items.append((key, fill.node(value) if key.value in _DECK_TEXT else value))
    return Mapping(root.line, root.column, tuple(items)), problems


def brand_filler(variant_values: dict[str, str], problems: list[Problem], source: Callable[[str], str | None],
                 others: frozenset[str] = frozenset()) -> Callable[[Node, str], Node]:
    """Fills the placeholders of a brand file's footer, the one brand text that shows on the slides."""

    def fill(root: Node, filename: str) -> Node:
        if not isinstance(root, Mapping) or not isinstance(root.get("footer"), Scalar):
            return root
        filler = Filler(variant_values, filename, source(filename), problems,
                        date_missing="date" not in variant_values, others=others)
        return Mapping(root.line, root.column, tuple((k, filler.node(v) if k.value == "footer" else v)
                                                     for k, v in root.items))
    return fill


def tree_values(root: Mapping, variant: Variant) -> dict[str, str]:
    """What `{name}` turns into for this variant, `{date}` and `{variant}` included."""
    date = _date_text(root, variant)
    return {**variant.values, "variant": variant.name, **({"date": date} if date else {})}


class Filler:
    """Fills `{name}` placeholders into every text of a tree, reporting unknown names where they are written."""

    def __init__(self, values: dict[str, str], filename: str, source: str | None, problems: list[Problem],
                 date_missing: bool = False, others: frozenset[str] = frozenset()) -> None:
        self.values, self.filename, self.problems = values, filename, problems
        self.others = others  # values other variants have: a missing one is told once, at the variant
        self.lines = source.split("\n") if source is not None else None
        self.date_missing = date_missing

    def node(self, node: Node) -> Node:
        if isinstance(node, Scalar):
            return self.scalar(node) if not node.is_null else node
        if isinstance(node, Sequence):
            return Sequence(node.line, node.column, tuple(self.node(item) for item in node.items))
        if isinstance(node, Mapping):
            return Mapping(node.line, node.column, tuple(
                (k, v if k.value in _NOT_TEXT else self.node(v)) for k, v in node.items))
        return node

    def scalar(self, node: Scalar) -> Scalar:
        text, out, seen = node.value, [], 0
        for m in _TOKEN.finditer(text):
            out.append(text[seen:m.start()])
            seen = m.end()
            token = m.group(0)
            if token in ("{{", "}}"):
                out.append(token[0])
            elif m.group(1) is None:
                self._problem(node, token, gettext_(
                    "a single '{token}' — write '{double}' for a literal brace, or write a placeholder such as "
                    "{example}").format(token=token, double=token * 2, example="{" + next(iter(self.values)) + "}"))
            else:
                name = m.group(1).strip()
                if name in self.values:
                    out.append(self.values[name])
                elif name in self.others:
                    out.append(token)
                elif name == "date" and self.date_missing:
                    self._problem(node, token, gettext_("'{date}' needs a date: give the deck or this variant "
                                                        "'date:' (YYYY-MM-DD)"))
                else:
                    known = [k for k in self.values if k not in FILLED_IN]
                    hint = _did_you_mean(name, list(self.values))
                    self._problem(node, token, gettext_("unknown placeholder '{token}'{hint}").format(
                        token=token, hint=hint) + ("" if hint else gettext_(
                            " — the values are {values}; add '{name}' under every variant's 'values:', or write '{{{{' "
                            "for a literal brace").format(values=_listed(known + list(FILLED_IN)), name=name)))
        out.append(text[seen:])
        filled = "".join(out)
        return node if filled == text else Scalar(node.line, node.column, filled, node.plain)

    def _problem(self, node: Scalar, token: str, message: str) -> None:
        line, column = self._where(node, token)
        problem = Problem(self.filename, line, column, message)
        if problem not in self.problems:
            self.problems.append(problem)

    def _where(self, node: Scalar, token: str) -> tuple[int, int]:
        """Where `token` is written: searched in the source from the text's start (any quoting, any block)."""
        if self.lines is None or node.line < 1:
            return node.line, node.column
        for n in range(node.line - 1, min(len(self.lines), node.line + 200)):
            start = node.column - 1 if n == node.line - 1 else 0
            at = self.lines[n].find(token, start)
            if at >= 0:
                return n + 1, at + 1
        return node.line, node.column


def _variant(key: Scalar, value: Node, filename: str, problems: list[Problem]) -> Variant | None:
    name = key.value
    if not NAME.fullmatch(name):
        problems.append(Problem(filename, key.line, key.column, gettext_(
            "the variant name '{name}' can only have lower-case letters, digits and '-' (it becomes part of the file "
            "name) — write e.g. '{example}'").format(name=name, example=_as_name(name))))
        return None
    if isinstance(value, Scalar) and value.is_null:
        return Variant(name, key, (), {})
    if not isinstance(value, Mapping):
        problems.append(Problem(filename, value.line, value.column, gettext_(
            "variant '{name}' must be a block of what differs: 'date:', 'values:' and other deck fields, each on its "
            "own line").format(name=name)))
        return None
    overrides, values = [], {}
    for k, v in value.items:
        if k.value == "values":
            values = _values(name, v, filename, problems)
        elif k.value in OVERRIDABLE:
            overrides.append((k, v))
        else:
            problems.append(Problem(filename, k.line, k.column, gettext_(
                "unknown key '{key}' in variant '{name}'{hint} (a variant can set {keys})").format(
                key=k.value, name=name, hint=_did_you_mean(k.value, [*OVERRIDABLE, "values"]),
                keys=_listed([*OVERRIDABLE, "values"]))))
    return Variant(name, key, tuple(overrides), values)


def _values(name: str, node: Node, filename: str, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(node, Mapping):
        problems.append(Problem(filename, node.line, node.column, gettext_(
            "'values:' of variant '{name}' must be a block of 'name: text' lines, e.g. 'region: Hovedstaden'").format(
            name=name)))
        return {}
    values = {}
    for k, v in node.items:
        if k.value in FILLED_IN:
            message = (gettext_("'{{{key}}}' is filled in by kkrdeck (the variant's date) — choose another name")
                       if k.value == "date" else
                       gettext_("'{{{key}}}' is filled in by kkrdeck (the variant's name) — choose another name"))
            problems.append(Problem(filename, k.line, k.column, message.format(key=k.value)))
        elif not VALUE_NAME.fullmatch(k.value):
            problems.append(Problem(filename, k.line, k.column, gettext_(
                "'{key}' cannot be a placeholder name: start with a letter, then letters, digits, '_' or '-'").format(
                key=k.value)))
        elif not isinstance(v, Scalar) or v.is_null:
            problems.append(Problem(filename, v.line, v.column, gettext_(
                "'{key}' in variant '{name}' needs a text, e.g. '{key}: Hovedstaden'").format(key=k.value, name=name)))
        else:
            values[k.value] = v.value
    return values


def _check_values_agree(variants: list[Variant], filename: str, problems: list[Problem]) -> None:
    """Every variant gives every value: a `{by}` that one meeting lacks would show as a hole on its slides."""
    for variant in variants:
        for other in variants:
            missing = [k for k in other.values if k not in variant.values]
            if missing:
                names = ", ".join(f"'{k}'" for k in missing)
                problems.append(Problem(filename, variant.node.line, variant.node.column, ngettext(
                    "variant '{name}' has no value for {names}, which '{other}' has — add it under its 'values:'",
                    "variant '{name}' has no value for {names}, which '{other}' has — add them under its 'values:'",
                    len(missing)).format(name=variant.name, names=names, other=other.name)))
                break


def _date_text(root: Mapping, variant: Variant) -> str | None:
    from kkrdeck.outline.model import parse_iso_date

    node = dict((k.value, v) for k, v in variant.overrides).get("date") or root.get("date")
    if not isinstance(node, Scalar) or node.is_null:
        return None
    try:
        return long_date(parse_iso_date(node.value.strip()))
    except ValueError:
        return None  # the deck's validation says what is wrong with it


def _slides(root: Node) -> list[Mapping]:
    slides = root.get("slides") if isinstance(root, Mapping) else None
    return [s for s in slides.items if isinstance(s, Mapping)] if isinstance(slides, Sequence) else []


def _choices(root: Node, empty: bool = False) -> list[tuple[int, Mapping, str, Node]]:
    """Every name in a slide's `only:`/`skip:` (a list or one name); with `empty`, the lists that name none."""
    found = []
    for n, slide in enumerate(_slides(root)):
        for key in ("only", "skip"):
            node = slide.get(key)
            if node is None:
                continue
            items = node.items if isinstance(node, Sequence) else (node,)
            names = [i for i in items if isinstance(i, Scalar) and not i.is_null]
            if empty and not names:
                found.append((n, slide, key, node))
            elif not empty:
                found.extend((n, slide, key, i) for i in names)
    return found


def _included(slide: Node, name: str) -> bool:
    if not isinstance(slide, Mapping):
        return True
    for key, wanted in (("only", True), ("skip", False)):
        node = slide.get(key)
        if node is not None:
            items = node.items if isinstance(node, Sequence) else (node,)
            named = name in [i.value for i in items if isinstance(i, Scalar)]
            return named == wanted
    return True


def without_choices(slide: Node) -> Node:
    """A slide without its `only:`/`skip:`: the slide model does not know them."""
    if not isinstance(slide, Mapping):
        return slide
    return Mapping(slide.line, slide.column, tuple((k, v) for k, v in slide.items if k.value not in ("only", "skip")))


def _did_you_mean(word: str, candidates: list[str]) -> str:
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in candidates}
        match = [lowered[word.lower()]] if word.lower() in lowered else []
    return gettext_(" — did you mean '{suggestion}'?").format(suggestion=match[0]) if match else ""


def _listed(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + gettext_(" and ") + quoted[-1]


def _as_name(name: str) -> str:
    """'Sjælland' → 'sjaelland': the file-name-safe spelling a Dane would type."""
    text = name.lower()
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u"), ("ö", "oe"), ("ä", "ae")):
        text = text.replace(danish, plain)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "region-1"

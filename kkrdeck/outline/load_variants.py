"""Every variant of a deck loaded: one validated outline per variant, problems told once and said whose they are."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from kkrdeck.errors import DeckError, KkrdeckError, Problem, display_path
from kkrdeck.i18n import _
from kkrdeck.outline.load import Inspection, Outline, inspect_outline
from kkrdeck.outline.loader import Limits, Mapping, load_file
from kkrdeck.outline.variants import (brand_filler, has_variants, read_variants, tree_values, variant_tree,
                                      _did_you_mean, _listed)


class VariantChoiceError(KkrdeckError):
    """`--variant` names a variant the deck does not have (a usage error: the deck is fine)."""


@dataclass(frozen=True)
class Variants:
    """What loading the variants found: every declared name, and per chosen variant its inspection."""

    names: tuple[str, ...]
    inspections: tuple[tuple[str, Inspection], ...]
    problems: tuple[Problem, ...]  # every problem of every chosen variant, each once, tagged when not shared

    def outlines(self) -> list[tuple[str, Outline]]:
        """Each chosen variant's outline; raises every problem at once if any variant has one."""
        if self.problems:
            raise DeckError(list(self.problems))
        found = [(name, i.outline) for name, i in self.inspections if i.outline is not None]
        assert len(found) == len(self.inspections), "a variant that failed must say why"
        return found


def deck_has_variants(deck_path: Path, limits: Limits = Limits()) -> bool:
    return has_variants(load_file(deck_path, limits))


def inspect_variants(deck_path: Path, allow_outside: bool = False, limits: Limits = Limits(),
                     template: Path | None = None, chosen: tuple[str, ...] = ()) -> Variants | None:
    """The deck's variants (those in `chosen`, else all), each validated like a deck of its own; None without any.

    A problem in the text every variant shares is told once; one that only some variants have says which."""
    root = load_file(deck_path, limits)
    if not has_variants(root):
        if chosen:
            raise VariantChoiceError(_("{deck} has no 'variants:', so there is no variant '{name}' — leave out "
                                       "--variant").format(deck=display_path(deck_path), name=chosen[0]))
        return None
    assert isinstance(root, Mapping)
    filename = display_path(deck_path)
    variants, problems = read_variants(root, filename)
    names = tuple(v.name for v in variants)
    for name in chosen:
        if name not in names and not problems:
            raise VariantChoiceError(_("{deck} has no variant '{name}'{hint} (its variants are {names})").format(
                deck=filename, name=name, hint=_did_you_mean(name, list(names)), names=_listed(list(names))))
    if not variants:
        return Variants(names, (), tuple(_ordered(problems)))
    picked = [v for v in variants if not chosen or v.name in chosen]
    source = _text(deck_path)
    sources: dict[str, str | None] = {}
    per_variant: list[tuple[str, Inspection, list[Problem]]] = []
    others = frozenset(k for v in variants for k in v.values)
    for variant in picked:
        tree, own = variant_tree(root, variant, filename, source, others)
        fill = brand_filler(tree_values(root, variant), own, lambda f: sources.setdefault(f, _text(Path(f))), others)
        inspection = inspect_outline(deck_path, allow_outside, limits, template, root=tree, brand_fill=fill)
        found = own + list(inspection.problems)
        if own and inspection.outline is not None:
            inspection = replace(inspection, outline=None)
        per_variant.append((variant.name, inspection, found))
    merged = merge_problems([(name, found) for name, _, found in per_variant]) + problems
    return Variants(names, tuple((name, i) for name, i, _ in per_variant), tuple(_ordered(merged)))


def merge_problems(found: list[tuple[str, list[Problem]]]) -> list[Problem]:
    """Each problem once; one that not every variant has names the variants it is in."""
    everyone = [name for name, _ in found]
    whose: dict[Problem, list[str]] = {}
    for name, problems in found:
        for p in problems:
            whose.setdefault(p, []).append(name)
    merged = []
    for p, names in whose.items():
        if len(names) < len(everyone):
            label = (_("in variant '{name}': ").format(name=names[0]) if len(names) == 1
                     else _("in variants {names}: ").format(names=_listed(names)))
            p = replace(p, message=label + p.message)
        merged.append(p)
    return _ordered(merged)


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line, p.column))  # stable, as in DeckError


def _text(path: Path) -> str | None:
    """The file's text, to find where in a line a placeholder is written."""
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None

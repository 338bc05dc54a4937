"""`kkrdeck check`: validate and plan a deck without writing, and report what a reviewer should know."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kkrdeck.errors import DeckError, KkrdeckError, Problem
from kkrdeck.i18n import _, ngettext

if TYPE_CHECKING:
    from kkrdeck.outline.load import Inspection


@dataclass(frozen=True)
class Report:
    """Everything found about a deck: errors, warnings and notices in line order, and the slides it would make."""

    problems: tuple[Problem, ...]
    slides: int
    variants: int = 0  # how many variants were checked (0: the deck has none)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.severity not in ("error", "warning")]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self, strict: bool = False) -> str:
        """One line for stdout: the counts and what they mean."""
        errors, warnings, notices = len(self.errors), len(self.warnings), len(self.notices)
        counts = ", ".join((ngettext("{n} error", "{n} errors", errors).format(n=errors),
                            ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
                            ngettext("{n} notice", "{n} notices", notices).format(n=notices)))
        slides = ngettext("{n} slide", "{n} slides", self.slides).format(n=self.slides)
        if self.errors:
            return ngettext("{counts} — fix the error, then check again", "{counts} — fix the errors, then check again",
                            errors).format(counts=counts)
        if strict and self.warnings:
            return _("{slides}, {counts} — warnings fail with --strict").format(slides=slides, counts=counts)
        if self.variants:
            variants = ngettext("{n} variant", "{n} variants", self.variants).format(n=self.variants)
            slides = _("{slides} in {variants}").format(slides=slides, variants=variants)
        return _("{slides}, {counts} — ready to build").format(slides=slides, counts=counts)


def check_deck(deck_path: Path, allow_outside: bool = False, template: Path | None = None) -> Report:
    """Load, validate, resolve the design, plan and judge contrast, writing nothing; every problem is reported.

    Every check a build can fail on runs in these stages, so a deck `check` passes is one `build` builds."""
    from kkrdeck.outline.load import inspect_outline
    from kkrdeck.outline.load_variants import inspect_variants, merge_problems

    try:
        variants = inspect_variants(deck_path, allow_outside, template=template)
        if variants is None:
            return _check(inspect_outline(deck_path, allow_outside, template=template))
    except DeckError as exc:
        return Report(_ordered(exc.problems), 0)
    # Every variant is checked as a deck of its own; a problem not all of them have says whose it is.
    if not variants.inspections:
        return Report(_ordered(list(variants.problems)), 0)
    reports = [(name, _check(inspection)) for name, inspection in variants.inspections]
    problems = merge_problems([(name, list(r.problems)) for name, r in reports])
    slides = sum(r.slides for _, r in reports) if all(r.slides for _, r in reports) else 0
    return Report(_ordered(list(variants.problems) + problems), slides, len(reports))


def _check(inspection: Inspection) -> Report:
    from kkrdeck.design.contrast import contrast_problems
    from kkrdeck.design.design import design_for
    from kkrdeck.plan.make import make_plan

    problems = list(inspection.problems)
    if inspection.brand_source is not None and not inspection.template_named:
        # With an organisation's template its theme colours are used, not the brand's: those are its own affair.
        problems.extend(contrast_problems(inspection.brand_source))
    if inspection.outline is None:
        return Report(_ordered(problems), 0)
    try:
        plan = make_plan(inspection.outline, design_for(inspection.outline))
    except DeckError as exc:
        return Report(_ordered(problems + exc.problems), 0)
    except KkrdeckError as exc:  # e.g. a template kkrdeck cannot build on: its messages name the file already
        return Report(_ordered(problems + [_as_problem(line) for line in exc.lines()]), 0)
    return Report(_ordered(problems + list(plan.notices)), len(plan.slides))


def _as_problem(line: str) -> Problem:
    """'file: message' (how kkrdeck words errors without a line) as a Problem, so it prints the same."""
    where, sep, message = line.partition(": ")
    return Problem(where, 0, 0, message) if sep else Problem("kkrdeck", 0, 0, line)


def _ordered(problems: list[Problem]) -> tuple[Problem, ...]:
    unique = list(dict.fromkeys(problems))
    return tuple(sorted(unique, key=lambda p: (p.file, p.line, p.column)))

"""`kkrdeck check`: validate and plan a deck without writing, and report what a reviewer should know."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kkrdeck.errors import DeckError, Problem
from kkrdeck.pipeline import load_outline, make_plan


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    slides: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def summary(self) -> str:
        notices = len(self.problems) - len(self.errors) - len(self.warnings)
        if self.errors:
            return f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')} — nothing built"
        return (f"{self.slides} slides, {_count(len(self.warnings), 'warning')}, {_count(notices, 'notice')} — "
                "ready to build")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def check_deck(deck_path: Path, allow_outside: bool = False) -> Report:
    try:
        outline = load_outline(deck_path, allow_outside)
        plan = make_plan(outline)
    except DeckError as exc:
        return Report(tuple(exc.problems), 0)
    from kkrdeck.contrast import contrast_problems

    extra = contrast_problems(outline)
    return Report(tuple(sorted(plan.notices + tuple(extra), key=lambda p: (p.file, p.line, p.column))),
                  len(plan.slides))

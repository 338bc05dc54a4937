"""Domain errors: every problem carries the file, line and column it points at."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth knowing) about the input, at a place in a file."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" | "warning" | "notice"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        from kkrdeck.i18n import _

        # 'warning: ' / 'advarsel: ' ('error' has no prefix); named in full so each is in the catalog
        prefix = {"warning": _("warning: "), "notice": _("notice: ")}.get(self.severity, "")
        if self.severity not in ("error", "warning", "notice"):
            prefix = f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


class KkrdeckError(Exception):
    """Base of every error kkrdeck raises on purpose; the CLI turns it into a message and exit code 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        return [self.message]


class DeckError(KkrdeckError):
    """The outline (or a file it uses) has problems; all of them are collected here, in line order."""

    def __init__(self, problems: list[Problem]) -> None:
        # by place only, and stable: two problems at one place keep the order they were found in, which is the
        # same in every language (sorting by their wording would swap them between English and Danish)
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class ExportError(KkrdeckError):
    """LibreOffice is missing, failed, or produced something other than expected."""


class TemplateError(KkrdeckError):
    """An organisation template cannot be used as it is."""


def display_path(path: Path | str) -> str:
    """The path as the user would recognise it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)

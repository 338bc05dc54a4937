"""Inline markup in slide text: **bold**, *italic*, [text](https://…) links, and \\* for a literal star."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\\([*\[\]\\])|\*\*(.+?)\*\*(?!\*)|\*(?![\s*])(.+?)(?<![\s\\])\*|\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Run:
    """A piece of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Text with inline markup → runs; adjacent runs of the same style are merged."""
    runs: list[Run] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()], bold, italic))
        escaped, strong, emph, label, url = m.groups()
        if escaped is not None:
            runs.append(Run(escaped, bold, italic))
        elif strong is not None:
            runs.extend(parse_inline(strong, True, italic))
        elif emph is not None:
            runs.extend(parse_inline(emph, bold, True))
        else:
            runs.extend(Run(r.text, r.bold, r.italic, url) for r in parse_inline(label, bold, italic))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return _merge(runs)


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (run.bold, run.italic, run.link):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.link)
        else:
            merged.append(run)
    return tuple(merged)

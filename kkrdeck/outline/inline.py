"""Inline markup in slide text: **bold**, *italic*, [text](https://…) links, \\* for a literal star, line breaks.

The one parser of it: validation reads links from its runs and the planner measures and writes the same runs.
A line break, however it was written (a `|` block, "\\n", CR LF, U+2028…), is "\\n" in a run's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kkrdeck.outline.characters import normalise_breaks

# A link's target may be empty here, so that '[KL]()' is a link without an address (refused by validation)
# rather than text that reads "[KL]()" on the slide.
# A target may hold balanced round brackets, as Wikipedia's do: [Fyn](https://en.wikipedia.org/wiki/Fyn_(island)).
_TOKEN = re.compile(r"\\([*\[\]\\])|\*\*(.+?)\*\*(?!\*)|\*(?![\s*])(.+?)(?<![\s\\])\*"
                    r"|\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))*)\)", re.DOTALL)
LINE_BREAK = "\n"


@dataclass(frozen=True)
class Run:
    """A piece of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


class Markup(str):
    """Text as written in the outline, with the runs it reads as on the slide: parsed once, when it is validated.

    It is the text itself (a str), so it compares, prints and names files as the user wrote it.
    """

    runs: tuple[Run, ...]

    def __new__(cls, source: str, runs: tuple[Run, ...] | None = None) -> Markup:
        self = super().__new__(cls, source)
        self.runs = parse_inline(source) if runs is None else runs
        return self

    def __reduce__(self) -> tuple[type[Markup], tuple[str, tuple[Run, ...]]]:
        return Markup, (str(self), self.runs)

    def styled(self, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
        """The runs with bold or italic added throughout, as for a title or a caption."""
        return restyle(self.runs, bold, italic)

    def count_breaks(self) -> int:
        """How many line breaks the user wrote into the text (those it starts or ends with do not count)."""
        return sum(run.text.count(LINE_BREAK) for run in self.runs)

    def followed_by(self, plain: str) -> Markup:
        """This text with plain text after it, as ' (II)' after a continued title; the plain text is not parsed."""
        return Markup(str(self) + plain, _merge([*self.runs, Run(plain)]))


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Text with inline markup → runs; adjacent runs of the same style are merged.

    Line breaks become "\\n"; those at the very start or end (a `|` block's last one) are dropped."""
    text = normalise_breaks(text)
    if LINE_BREAK in text:
        text = text.strip(LINE_BREAK)
    if "*" not in text and "[" not in text and "\\" not in text:  # no token can start: most text, read at once
        return (Run(text, bold, italic),) if text else ()
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


def restyle(runs: tuple[Run, ...], bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Runs with bold or italic added throughout: what parse_inline(text, bold, italic) gives for their text."""
    if not (bold or italic):
        return runs
    return _merge([Run(r.text, r.bold or bold, r.italic or italic, r.link) for r in runs])


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

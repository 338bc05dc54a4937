"""The table slide: columns as wide as their words, numbers right-aligned, rows split where they really end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from kkrdeck.design.geometry import EMU_PER_PT, Box, Insets, inch
from kkrdeck.i18n import gettext_
from kkrdeck.outline.inline import Run
from kkrdeck.outline.model import TableSlide
from kkrdeck.plan.danish import continuation_marks, continued_title
from kkrdeck.plan.data import PlannedSlide, Table, TextBlock
from kkrdeck.plan.planner import FLOOR_SIZE, _Context, fit_title
from kkrdeck.plan.textfit import WIDTH_SLACK, Measurer, Paragraph, lay_out, size_steps, split_lines

CELL_INSETS = Insets(inch(0.1), inch(0.05), inch(0.1), inch(0.05))
ROW_SLACK = 1.0  # pt added to every row: renderers round a line's height up, and a row never shrinks below it
STEP = 0.5  # pt between the sizes tried

# What counts as a number in a cell, so it is right-aligned: Danish and English digit grouping ("1.234.567",
# "1,234", "1 234"), a decimal part ("12,5", "12.5"), a sign ("-3", "−3", "÷3", the Danish minus, "+2"), a
# currency before or after ("kr. 1.200", "1.200 kr.", "DKK 50", "€ 12", "1.200,-") and up to two units after
# ("45 %", "45 pct.", "12 mio. kr.", "3 t.kr."). Dates ("2017-08-01", "1.9.2017", "1. september") and text
# with a number in it ("ca. 60", "Møde nr. 3") are not numbers: they stay left-aligned.
_CURRENCY = r"(?:kr\.?|DKK|EUR|USD|GBP|SEK|NOK|€|\$|£)"
_UNIT = r"(?:%|‰|pct\.?|procent|kr\.?|DKK|EUR|USD|GBP|SEK|NOK|€|mio\.?|mia\.?|t\.\s?kr\.?|tkr\.?)"
_AMOUNT = r"[+\-−–÷]?\s?(?:\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,]\d+)?(?:,-)?"
_NUMBER = re.compile(rf"(?:{_CURRENCY}\s?)?{_AMOUNT}(?:\s?{_UNIT}){{0,2}}", re.IGNORECASE)
# a cell that says "nothing here" does not make a column of numbers a column of text
_BLANKS = frozenset({"", "-", "–", "—", "…"})


def is_number(text: str) -> bool:
    """Whether a cell's text is a number (with its sign, currency or unit), as a reader would line it up."""
    return _NUMBER.fullmatch(text.strip()) is not None


def numeric_columns(rows: Sequence[Sequence[str]]) -> list[bool]:
    """Per column: every body cell is a number or blank, and at least one is a number.

    Alignment is decided per column, not per cell: a text column with one number in it stays left-aligned,
    since a single right-aligned cell reads as a mistake."""
    columns = len(rows[0]) if rows else 0
    out = []
    for c in range(columns):
        texts = [row[c].strip() for row in rows]
        out.append(any(is_number(t) for t in texts) and all(is_number(t) or t in _BLANKS for t in texts))
    return out


@dataclass(frozen=True)
class _Row:
    cells: tuple[TextBlock, ...]
    height: int  # EMU
    broken: bool  # a word had to be split between letters


@dataclass(frozen=True)
class _Laid:
    """The table at one size: its column widths and every row measured in them (the header first)."""

    widths: tuple[int, ...]
    rows: tuple[_Row, ...]

    @property
    def broken(self) -> bool:
        return any(r.broken for r in self.rows)

    @property
    def height(self) -> int:
        return sum(r.height for r in self.rows)


def _words(runs: Sequence[Run], m: Measurer, size: float) -> list[float]:
    """The width of every word (a word may span runs of different styles), in points."""
    widths = []
    for line in split_lines(runs):
        word = 0.0
        for run in line:
            for n, part in enumerate(run.text.split(" ")):
                if n and word:
                    widths.append(word)
                    word = 0.0
                if part:
                    word += m.width(part, size, run.bold, run.italic)
        if word:
            widths.append(word)
    return widths


def _natural(runs: Sequence[Run], m: Measurer, size: float) -> float:
    """The width of the widest line the text has when it is not wrapped, in points."""
    return max((sum(m.width(r.text, size, r.bold, r.italic) for r in line) for line in split_lines(runs)),
               default=0.0)


def column_widths(rows: Sequence[Sequence[Sequence[Run]]], total: int, m: Measurer, size: float) -> list[int]:
    """Widths in EMU that add up to `total`: no column narrower than its longest word at `size` (header included),
    as wide as its longest line where there is room, and the rest shared as the columns' text is long.

    The automatic layout of HTML tables: when every column's longest line fits, each gets it and the rest
    of the width goes to the columns in proportion to it; else every column gets its longest word and the
    width left is shared by how much more each one would need to hold its longest line. Only when the
    longest words alone are wider than the table do the columns go below them (the words will break, and
    the planner tries a smaller size)."""
    columns = len(rows[0])
    # what a cell's text may fill: the width lay_out wraps at (insets off, its slack), plus a hair for rounding
    pad = (CELL_INSETS.left + CELL_INSETS.right) / EMU_PER_PT

    def cell(width: float) -> float:
        return width / WIDTH_SLACK + pad + 0.25 if width else pad

    least, most = [pad] * columns, [pad] * columns
    for row in rows:
        for c, runs in enumerate(row):
            least[c] = max(least[c], cell(max(_words(runs, m, size), default=0.0)))
            most[c] = max(most[c], cell(_natural(runs, m, size)))
    room = total / EMU_PER_PT
    if sum(most) <= room:
        widths = [w * room / sum(most) for w in most]
    elif sum(least) <= room:
        spare, wanted = room - sum(least), sum(h - lo for h, lo in zip(most, least))
        widths = [lo + (h - lo) * spare / wanted for h, lo in zip(most, least)]
    else:
        widths = [w * room / sum(least) for w in least]
    emu = [int(w * EMU_PER_PT) for w in widths]
    emu[-1] += total - sum(emu)
    return emu


def _lay(cells: Sequence[Sequence[Paragraph]], m: Measurer, size: float, total: int) -> _Laid:
    widths = column_widths([[cell[0].runs for cell in row] for row in cells], total, m, size)
    rows = []
    for row in cells:
        laid = [lay_out(m, cell, [size], Box(0, 0, w, 10 ** 9), CELL_INSETS) for cell, w in zip(row, widths)]
        height = int((max(f.height for f in laid) + ROW_SLACK) * EMU_PER_PT) + CELL_INSETS.top + CELL_INSETS.bottom
        blocks = tuple(TextBlock(Box(0, 0, w, height), f.paragraphs, CELL_INSETS) for f, w in zip(laid, widths))
        rows.append(_Row(blocks, height, any(f.broken for f in laid)))
    return _Laid(tuple(widths), tuple(rows))


def _pack(body: Sequence[_Row], header: int, cap: int) -> list[list[_Row]]:
    """Body rows packed greedily under a repeated header row, each part at most `cap` tall."""
    parts: list[list[_Row]] = [[]]
    used = header
    for row in body:
        if parts[-1] and used + row.height > cap:
            parts.append([])
            used = header
        parts[-1].append(row)
        used += row.height
    return parts


def split_rows(laid: Sequence[_Row], room: int) -> list[list[_Row]] | None:
    """The body rows in as few parts as fit `room` under the header row, balanced: the same number of parts with
    the tallest part as short as it can be (20 equal rows → 10 + 10, not 19 + 1); None when one row cannot fit
    even alone under the header."""
    header, body = laid[0].height, laid[1:]
    if not body:
        return [[]]
    if any(header + row.height > room for row in body):
        return None
    count = len(_pack(body, header, room))  # greedy packing needs the fewest parts
    low, high = header + max(row.height for row in body), room
    while low < high:  # the smallest cap that still needs no more parts
        middle = (low + high) // 2
        if len(_pack(body, header, middle)) <= count:
            high = middle
        else:
            low = middle + 1
    return _pack(body, header, low)


def plan_table(slide: TableSlide, ctx: _Context) -> list[PlannedSlide]:
    """One slide when the table fits at the brand's minimum size; else it continues, header row repeated."""
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    body = g.body
    numeric = numeric_columns([[str(c) for c in row] for row in slide.rows])
    align = ["r" if n else "l" for n in numeric]
    cells = [[Paragraph(c.styled(bold=True), align=a)] for c, a in zip(slide.columns, align)], \
        *[[[Paragraph(c.runs, align=a)] for c, a in zip(row, align)] for row in slide.rows]
    m = ctx.ts.body
    largest = sizes.body[-1]
    minimum = min(sizes.body_min, largest)
    by_size = {size: _lay(cells, m, size, body.w) for size in size_steps(largest, FLOOR_SIZE, STEP)}

    def whole(size: float) -> bool:
        laid = by_size[size]
        return laid.height <= body.h and (size == FLOOR_SIZE or not laid.broken)

    parts: list[list[_Row]] | None = None
    size = next((s for s in size_steps(largest, minimum, STEP) if whole(s)), None)
    if size is None and slide.overflow == "continue":
        at_minimum = split_rows(by_size[minimum].rows, body.h)
        if at_minimum is not None:
            for size in size_steps(largest, minimum, STEP):
                parts = split_rows(by_size[size].rows, body.h)
                if parts is not None and len(parts) <= len(at_minimum) and \
                        (size == minimum or not by_size[size].broken):
                    break
    if size is None and slide.overflow == "error":
        ctx.fail(f"the table does not fit on one slide at the brand's minimum size ({minimum:g} pt) — "
                 "remove rows, or set 'overflow: continue' to continue it on new slides")
        size = minimum
    if size is None:  # shrink, or a row too tall to continue
        size = next((s for s in size_steps(minimum - STEP, FLOOR_SIZE, STEP) if whole(s)), None)
        if size is None:
            ctx.fail(f"the table does not fit on the slide even at {FLOOR_SIZE:g} pt — remove rows or shorten "
                     "the longest cells")
            size = FLOOR_SIZE
        else:
            ctx.note(f"the table is set at {size:g} pt, below the brand's {minimum:g} pt — consider fewer rows",
                     "warning")
    laid = by_size[size]
    if parts is None:
        parts = [list(laid.rows[1:])]
    titles = [continued_title(slide.title, n, len(parts)) for n in range(1, len(parts) + 1)]
    if len(parts) > 1:
        ctx.note(gettext_("the table '{title}' does not fit at {size} pt or more; it continues on {total} "
                          "slides, the header row repeated: ").format(title=slide.title, size=f"{minimum:g}",
                                                                      total=len(parts))
                 + continuation_marks(len(parts)))
    planned = []
    for title, part in zip(titles, parts):
        rows = [laid.rows[0], *part]
        box = Box(body.x, body.y, body.w, sum(r.height for r in rows))
        shape = Table("Table", box, tuple(r.cells for r in rows), laid.widths, tuple(r.height for r in rows))
        planned.append(PlannedSlide("title-only", fit_title(title, g.title, ctx, sizes.title, sizes.title_min),
                                    "table", {}, (shape,)))
    return planned

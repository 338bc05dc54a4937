"""The table slide: columns as wide as their words, numbers right-aligned, rows split where they really end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from kkrdeck.design.geometry import EMU_PER_PT, Box, Insets, inch
from kkrdeck.i18n import gettext_, number as counted
from kkrdeck.outline.inline import Run
from kkrdeck.outline.model import TableSlide
from kkrdeck.plan.adapt import balanced
from kkrdeck.plan.danish import continuation_marks, continued_title
from kkrdeck.plan.data import PlannedSlide, Table, TextBlock
from kkrdeck.plan.planner import FLOOR_SIZE, _Context, fit_title
from kkrdeck.plan.textfit import WIDTH_SLACK, Measurer, Paragraph, lay_out, size_steps, split_lines
from kkrdeck.wording import decimal

CELL_INSETS = Insets(inch(0.1), inch(0.05), inch(0.1), inch(0.05))
# what the text of a cell is wrapped in: LibreOffice breaks a word inside a table cell that has less than about
# 2 pt to spare (measured: '1.200.000' in Times at 19.5 pt, 'Kommuner', 'Hovedstaden' at 14 and 19.5 pt), more
# than in a text box, so the text is measured 1.25 pt narrower on each side than the insets written
MEASURED_INSETS = Insets(CELL_INSETS.left + 15875, CELL_INSETS.top, CELL_INSETS.right + 15875, CELL_INSETS.bottom)
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

    @property
    def lines(self) -> int:
        return sum(len(p.lines) for r in self.rows for c in r.cells for p in c.paragraphs)


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


@dataclass(frozen=True)
class _Measured:
    """Per column, in points, cell insets included: its longest word and its longest unwrapped line."""

    least: tuple[float, ...]
    most: tuple[float, ...]


def _measure(rows: Sequence[Sequence[Sequence[Run]]], m: Measurer, size: float) -> _Measured:
    columns = len(rows[0])
    pad = (MEASURED_INSETS.left + MEASURED_INSETS.right) / EMU_PER_PT

    def cell(width: float) -> float:
        # lay_out wraps at the width inside the insets less its slack; a hair more for rounding to EMU
        return width / WIDTH_SLACK + pad + 0.25 if width else pad

    least, most = [pad] * columns, [pad] * columns
    for row in rows:
        for c, runs in enumerate(row):
            least[c] = max(least[c], cell(max(_words(runs, m, size), default=0.0)))
            most[c] = max(most[c], cell(_natural(runs, m, size)))
    return _Measured(tuple(least), tuple(most))


def _proportional(least: Sequence[float], most: Sequence[float], room: float) -> list[float]:
    """Widths in proportion to the columns' longest lines, each between its longest word and its longest line:
    the columns then wrap to about as many lines each, which keeps rows low."""
    widths = list(most)
    free = set(range(len(most)))
    while free:
        left = room - sum(widths[c] for c in range(len(most)) if c not in free)
        scale = left / sum(most[c] for c in free)
        clamped = {c for c in free if not least[c] <= most[c] * scale <= most[c]}
        if not clamped:
            for c in free:
                widths[c] = most[c] * scale
            break
        for c in clamped:
            widths[c] = least[c] if most[c] * scale < least[c] else most[c]
        free -= clamped
    return widths


def _filled(least: Sequence[float], most: Sequence[float], room: float) -> list[float]:
    """Short columns whole (each column whose longest line is within a fair share of what is left gets it), the
    long ones share the rest in proportion to their lines, none below its longest word."""
    widths = list(least)
    free = set(range(len(most)))
    while free:
        fair = (room - sum(widths[c] for c in range(len(most)) if c not in free)) / len(free)
        short = {c for c in free if most[c] <= fair}
        if not short:
            break
        for c in short:
            widths[c] = most[c]
        free -= short
    if free:
        fixed = sum(widths[c] for c in range(len(most)) if c not in free)
        shared = _proportional([least[c] for c in sorted(free)], [most[c] for c in sorted(free)], room - fixed)
        for c, w in zip(sorted(free), shared):
            widths[c] = w
    return widths


def _needed(least: Sequence[float], most: Sequence[float], room: float) -> list[float]:
    """Every column its longest word, and the rest by how much more each would need for its longest line (the
    automatic layout of HTML tables)."""
    spare, wanted = room - sum(least), sum(h - lo for h, lo in zip(most, least))
    return [lo + (h - lo) * spare / wanted for h, lo in zip(most, least)] if wanted else list(least)


def column_widths(measured: _Measured, total: int) -> list[list[int]]:
    """The ways to share `total` EMU between the columns, best guess first; the planner keeps the one that makes
    the table lowest. None is narrower than its longest word (header included) unless the longest words alone
    are wider than the table (then they will break, and the planner tries a smaller size); when every longest
    line fits, each column gets it and the rest of the width goes to the columns in proportion to it."""
    least, most = measured.least, measured.most
    room = total / EMU_PER_PT
    if sum(most) <= room:
        ways = [[w * room / sum(most) for w in most]]
    elif sum(least) <= room:
        ways = [w for w in (_proportional(least, most, room), _filled(least, most, room))
                if abs(sum(w) - room) < 0.5 and all(x >= lo - 0.01 for x, lo in zip(w, least))]
        ways.append(_needed(least, most, room))  # always adds up, never below a longest word
    else:
        ways = [[w * room / sum(least) for w in least]]
    out = []
    for widths in ways:
        emu = [int(w * EMU_PER_PT) for w in widths]
        emu[-1] += total - sum(emu)
        if emu not in out:
            out.append(emu)
    return out


def _rows_in(cells: Sequence[Sequence[Sequence[Paragraph]]], widths: Sequence[int], m: Measurer,
             size: float) -> _Laid:
    rows = []
    for row in cells:
        laid = [lay_out(m, cell, [size], Box(0, 0, w, 10 ** 9), MEASURED_INSETS) for cell, w in zip(row, widths)]
        height = int((max(f.height for f in laid) + ROW_SLACK) * EMU_PER_PT) + CELL_INSETS.top + CELL_INSETS.bottom
        blocks = tuple(TextBlock(Box(0, 0, w, height), f.paragraphs, CELL_INSETS) for f, w in zip(laid, widths))
        rows.append(_Row(blocks, height, any(f.broken for f in laid)))
    return _Laid(tuple(widths), tuple(rows))


def _lay(cells: Sequence[Sequence[Sequence[Paragraph]]], m: Measurer, size: float, total: int) -> _Laid:
    """The table at `size` in the column widths that make it lowest (of column_widths' ways)."""
    measured = _measure([[cell[0].runs for cell in row] for row in cells], m, size)
    laid = [_rows_in(cells, widths, m, size) for widths in column_widths(measured, total)]
    # of equally low tables, the one with fewer lines: short texts whole rather than wrapped to no gain
    return min(laid, key=lambda t: (t.broken, t.height, t.lines))


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
    """The body rows in as few parts as fit `room` under the header row, balanced (20 rows → 10 + 10, not 19 + 1):
    as many rows in each part as can be where they fit, else the tallest part as short as it can be; None when
    one row cannot fit even alone under the header."""
    header, body = laid[0].height, laid[1:]
    if not body:
        return [[]]
    if any(header + row.height > room for row in body):
        return None
    count = len(_pack(body, header, room))  # greedy packing needs the fewest parts
    even = balanced(body, count)
    if all(header + sum(r.height for r in part) <= room for part in even):
        return even
    low, high = header + max(row.height for row in body), room
    while low < high:  # the smallest cap that still needs no more parts
        middle = (low + high) // 2
        if len(_pack(body, header, middle)) <= count:
            high = middle
        else:
            low = middle + 1
    return _pack(body, header, low)


class _Sizes(dict):
    """The table laid out at each size, on first use."""

    def __init__(self, lay: Callable[[float], _Laid]) -> None:
        super().__init__()
        self._lay = lay

    def __missing__(self, size: float) -> _Laid:
        self[size] = laid = self._lay(size)
        return laid


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
    by_size = _Sizes(lambda size: _lay(cells, m, size, body.w))  # laid out only at the sizes tried

    def whole(size: float) -> bool:
        laid = by_size[size]
        return laid.height <= body.h and (size == FLOOR_SIZE or not laid.broken)

    parts: list[list[_Row]] | None = None
    size = next((s for s in size_steps(largest, minimum, STEP) if whole(s)), None)
    if size is None and slide.overflow == "continue":
        at_minimum = split_rows(by_size[minimum].rows, body.h)
        if at_minimum is not None and not by_size[minimum].broken:
            for size in size_steps(largest, minimum, STEP):
                parts = split_rows(by_size[size].rows, body.h)
                if parts is not None and len(parts) <= len(at_minimum) and not by_size[size].broken:
                    break
        elif at_minimum is not None:  # a longest word is wider than its column can be: smaller, not split
            size, parts = minimum, at_minimum
            for smaller in size_steps(minimum - STEP, FLOOR_SIZE, STEP):
                found = split_rows(by_size[smaller].rows, body.h)
                if found is not None and not by_size[smaller].broken:
                    size, parts = smaller, found
                    ctx.note(gettext_("the table '{title}' is set at {size} pt, below the brand's {minimum} pt, so "
                                      "that its longest words fit their columns — shorten them or use fewer "
                                      "columns").format(title=slide.title, size=decimal(size), minimum=decimal(minimum)),
                             "warning")
                    break
            else:
                ctx.note(gettext_("a word of the table '{title}' is too long for its column even at {size} pt and "
                                  "is split — shorten it or use fewer columns").format(title=slide.title,
                                                                                       size=decimal(FLOOR_SIZE)),
                         "warning")
    if size is None and slide.overflow == "error":
        ctx.fail(gettext_("the table does not fit on one slide at the brand's minimum size ({size} pt) — remove rows, "
                          "or set 'overflow: continue' to continue it on new slides").format(size=decimal(minimum)))
        size = minimum
    if size is None:  # shrink, or a row too tall to continue
        size = next((s for s in size_steps(minimum - STEP, FLOOR_SIZE, STEP) if whole(s)), None)
        if size is None:
            ctx.fail(gettext_("the table does not fit on the slide even at {size} pt — remove rows or shorten the "
                              "longest cells").format(size=decimal(FLOOR_SIZE)))
            size = FLOOR_SIZE
        else:
            ctx.note(gettext_("the table is set at {size} pt, below the brand's {minimum} pt — consider fewer "
                              "rows").format(size=decimal(size), minimum=decimal(minimum)), "warning")
    laid = by_size[size]
    if parts is None:
        parts = [list(laid.rows[1:])]
    titles = [continued_title(slide.title, n, len(parts)) for n in range(1, len(parts) + 1)]
    if len(parts) > 1:
        ctx.note(gettext_("the table '{title}' does not fit at {size} pt or more; it continues on {total} "
                          "slides, the header row repeated: ").format(title=slide.title, size=decimal(minimum),
                                                                      total=counted(len(parts)))
                 + continuation_marks(len(parts)))
    planned = []
    for title, part in zip(titles, parts):
        rows = [laid.rows[0], *part]
        box = Box(body.x, body.y, body.w, sum(r.height for r in rows))
        shape = Table("Table", box, tuple(r.cells for r in rows), laid.widths, tuple(r.height for r in rows))
        planned.append(PlannedSlide("title-only", fit_title(title, g.title, ctx, sizes.title, sizes.title_min),
                                    "table", {}, (shape,)))
    return planned

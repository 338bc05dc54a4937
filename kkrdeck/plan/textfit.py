"""Line breaking and fitting: where each paragraph wraps inside a box at a given size, as PowerPoint lays it out."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from kkrdeck.design.geometry import EMU_PER_PT, Box, Insets
from kkrdeck.outline.inline import LINE_BREAK, Run
from kkrdeck.design.metrics import FaceFiles, face

WIDTH_SLACK = 0.995  # renderers round glyph advances differently; keep half a percent in hand
HEIGHT_SLACK = 0.985
LINE_PITCH = 1.2  # em from one baseline to the next at single spacing (measured: tests/plan/test_line_pitch_render)
# em kept free under a box's last line: LibreOffice's PDF draws a line's glyph boxes 0.15 em lower than the line
# heights add up to, which at 25 pt is the 4 pt by which a body that just fitted went past its box
LAST_LINE_ROOM = 0.15
_SPACE = " "
_HYPHEN_BREAK = re.compile(r"(?<=\w-)(?=\w)")  # a line may break after a hyphen inside a word (UAX #14)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as planned: its runs, list level and marker, and (once fitted) size and lines."""

    runs: tuple[Run, ...]
    level: int = 0
    marker: str = "none"  # none | bullet | number | arrow
    number: int = 0
    margin: int = 0  # EMU, left edge of the text
    indent: int = 0  # EMU, first-line offset (negative: the marker hangs)
    align: str = "l"
    size: float = 0.0
    space_before: float = 0.0
    lines: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class FrameFit:
    paragraphs: tuple[Paragraph, ...]
    height: float  # pt, text only (insets excluded)
    fits_height: bool
    broken: bool = False  # a word had to be split between letters
    room: float = 0.0  # pt kept free under the last line (LAST_LINE_ROOM at its size)

    @property
    def needed(self) -> float:
        """pt of box height (insets and slack excluded) the text needs: its lines and the room under the last."""
        return self.height + self.room

    @property
    def fits(self) -> bool:
        """Fits without splitting any word: a smaller size is better than 'kommunalbestyrelsesm-edlemmer'."""
        return self.fits_height and not self.broken


class Measurer:
    """Measures text set in one font family (four faces), in points."""

    def __init__(self, files: FaceFiles) -> None:
        self.files = files
        self._regular = face(files.regular)
        self._faces: dict[tuple[bool, bool], object] = {}  # style → Face, so a width is one dict lookup away

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """Advance width in points; of text with line breaks, the width of its widest line."""
        styled = self._faces.get((bold, italic))
        if styled is None:
            styled = self._faces[(bold, italic)] = face(self.files.path(bold, italic))
        if LINE_BREAK in text:  # the shaper cannot lay out a break (raqm fails); each line is measured alone
            return max(styled.width(line) for line in text.split(LINE_BREAK)) * size
        return styled.width(text) * size

    def line_height(self, size: float) -> float:
        """A single-spaced line (lnSpc 100 %, as kkrdeck writes every paragraph): 1.2 em whatever the font, which is
        how PowerPoint and LibreOffice pitch it; the font's own line box (1.15 em for Liberation Sans, 1.3 for
        Caladea) is not what they use."""
        return LINE_PITCH * size

    def wrap(self, runs: Sequence[Run], size: float, width: float) -> tuple[str, ...]:
        """Greedy line breaking at spaces and after in-word hyphens; over-long words break between letters."""
        return self.wrap_info(runs, size, width)[0]

    def wrap_info(self, runs: Sequence[Run], size: float, width: float) -> tuple[tuple[str, ...], bool]:
        """The lines, and whether a word had to be split between letters to get them.

        A line break the user wrote ends a line there; each of the lines between breaks wraps on its own."""
        if any(LINE_BREAK in run.text for run in runs):
            lines: list[str] = []
            broken = False
            for piece in split_lines(runs):
                piece_lines, piece_broken = self._wrap_line(piece, size, width)
                lines.extend(piece_lines)
                broken = broken or piece_broken
            return tuple(lines), broken
        return self._wrap_line(runs, size, width)

    def _wrap_line(self, runs: Sequence[Run], size: float, width: float) -> tuple[tuple[str, ...], bool]:
        broken = False
        lines: list[str] = []
        line = ""
        line_w = 0.0
        for word, word_w, space_w in self._words(runs, size):
            pieces = [(word, word_w)] if line_w + space_w + word_w <= width or not line else \
                self._hyphen_pieces(word, runs, size)
            for n, (piece, piece_w) in enumerate(pieces):
                gap = space_w if n == 0 else 0.0
                if line and line_w + gap + piece_w <= width:
                    line += (_SPACE if n == 0 else "") + piece
                    line_w += gap + piece_w
                    continue
                if line:
                    lines.append(line)
                line, line_w = "", 0.0
                chunks = self._break_long(piece, piece_w, size, width, runs)
                broken = broken or len(chunks) > 1
                for chunk, chunk_w in chunks:
                    if line:
                        lines.append(line)
                    line, line_w = chunk, chunk_w
        lines.append(line)
        return tuple(lines), broken

    def _words(self, runs: Sequence[Run], size: float) -> Iterable[tuple[str, float, float]]:
        """(word, width, width of the space before it); a word may span runs of different styles."""
        word, word_w, space_w, pending_space = "", 0.0, 0.0, 0.0
        for run in runs:
            for n, part in enumerate(run.text.split(_SPACE)):
                if n > 0:
                    if word:
                        yield word, word_w, space_w
                        word, word_w = "", 0.0
                        space_w = 0.0
                    pending_space = self.width(_SPACE, size, run.bold, run.italic)
                    space_w = space_w + pending_space if not word else space_w
                if part:
                    word += part
                    word_w += self.width(part, size, run.bold, run.italic)
        if word:
            yield word, word_w, space_w

    def _style_of(self, runs: Sequence[Run]) -> tuple[bool, bool]:
        return (runs[0].bold, runs[0].italic) if runs else (False, False)

    def _hyphen_pieces(self, word: str, runs: Sequence[Run], size: float) -> list[tuple[str, float]]:
        bold, italic = self._style_of(runs)
        parts = _HYPHEN_BREAK.split(word)
        return [(p, self.width(p, size, bold, italic)) for p in parts]

    def _break_long(self, piece: str, piece_w: float, size: float, width: float,
                    runs: Sequence[Run]) -> list[tuple[str, float]]:
        if piece_w <= width:
            return [(piece, piece_w)]
        bold, italic = self._style_of(runs)
        chunks: list[tuple[str, float]] = []
        current = ""
        for ch in piece:
            trial = current + ch
            if current and self.width(trial, size, bold, italic) > width:
                chunks.append((current, self.width(current, size, bold, italic)))
                current = ch
            else:
                current = trial
        chunks.append((current, self.width(current, size, bold, italic)))
        return chunks


def split_lines(runs: Sequence[Run]) -> list[tuple[Run, ...]]:
    """Runs cut at the line breaks in their text: the runs of each line (an empty line has none)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        for n, part in enumerate(run.text.split(LINE_BREAK)):
            if n:
                lines.append([])
            if part:
                lines[-1].append(replace(run, text=part))
    return [tuple(line) for line in lines]


def text_width(box: Box, insets: Insets, margin: int) -> float:
    """Points available for a line of a paragraph with the given left margin."""
    return (box.w - insets.left - insets.right - margin) / EMU_PER_PT * WIDTH_SLACK


def text_height(box: Box, insets: Insets) -> float:
    return (box.h - insets.top - insets.bottom) / EMU_PER_PT * HEIGHT_SLACK


def needed_height(paragraphs: Sequence[Paragraph]) -> float:
    """pt of box height laid-out paragraphs need (what FrameFit.needed gives for them): their lines, the space
    before each, and the room kept under the last line."""
    lines = sum(p.space_before + len(p.lines) * LINE_PITCH * p.size for p in paragraphs)
    return lines + (LAST_LINE_ROOM * paragraphs[-1].size if paragraphs else 0.0)


def box_height(points: float, insets: Insets) -> int:
    """EMU a box needs to hold `points` of text with these insets: the inverse of text_height."""
    return math.ceil(points / HEIGHT_SLACK * EMU_PER_PT) + insets.top + insets.bottom


def space_before(paragraph: Paragraph, size: float, first: bool) -> float:
    """Air above a paragraph: more before a top-level point than before its sub-points."""
    if first:
        return 0.0
    return round(size * (0.5 if paragraph.level == 0 else 0.2), 1)


def lay_out(measurer: Measurer, paragraphs: Sequence[Paragraph], sizes: Sequence[float], box: Box,
            insets: Insets, line_spacing: float = 1.0) -> FrameFit:
    """Wrap every paragraph at the size of its level (the last size serves deeper levels) and total the height."""
    width_cache: dict[int, float] = {}
    laid: list[Paragraph] = []
    height = 0.0
    broken = False
    for n, para in enumerate(paragraphs):
        size = sizes[min(para.level, len(sizes) - 1)]
        width = width_cache.get(para.margin)
        if width is None:
            width = width_cache[para.margin] = text_width(box, insets, para.margin)
        lines, split = measurer.wrap_info(para.runs, size, width)
        broken = broken or split
        before = space_before(para, size, n == 0)
        height += before + len(lines) * measurer.line_height(size) * line_spacing
        laid.append(replace(para, size=size, space_before=before, lines=lines))
    room = LAST_LINE_ROOM * laid[-1].size if laid else 0.0
    return FrameFit(tuple(laid), height, height + room <= text_height(box, insets), broken, room)


def size_steps(start: float, stop: float, step: float = 1.0) -> list[float]:
    """start, start-step, … down to stop (inclusive)."""
    sizes = []
    s = start
    while s >= stop - 1e-9:
        sizes.append(round(s, 1))
        s -= step
    return sizes

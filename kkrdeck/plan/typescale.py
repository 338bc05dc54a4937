"""One type scale per deck: titles of one title box share a size, the cover's is the largest, sections come next."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from kkrdeck.design.geometry import Box, Insets
from kkrdeck.i18n import gettext_
from kkrdeck.plan.data import PlannedSlide, TextBlock
from kkrdeck.plan.textfit import LAST_LINE_ROOM, Measurer, Paragraph, size_steps, text_height, text_width
from kkrdeck.wording import decimal

FLOOR_SIZE = 12.0  # the planner's: below this nobody reads it
RANK = {"cover": 2, "section": 1}  # layout key → rank; every other layout is a content title (0)
STEP = 2.0  # pt between the cover, section and content titles, so each level reads as larger than the next
_CONTINUED = re.compile(r" \([IVXLCDM]+\)$")  # the mark plan.danish.continued_title adds


@dataclass(frozen=True)
class TitleScale:
    """What titles of one rank (cover, section, content) start from and how far they may go."""

    start: float  # pt, the size tried first
    smallest: float  # pt: a title that fits only below it shrinks alone instead of taking the others down
    room: int = 0  # EMU the title box may grow downwards when a title needs it
    quiet: float | None = None  # pt a title may shrink alone to without a warning (a template whose titles
    #                             autofit); None: `smallest`

    @property
    def warned_below(self) -> float:
        return self.smallest if self.quiet is None else min(self.quiet, self.smallest)


@dataclass(frozen=True)
class Outcome:
    slides: tuple[PlannedSlide, ...]
    warnings: tuple[tuple[int, str], ...] = ()  # (slide index, message)
    errors: tuple[tuple[int, str], ...] = ()


def rank(slide: PlannedSlide) -> int:
    return RANK.get(slide.layout, 0)


def scale_titles(slides: Sequence[PlannedSlide], scales: dict[int, TitleScale], m: Measurer) -> Outcome:
    """Every title re-set at its group's size: the largest at which all titles of one title box fit (two lines
    before a smaller size); a title that fits only below its rank's smallest size shrinks alone, with a warning."""
    groups: dict[tuple[int, Box], list[int]] = {}
    for n, slide in enumerate(slides):
        groups.setdefault((rank(slide), slide.title.box), []).append(n)
    best: dict[int, float | None] = {}  # slide → the largest size its unit of continued titles fits at
    for (level, _), members in groups.items():
        scale = scales[level]
        units: dict[str, list[int]] = {}
        for n in members:
            units.setdefault(_CONTINUED.sub("", slides[n].title_text), []).append(n)
        for unit in units.values():
            size = next((s for s in size_steps(scale.start, FLOOR_SIZE)
                         if all(_set(slides[n].title, s, scale.room, m, s == FLOOR_SIZE, _lines(s, scale))
                                for n in unit)), None)
            best.update({n: size for n in unit})
    shared: dict[tuple[int, Box], float] = {}
    for key, members in groups.items():
        sizes = [best[n] for n in members if best[n] is not None and best[n] >= scales[key[0]].smallest]
        if sizes:
            shared[key] = min(sizes)
    _order(shared, scales)
    out, warnings, errors = list(slides), [], []
    for key, members in groups.items():
        scale = scales[key[0]]
        for n in members:
            title = slides[n].title
            size = best[n]
            if size is None:
                errors.append((n, gettext_("the title '{title}' does not fit in the title box even at {size} pt — "
                                           "shorten it").format(title=slides[n].title_text, size=decimal(FLOOR_SIZE))))
                continue
            if size >= scale.smallest:
                size = min(size, shared[key])
            elif size < scale.warned_below:
                warnings.append((n, gettext_("the title '{title}' is too long for the title box; it is set at {size} "
                                             "pt, below the brand's {smallest} pt — shorten it").format(
                    title=slides[n].title_text, size=decimal(size), smallest=decimal(scale.warned_below))))
            block = _set(title, size, scale.room, m, size == FLOOR_SIZE, _lines(size, scale)) or \
                _set(title, best[n], scale.room, m, best[n] == FLOOR_SIZE, _lines(best[n], scale))  # wraps worse
            assert block is not None
            out[n] = replace(slides[n], title=block)
    return Outcome(tuple(out), tuple(warnings), tuple(errors))


def _order(shared: dict[tuple[int, Box], float], scales: dict[int, TitleScale]) -> None:
    """Lower the content titles below the sections' and both below the cover's, as far as their smallest allows."""
    for level in (1, 0):
        above = [size for (r, _), size in shared.items() if r > level]
        if not above:
            continue
        ceiling = min(above) - STEP
        for key in [k for k in shared if k[0] == level]:
            shared[key] = max(min(shared[key], ceiling), min(shared[key], scales[level].smallest))


def _lines(size: float, scale: TitleScale) -> int:
    """Lines a title may take at this size: two within the brand's range; below it, as many as the box holds
    (a title with line breaks of its own, or a long one shrinking alone, is still set rather than refused)."""
    return 2 if size >= scale.smallest else 1000


def _set(title: TextBlock, size: float, room: int, m: Measurer, split_ok: bool,
         allowed: int = 2) -> TextBlock | None:
    """The title at this size in at most two lines, its box grown into the room below when it needs the height;
    None when it does not fit."""
    runs = tuple(r for p in title.paragraphs for r in p.runs)
    box = title.box
    lines, broken = m.wrap_info(runs, size, text_width(box, title.insets, 0))
    if len(lines) > allowed or (broken and not split_ok):
        return None
    # and room under the last line for what renderers draw below it: LibreOffice sets two lines lower than their
    # line height adds up to, and its PDF's font boxes reach 0.35 em under the baseline
    needed = len(lines) * m.line_height(size) + LAST_LINE_ROOM * size
    if needed > text_height(box, title.insets):
        box = Box(box.x, box.y, box.w, box.h + room)
        if needed > text_height(box, title.insets):
            return None
    return replace(title, box=box, paragraphs=(Paragraph(runs, size=size, lines=lines),))


def provisional(runs: tuple, size: float, box: Box, insets: Insets, anchor: str, m: Measurer) -> TextBlock:
    """A title as the planner first places it, before the deck's scale is known."""
    lines = m.wrap(runs, size, text_width(box, insets, 0))
    return TextBlock(box, (Paragraph(runs, size=size, lines=lines),), insets, anchor, "heading")  # type: ignore[arg-type]

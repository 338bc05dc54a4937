"""The statements slide: cards in the grid that fits the template's area best, else continued on new slides."""

from __future__ import annotations

import math
from typing import Sequence

from kkrdeck.design.geometry import Box, inch
from kkrdeck.i18n import gettext_, number as whole
from kkrdeck.outline.inline import Markup
from kkrdeck.outline.model import StatementsSlide
from kkrdeck.plan.adapt import chunks, fitting_size, squeezed
from kkrdeck.plan.danish import continuation_marks, continued_title
from kkrdeck.plan.data import PlaceholderRole, PlannedSlide, Shape, TextBlock, TextShape, ThemeColour
from kkrdeck.plan.planner import CARD_INSETS, FLOOR_SIZE, _Context, _lead_block, fit_title
from kkrdeck.plan.textfit import Paragraph
from kkrdeck.wording import decimal

ACCENTS: tuple[ThemeColour, ...] = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
GAP = inch(0.3)


def grids(count: int) -> list[list[int]]:
    """Cards per row, in the order tried: balanced rows (4 → 2 + 2, 5 → 3 + 2), one row, then more rows."""
    first = [count] if count <= 3 else [math.ceil(count / 2), count - math.ceil(count / 2)]
    out = [first, [count]]
    for rows in range(2, count + 1):
        per = math.ceil(count / rows)
        grid = [per] * (count // per) + ([count % per] if count % per else [])
        out.append(grid)
    return [list(g) for g in dict.fromkeys(tuple(g) for g in out)]


def _boxes(grid: list[int], area: Box) -> list[Box]:
    row_h = (area.h - GAP * (len(grid) - 1)) // len(grid)
    per_row = max(grid)
    card_w = (area.w - GAP * (per_row - 1)) // per_row
    boxes = []
    for r, count in enumerate(grid):
        offset = (area.w - (card_w * count + GAP * (count - 1))) // 2
        boxes.extend(Box(area.x + offset + c * (card_w + GAP), area.y + r * (row_h + GAP), card_w, row_h)
                     for c in range(count))
    return boxes


def _text_boxes(boxes: list[Box]) -> list[Box]:
    return [Box(b.x, b.y + inch(0.1), b.w, b.h - inch(0.1)) for b in boxes]


def _fit(statements: Sequence[Markup], area: Box, ctx: _Context, largest: float, smallest: float,
         squeeze: bool = False):
    """The first grid in which every card's text fits at `smallest` or more: (boxes, size, paragraphs)."""
    texts = [[Paragraph(s.runs)] for s in statements]
    for grid in grids(len(statements)):
        boxes = _boxes(grid, area)
        if min(b.h for b in boxes) < inch(0.5) or min(b.w for b in boxes) < inch(1.0):
            continue
        found = (squeezed if squeeze else fitting_size)(ctx.ts.body, texts, _text_boxes(boxes), largest, smallest,
                                                        CARD_INSETS)
        if found is not None:
            return boxes, found[0], found[1]
    return None


def plan_statements(slide: StatementsSlide, ctx: _Context) -> list[PlannedSlide]:
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    lead = _lead_block(slide.lead, ctx, inch(0.62))
    top = g.body.y + (inch(0.8) if lead else inch(0.1))
    area = Box(g.body.x, top, g.body.w, g.body.bottom - top)
    largest = sizes.body[0]
    minimum = min(sizes.body_min, largest)
    statements = list(slide.statements)
    found = _fit(statements, area, ctx, largest, minimum)
    if found is not None:
        parts = [found]
    elif slide.overflow == "error":
        ctx.fail(gettext_("the statements do not fit their cards at the brand's minimum size ({size} pt) in any "
                          "arrangement — shorten them, or set 'overflow: continue' to continue on a new "
                          "slide").format(size=decimal(minimum)))
        return []
    elif slide.overflow == "shrink":
        parts = [_shrunk(statements, area, ctx, minimum)]
    else:
        groups = chunks(statements, lambda part: _fit(part, area, ctx, largest, minimum) is not None,
                        smallest=min(2, len(statements)))
        parts = [_fit(part, area, ctx, largest, minimum) or _shrunk(part, area, ctx, minimum) for part in groups]
        if len(parts) > 1:
            ctx.note(gettext_("the statements of '{title}' do not fit one slide at {size} pt or more; they "
                              "continue on {total} slides: ").format(title=slide.title, size=decimal(minimum),
                                                                     total=whole(len(parts)))
                     + continuation_marks(len(parts)))
    planned = []
    for number, (boxes, _size, fitted) in enumerate(parts, start=1):
        title = continued_title(slide.title, number, len(parts))
        shapes: list[Shape] = []
        for i, (box, tbox, paragraphs) in enumerate(zip(boxes, _text_boxes(boxes), fitted)):
            shapes.append(TextShape("rect", f"Statement {i + 1} card", box, fill="bg2",
                                    text=TextBlock(tbox, paragraphs, CARD_INSETS, "ctr", colour="tx1")))
            shapes.append(TextShape("rect", f"Statement {i + 1} accent", Box(box.x, box.y, box.w, inch(0.1)),
                                    fill=ACCENTS[i % len(ACCENTS)], decorative=True))
        first_lead = lead if number == 1 else None
        placeholders: dict[PlaceholderRole, TextBlock] = {"body": first_lead} if first_lead else {}
        planned.append(PlannedSlide("content" if first_lead else "title-only",
                                    fit_title(title, g.title, ctx, sizes.title, sizes.title_min), "statements",
                                    placeholders, tuple(shapes)))
    return planned


def _shrunk(statements: Sequence[Markup], area: Box, ctx: _Context, minimum: float):
    found = _fit(statements, area, ctx, minimum - 0.5, FLOOR_SIZE) or \
        _fit(statements, area, ctx, FLOOR_SIZE, FLOOR_SIZE, squeeze=True)
    if found is None:
        ctx.fail(gettext_("the statements do not fit their cards even at {size} pt — shorten the longest "
                          "one").format(size=decimal(FLOOR_SIZE)))
        boxes = _boxes(grids(len(statements))[0], area)
        return boxes, FLOOR_SIZE, [(Paragraph(s.runs),) for s in statements]
    ctx.note(gettext_("the statements are set at {size} pt, below the brand's {minimum} pt, to fit one slide — "
                      "shorten them or set 'overflow: continue'").format(size=decimal(found[1]), minimum=decimal(minimum)),
             "warning")
    return found

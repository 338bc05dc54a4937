"""The process slide: a timeline that adapts to its area (shorter dates, two rows, vertical) before it continues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from kkrdeck.design.geometry import Box, Insets, inch
from kkrdeck.i18n import gettext_, number as whole
from kkrdeck.outline.inline import Run
from kkrdeck.outline.model import ProcessSlide, Step
from kkrdeck.plan.adapt import balanced, fitting_size, squeezed
from kkrdeck.plan.danish import continuation_marks, continued_title, date_forms
from kkrdeck.plan.data import Connector, PlaceholderRole, PlannedSlide, Shape, TextBlock, TextShape
from kkrdeck.plan.planner import CARD_INSETS, FLOOR_SIZE, _Context, _fit_shapes, _lead_block, fit_title
from kkrdeck.plan.textfit import Paragraph
from kkrdeck.wording import centimetres, decimal

ARRANGEMENTS = ("row", "two-rows", "column")
DIAMETER = inch(0.3)


@dataclass(frozen=True)
class _Drawing:
    """Where a timeline's parts go in one arrangement: per step its date box, text box and marker centre."""

    arrangement: str
    dates: tuple[Box, ...]
    texts: tuple[Box, ...]
    markers: tuple[tuple[int, int], ...]
    rows: tuple[tuple[int, ...], ...]  # the steps joined by a line, row by row (or the one column)


@dataclass(frozen=True)
class _Fitted:
    drawing: _Drawing
    date_size: float
    dates: list[tuple[Paragraph, ...]]
    texts: list[tuple[Paragraph, ...]]
    size: float  # the smaller of the two sizes: what a warning reports


def plan_process(slide: ProcessSlide, ctx: _Context) -> list[PlannedSlide]:
    """One slide when the steps fit at the brand's minimum in some arrangement; else, by `overflow`, the steps
    shrink, the slide is refused, or it continues on new slides numbered (I), (II), split between steps."""
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    lead = _lead_block(slide.lead, ctx, inch(0.62))

    def area_of(first: bool, last: bool) -> Box:
        """The timeline's area on a slide: below the lead on the first, above the conclusion on the last."""
        top = g.body.y + (inch(0.8) if lead and first else 0)
        bottom = g.body.bottom - (inch(0.95) + inch(0.25) if slide.conclusion and last else 0)
        return Box(g.body.x, top, g.body.w, bottom - top)

    area = area_of(True, True)
    largest = sizes.body[min(1, len(sizes.body) - 1)]
    minimum = min(sizes.body_min, largest)
    steps = list(slide.steps)
    ends = [area] if len(steps) == 1 else [area_of(True, False), area_of(False, True)]
    if any(a.h <= 0 or all(_draw(kind, 1, a) is None for kind in ("row", "column")) for a in ends):
        # not even one step has room, so continuing on new slides would not help either
        ctx.fail(gettext_("the template's content area leaves {height} cm for the timeline, too little for one "
                          "step — remove the lead or the conclusion, or choose a layout with a taller content area "
                          "under 'layouts:' in the brand file").format(
                              height=centimetres(max(0, min(a.h for a in ends)))))
        return []
    fitted = _best(steps, area, ctx, largest, minimum)
    if fitted is not None:
        parts = [(steps, fitted)]
    elif slide.overflow == "error":
        ctx.fail(gettext_("the timeline does not fit at the brand's minimum size ({size} pt) in any arrangement — "
                          "shorten the steps' texts, or set 'overflow: continue' to continue it on a new "
                          "slide").format(size=decimal(minimum)))
        return []
    elif slide.overflow == "shrink" or len(steps) == 1:
        parts = [(steps, _shrunk(steps, area, ctx, largest, minimum))]
    else:
        # the lead only takes room on the first slide, the conclusion only on the last
        groups = _continued(steps, lambda part, first, last: _best(part, area_of(first, last), ctx, largest,
                                                                    minimum) is not None)
        areas = [area_of(number == 0, number == len(groups) - 1) for number in range(len(groups))]
        fits = [_best(part, a, ctx, largest, minimum) for part, a in zip(groups, areas)]
        # one size on every slide of the timeline: the smallest any part needs
        common = min((f.size for f in fits if f is not None), default=largest)
        fits = [(_best(part, a, ctx, common, minimum) or f) if f is not None else None
                for part, a, f in zip(groups, areas, fits)]
        parts = [(part, f or _shrunk(part, a, ctx, largest, minimum)) for part, a, f in zip(groups, areas, fits)]
        ctx.note(gettext_("the timeline '{title}' does not fit one slide at {size} pt or more; it continues on "
                          "{total} slides: ").format(title=slide.title, size=decimal(minimum), total=whole(len(parts)))
                 + continuation_marks(len(parts)))
    if any(fit is None for _, fit in parts):
        return []  # the errors are said
    planned = []
    for number, (part, fit) in enumerate(parts, start=1):
        title = continued_title(slide.title, number, len(parts))
        last = number == len(parts)
        planned.append(_slide(slide, fit, title, lead if number == 1 else None, last, ctx))
    return planned


def _continued(steps: list[Step], fits: Callable[[Sequence[Step], bool, bool], bool]) -> list[list[Step]]:
    """Greedy runs of consecutive steps, each as long as fits on its slide (the first has the lead, the last the
    conclusion: `fits(part, first, last)`), at least one step each; as many runs of even length when they fit
    too, else the last slide is not left with a single step when the one before can spare one."""
    out: list[list[Step]] = []
    start = 0
    while start < len(steps):
        first = not out
        end = start + 1
        for candidate in range(start + 1, len(steps) + 1):  # the longest run that fits, as the last or not
            if fits(steps[start:candidate], first, candidate == len(steps)):
                end = candidate
        out.append(steps[start:end])
        start = end
    even = balanced(steps, len(out))
    if len(out) >= 2 and even != out and all(fits(run, n == 0, n == len(even) - 1) for n, run in enumerate(even)):
        return even
    if len(out) >= 2 and len(out[-1]) == 1 and len(out[-2]) > 2 and \
            fits(out[-2][:-1], len(out) == 2, False) and fits(out[-2][-1:] + out[-1], False, True):
        out[-1].insert(0, out[-2].pop())
    return out


def _texts(steps: Sequence[Step], form: int) -> tuple[list[list[Paragraph]], list[list[Paragraph]]]:
    dates = []
    for step in steps:
        forms = date_forms(step.date, step.until)
        dates.append([Paragraph((Run(forms[min(form, len(forms) - 1)], bold=True),), align="ctr")])
    return dates, [[Paragraph(step.text.runs, align="ctr")] for step in steps]


def _best(steps: Sequence[Step], area: Box, ctx: _Context, largest: float, smallest: float) -> _Fitted | None:
    """The first arrangement, with the longest date form, in which dates and texts fit at `smallest` or more."""
    for arrangement in ARRANGEMENTS:
        if arrangement == "two-rows" and len(steps) < 4:
            continue
        drawing = _draw(arrangement, len(steps), area)
        if drawing is None:
            continue
        for form in range(4):
            found = _fit(steps, drawing, form, ctx, largest, smallest)
            if found is not None:
                return found
    return None


def _shrunk(steps: Sequence[Step], area: Box, ctx: _Context, largest: float, minimum: float) -> _Fitted | None:
    """Below the brand's minimum, with a warning; at the floor a word may be split rather than fail; None (the
    error said) when the steps do not fit even so, or the area has no room to draw them all."""
    found = _best(steps, area, ctx, minimum - 0.5, FLOOR_SIZE)
    if found is None:
        drawing = _draw("column", len(steps), area) or _draw("row", len(steps), area)
        if drawing is not None:
            found = _fit(steps, drawing, 3, ctx, FLOOR_SIZE, FLOOR_SIZE, squeeze=True)
    if found is None:
        ctx.fail(gettext_("the timeline steps do not fit their shapes even at {size} pt — shorten the longest step's "
                          "text, or give the slide fewer steps").format(size=decimal(FLOOR_SIZE)))
        return None
    ctx.note(gettext_("the timeline steps are set at {size} pt, below the brand's {minimum} pt, to fit one "
                      "slide — shorten them or set 'overflow: continue'").format(size=decimal(found.size),
                                                                                 minimum=decimal(minimum)), "warning")
    return found


def _fit(steps: Sequence[Step], drawing: _Drawing, form: int, ctx: _Context, largest: float, smallest: float,
         squeeze: bool = False) -> _Fitted | None:
    dates, texts = _texts(steps, form)
    fit = squeezed if squeeze else fitting_size
    found_dates = fit(ctx.ts.heading, dates, drawing.dates, largest, smallest, Insets())
    if found_dates is None:
        return None
    found_texts = fit(ctx.ts.body, texts, drawing.texts, largest, smallest, Insets())
    if found_texts is None:
        return None
    return _Fitted(drawing, found_dates[0], found_dates[1], found_texts[1], min(found_dates[0], found_texts[0]))


def _draw(arrangement: str, n: int, area: Box) -> _Drawing | None:
    if arrangement == "row":
        return _row(range(n), area, area.w // n)
    if arrangement == "two-rows":
        per_row = -(-n // 2)
        gap = inch(0.2)
        half = (area.h - gap) // 2
        first = _row(range(per_row), Box(area.x, area.y, area.w, half), area.w // per_row)
        second = _row(range(per_row, n), Box(area.x, area.y + half + gap, area.w, half), area.w // per_row)
        if first is None or second is None:
            return None
        return _Drawing("two-rows", first.dates + second.dates, first.texts + second.texts,
                        first.markers + second.markers, first.rows + second.rows)
    return _column(n, area)


def _row(indices: Sequence[int], area: Box, column: int) -> _Drawing | None:
    label_h = inch(0.55)  # a one-line date at 22 pt, with the room kept under its line
    line_y = area.y + label_h + inch(0.25)
    text_top = line_y + DIAMETER // 2 + inch(0.15)
    if area.bottom - text_top < inch(0.4):
        return None
    dates, texts, markers = [], [], []
    for i, _ in enumerate(indices):
        x = area.x + column * i
        dates.append(Box(x + inch(0.05), area.y, column - inch(0.1), label_h))
        texts.append(Box(x + inch(0.08), text_top, column - inch(0.16), area.bottom - text_top))
        markers.append((x + column // 2, line_y))
    return _Drawing("row", tuple(dates), tuple(texts), tuple(markers), (tuple(indices),))


def _column(n: int, area: Box) -> _Drawing | None:
    """One step a row: the marker on a vertical line at the left, the date beside it, the text to its right."""
    row_h = area.h // n
    if row_h < inch(0.4):
        return None
    date_w = min(inch(2.6), area.w // 4)
    left = area.x + DIAMETER + inch(0.2)
    dates, texts, markers = [], [], []
    for i in range(n):
        y = area.y + row_h * i
        dates.append(Box(left, y, date_w, row_h - inch(0.05)))
        texts.append(Box(left + date_w + inch(0.15), y, area.right - left - date_w - inch(0.15), row_h - inch(0.05)))
        markers.append((area.x + DIAMETER // 2, y + inch(0.17)))
    return _Drawing("column", tuple(dates), tuple(texts), tuple(markers), (tuple(range(n)),))


def _slide(slide: ProcessSlide, fit: _Fitted, title, lead: TextBlock | None, last: bool,
           ctx: _Context) -> PlannedSlide:
    g, sizes = ctx.ts.geometry, ctx.ts.brand.sizes
    d = fit.drawing
    column = d.arrangement == "column"
    # reading order is drawing order: each step's date with its text, then the drawing, then the conclusion
    shapes: list[Shape] = []
    for i, (date_box, text_box) in enumerate(zip(d.dates, d.texts)):
        dates = fit.dates[i] if not column else tuple(_left(p) for p in fit.dates[i])
        texts = fit.texts[i] if not column else tuple(_left(p) for p in fit.texts[i])
        shapes.append(TextShape("textbox", f"Timeline date {i + 1}", date_box,
                                text=TextBlock(date_box, dates, Insets(), "t" if column else "b", "heading",
                                               colour="accent1")))
        shapes.append(TextShape("textbox", f"Timeline step {i + 1}", text_box,
                                text=TextBlock(text_box, texts, Insets(), "t", colour="tx1")))
    if column and len(d.markers) > 1:
        (x0, y0), (_, y1) = d.markers[0], d.markers[-1]
        shapes.append(TextShape("rect", "Timeline line", Box(x0 - inch(0.015), y0, inch(0.03), y1 - y0),
                                fill="accent1", decorative=True))
    marker_at: dict[int, int] = {}
    for i, (cx, cy) in enumerate(d.markers):
        marker_at[i] = len(shapes)
        shapes.append(TextShape("ellipse", f"Timeline marker {i + 1}",
                                Box(cx - DIAMETER // 2, cy - DIAMETER // 2, DIAMETER, DIAMETER), fill="accent1",
                                decorative=True))
    if not column:
        links = [(a, b) for row in d.rows for a, b in zip(row, row[1:])]
        shapes.extend(Connector(f"Timeline link {n + 1}", _between(shapes[marker_at[a]].box,
                                                                    shapes[marker_at[b]].box),
                                line="accent1", joins=(marker_at[a], marker_at[b]), decorative=True)
                      for n, (a, b) in enumerate(links))
    if slide.conclusion and last:
        body = g.body
        box = Box(body.x, body.bottom - inch(0.95), body.w, inch(0.95))
        fitted = _fit_shapes([[Paragraph(slide.conclusion.runs)]], [box], ctx, sizes.body[0], CARD_INSETS,
                             "conclusion")
        shapes.append(TextShape("roundRect", "Conclusion", box, fill="bg2",
                                text=TextBlock(box, fitted[0], CARD_INSETS, "ctr", colour="tx1")))
    planned_title = fit_title(title, g.title, ctx, sizes.title, sizes.title_min)
    placeholders: dict[PlaceholderRole, TextBlock] = {"body": lead} if lead else {}
    return PlannedSlide("content" if lead else "title-only", planned_title, "process", placeholders, tuple(shapes))


def _left(p: Paragraph) -> Paragraph:
    from dataclasses import replace

    return replace(p, align="l")


def _between(a: Box, b: Box) -> Box:
    """The straight connector from the right edge of marker a to the left edge of marker b."""
    y = a.y + a.h // 2
    return Box(a.right, y, b.x - a.right, 0)

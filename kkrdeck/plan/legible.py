"""Colours of the text kkrdeck draws, made legible on the template: each checked against what is behind it."""

from __future__ import annotations

from dataclasses import replace

from kkrdeck.design.colours import CANDIDATES, LAST_RESORT, Palette, lighter, tint
from kkrdeck.design.contrast import MINIMUM, NON_TEXT, contrast_ratio
from kkrdeck.design.geometry import Box
from kkrdeck.plan.data import Chart, Plan, PlannedSlide, Shape, Table, TextBlock, TextShape
from kkrdeck.plan.textfit import box_height, needed_height

# what the table style kkrdeck names (ooxml.ns.TABLE_STYLE_ID, "Medium Style 2 – Accent 1") paints: the header in
# accent1 with lt1 text, the rows in accent1 tinted to 40 % and 20 % (banded) with dk1 text
HEADER_FILL, HEADER_TEXT, BODY_TEXT, BANDS = "accent1", "lt1", "dk1", (0.4, 0.2)
INSIDE = ("stacked-column", "stacked-bar", "doughnut")  # the charts whose labels sit on their bars or ring


def legible_plan(plan: Plan, palettes: dict[str, Palette]) -> Plan:
    """The plan with every drawn text's colour at 4.5:1 or better on its shape's fill or on what the slide shows
    behind it, the next candidate scheme colour (then black or white) taken where the wanted one is too faint, and
    a plate of bg1 put behind text no colour can be read on."""
    slides = tuple(_slide(s, palettes[s.layout]) if s.layout in palettes else s for s in plan.slides)
    return replace(plan, slides=slides)


def _slide(slide: PlannedSlide, colours: Palette) -> PlannedSlide:
    shapes = tuple(_shape(shape, colours) for shape in slide.shapes)
    placeholders = {role: _markers(block, colours) for role, block in slide.placeholders.items()}
    if shapes == slide.shapes and placeholders == slide.placeholders:
        return slide
    return replace(slide, shapes=shapes, placeholders=placeholders)


MARKER_CANDIDATES = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "tx2", "tx1")


def _markers(block: TextBlock, colours: Palette) -> TextBlock:
    """A list's bullets and numbers in accent1 where they reach 3:1 on what is behind the text (pandoc's teal on
    its grey gradient did not), else the first accent, then tx2 or tx1, that does; the best one there is when none
    does."""
    if all(p.marker == "none" for p in block.paragraphs):
        return block
    where = occupied(block)
    tried = [n for n in MARKER_CANDIDATES if n in colours.names]
    chosen = next((n for n in tried if colours.ratio(n, None, where) >= NON_TEXT),
                  max(tried, key=lambda n: colours.ratio(n, None, where)))
    return block if chosen == block.markers else replace(block, markers=chosen)


def _shape(shape: Shape, colours: Palette) -> Shape:
    if isinstance(shape, Chart):
        return legible_chart(shape, colours)
    if isinstance(shape, Table):
        return legible_table(shape, colours)
    if isinstance(shape, TextShape) and shape.text is not None and shape.fill is None:
        shape = replace(shape, text=_markers(shape.text, colours))  # kkrdeck's own columns and text boxes
    if not isinstance(shape, TextShape) or shape.text is None or shape.text.colour is None:
        return shape
    # an unfilled shape shows its text only where its lines are: that is what it has to be read on
    where = shape.box if shape.fill is not None else occupied(shape.text)
    chosen = colours.legible(shape.text.colour, shape.fill, where)
    if shape.fill is None and colours.ratio(chosen, None, where) < MINIMUM:
        # no colour reads on all of it (a gradient from dark to light under one box): a plate of bg1 behind the
        # text, as tall as the text (a timeline step's box reaches down to the conclusion)
        plate = "bg1"
        return replace(shape, box=where, fill=plate,
                       text=replace(shape.text, box=where, colour=colours.legible(shape.text.colour, plate)))
    return shape if chosen == shape.text.colour else replace(shape, text=replace(shape.text, colour=chosen))


def occupied(text: TextBlock) -> Box:
    """The part of a text's box its lines fill, where its anchoring puts them (the whole box if they fill it)."""
    box = text.box
    height = min(box.h, box_height(needed_height(text.paragraphs), text.insets))
    y = {"t": box.y, "ctr": box.y + (box.h - height) // 2, "b": box.bottom - height}.get(text.anchor, box.y)
    return Box(box.x, y, box.w, height)


def series_fill(colours: Palette, n: int) -> str:
    """The colour of the n-th series (or slice) as ooxml.chart draws it: the accents in turn, lighter from the
    seventh on."""
    accent = colours.names.get(f"accent{n % 6 + 1}", colours.background)
    return lighter(accent, 0.6, 0.4) if n >= 6 else accent


def legible_chart(chart: Chart, colours: Palette) -> Chart:
    """The chart's axis, legend and outside labels in tx1 or the first colour legible on what is behind its frame
    (the frame has no fill); the labels inside a stack's bars or a ring's slices, bg1 where it reads, in a colour
    legible on each series' (or slice's) own fill."""
    text = colours.legible("tx1", None, chart.box)
    inside: tuple[str, ...] = ()
    if chart.labels and chart.chart in INSIDE:
        count = len(chart.categories) if chart.chart == "doughnut" else len(chart.series)
        inside = tuple(colours.legible_on(series_fill(colours, n), "bg1") for n in range(count))
        if all(c == "bg1" for c in inside):
            inside = ()
    return replace(chart, text_colour=text, inside_colours=inside)  # type: ignore[arg-type]


def legible_table(table: Table, colours: Palette) -> Table:
    """The header's and rows' text in the table style's own colours where they reach 4.5:1 on its fills, else the
    first candidate that does on every fill of its rows."""
    names = colours.names
    header = names.get(HEADER_FILL, colours.background)
    bands = [tint(header, amount) for amount in BANDS]
    header_text = _on(colours, HEADER_TEXT, [header])
    body_text = _on(colours, BODY_TEXT, bands)
    rows = tuple(tuple(cell if colour is None else replace(cell, colour=colour) for cell in row)
                 for row, colour in zip(table.cells, (header_text, *[body_text] * (len(table.cells) - 1))))
    return table if rows == table.cells else replace(table, cells=rows)


def _on(colours: Palette, styled: str, fills: list[str]):
    """None when the style's own colour reads on every fill, else the first candidate that does on all of them."""
    names = colours.names

    def worst(name: str) -> float:
        return min(contrast_ratio(names[name], f) for f in fills)

    if styled in names and worst(styled) >= MINIMUM:
        return None
    tried = [n for n in (*CANDIDATES, *LAST_RESORT) if n in names]
    return next((n for n in tried if worst(n) >= MINIMUM), max(tried, key=worst))

"""Colours of the text kkrdeck draws, made legible on the template: each checked against what is behind it."""

from __future__ import annotations

from dataclasses import replace

from kkrdeck.design.colours import Palette
from kkrdeck.design.contrast import MINIMUM
from kkrdeck.plan.data import Plan, PlannedSlide, Shape, TextShape


def legible_plan(plan: Plan, palettes: dict[str, Palette]) -> Plan:
    """The plan with every drawn text's colour at 4.5:1 or better on its shape's fill or on what the slide shows
    behind it, the next candidate scheme colour (then black or white) taken where the wanted one is too faint, and
    a plate of bg1 put behind text no colour can be read on."""
    slides = tuple(_slide(s, palettes[s.layout]) if s.layout in palettes else s for s in plan.slides)
    return replace(plan, slides=slides)


def _slide(slide: PlannedSlide, colours: Palette) -> PlannedSlide:
    shapes = tuple(_shape(shape, colours) for shape in slide.shapes)
    return replace(slide, shapes=shapes) if shapes != slide.shapes else slide


def _shape(shape: Shape, colours: Palette) -> Shape:
    if not isinstance(shape, TextShape) or shape.text is None or shape.text.colour is None:
        return shape
    chosen = colours.legible(shape.text.colour, shape.fill, shape.box)
    if shape.fill is None and colours.ratio(chosen, None, shape.box) < MINIMUM:
        # no colour reads on all of it (a gradient from dark to light under one box): a plate of bg1 behind the text
        plate = "bg1"
        return replace(shape, fill=plate, text=replace(shape.text, colour=colours.legible(shape.text.colour, plate)))
    return shape if chosen == shape.text.colour else replace(shape, text=replace(shape.text, colour=chosen))

"""Colours of the text kkrdeck draws, made legible on the template: each checked against what is behind it."""

from __future__ import annotations

from dataclasses import replace

from kkrdeck.design.colours import Palette
from kkrdeck.plan.data import Plan, PlannedSlide, Shape, TextShape


def legible_plan(plan: Plan, palettes: dict[str, Palette]) -> Plan:
    """The plan with every drawn text's colour at 4.5:1 or better on its shape's fill or the slide's background,
    the next candidate scheme colour taken where the wanted one is too faint."""
    slides = tuple(_slide(s, palettes[s.layout]) if s.layout in palettes else s for s in plan.slides)
    return replace(plan, slides=slides)


def _slide(slide: PlannedSlide, colours: Palette) -> PlannedSlide:
    shapes = tuple(_shape(shape, colours) for shape in slide.shapes)
    return replace(slide, shapes=shapes) if shapes != slide.shapes else slide


def _shape(shape: Shape, colours: Palette) -> Shape:
    if not isinstance(shape, TextShape) or shape.text is None or shape.text.colour is None:
        return shape
    chosen = colours.legible(shape.text.colour, shape.fill, shape.box)
    return shape if chosen == shape.text.colour else replace(shape, text=replace(shape.text, colour=chosen))

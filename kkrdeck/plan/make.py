"""The plan stage's entry: a validated outline on its resolved design → the plan, or every reason it cannot be."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kkrdeck.errors import TemplateError
from kkrdeck.plan.data import Plan
from kkrdeck.plan.planner import Typesetting, plan_deck

if TYPE_CHECKING:
    from kkrdeck.design.design import Design
    from kkrdeck.outline.load import Outline


def make_plan(outline: Outline, design: Design) -> Plan:
    """Measure and lay out every slide; whatever would stop the write stage is found here, so check and build agree."""
    ts = Typesetting(design.heading, design.body, outline.brand, design.geometry)
    plan = plan_deck(outline.deck, ts, outline.deck_source.filename, outline.deck_source.position,
                     outline.image_sizes)
    lines: dict[str, list[int]] = {}
    for slide in plan.slides:
        if slide.layout not in design.layout_map.layouts:
            lines.setdefault(slide.layout, []).append(slide.source_line)
    missing = design.missing_layouts(lines) if lines else None
    if missing:
        raise TemplateError(missing)
    if plan.info.footer != design.footer:
        plan = replace(plan, info=replace(plan.info, footer=design.footer))
    if design.warnings:
        plan = replace(plan, notices=design.warnings + plan.notices)
    return plan

"""The plan stage's entry: a validated outline on its resolved design → the plan, or every reason it cannot be."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kkrdeck.errors import Problem, TemplateError
from kkrdeck.plan.data import Plan
from kkrdeck.plan.planner import Typesetting, plan_deck
from kkrdeck.plan.textfit import Measurer, text_height, text_width

if TYPE_CHECKING:
    from kkrdeck.design.design import Design
    from kkrdeck.outline.load import Outline


def make_plan(outline: Outline, design: Design) -> Plan:
    """Measure and lay out every slide; whatever would stop the write stage is found here, so check and build agree."""
    ts = Typesetting(Measurer(design.heading), Measurer(design.body), outline.brand, design.geometry,
                    frozenset(design.layout_map.layouts))
    plan = plan_deck(outline.deck, ts, outline.deck_source.filename, outline.deck_source.position,
                     outline.image_sizes, outline.charts)
    lines: dict[str, list[int]] = {}
    for slide in plan.slides:
        if slide.layout not in design.layout_map.layouts:
            lines.setdefault(slide.layout, []).append(slide.source_line)
    missing = design.missing_layouts(lines) if lines else None
    if missing:
        raise TemplateError(missing)
    if design.template is not None and design.template.palettes:
        from kkrdeck.plan.legible import legible_plan

        plan = legible_plan(plan, design.template.palettes)
    warnings = design.warnings
    too_long = _footer_problem(plan.info.footer, design, ts.body) if plan.info.footer else None
    if too_long:  # the brand's footer goes into the template's footer box only if it fits there
        source = outline.brand_source
        warnings += (Problem(source.filename, *source.position("footer"), too_long, "warning"),)
        plan = replace(plan, info=replace(plan.info, footer=None))
    if warnings:
        plan = replace(plan, notices=warnings + plan.notices)
    return plan


def _footer_problem(text: str, design: Design, measurer: Measurer) -> str | None:
    """Why the footer text cannot go on one line into the template's footer placeholder, or None if it can."""
    template = design.template
    ph = template.footer if template is not None else None
    if template is None or ph is None or ph.box is None:
        return None  # the built-in layouts are drawn for the brand's footer
    size = template.footer_size
    if measurer.width(text, size) <= text_width(ph.box, ph.insets, 0) and \
            measurer.line_height(size) <= text_height(ph.box, ph.insets) * 1.5:
        return None
    return (f"the footer text '{text}' is too long for {template.name}'s footer box ({ph.box.w / 360000:.1f} cm at "
            f"{size:g} pt), so it is left out — shorten 'footer:' in the brand file")

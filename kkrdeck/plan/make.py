"""The plan stage's entry: a validated outline on its resolved design → the plan, or every reason it cannot be."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kkrdeck.errors import Problem, TemplateError
from kkrdeck.i18n import _
from kkrdeck.plan.data import Chart, Plan, Table
from kkrdeck.plan.planner import Typesetting, plan_deck
from kkrdeck.plan.slide_scale import BRAND_HEIGHT, Scaled, scaled_brand
from kkrdeck.plan.textfit import Measurer, size_steps, text_height, text_width
from kkrdeck.wording import centimetres, decimal

if TYPE_CHECKING:
    from kkrdeck.design.design import Design
    from kkrdeck.design.layouts import Placeholder
    from kkrdeck.outline.load import Outline


def make_plan(outline: Outline, design: Design) -> Plan:
    """Measure and lay out every slide; whatever would stop the write stage is found here, so check and build agree."""
    scaled = scaled_brand(outline.brand, design.geometry.height)
    ts = Typesetting(Measurer(design.heading), Measurer(design.body), scaled.brand, design.geometry,
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
    elif design.theme and any(isinstance(s, (Chart, Table)) for slide in plan.slides for s in slide.shapes):
        # the brand's own text pairs are checked where it is loaded; a chart's bars and a table's header are not
        from kkrdeck.design.colours import brand_palette
        from kkrdeck.plan.legible import legible_chart, legible_table

        colours = brand_palette(design.theme)
        plan = replace(plan, slides=tuple(replace(slide, shapes=tuple(
            legible_chart(s, colours) if isinstance(s, Chart) else legible_table(s, colours) if isinstance(s, Table)
            else s for s in slide.shapes)) for slide in plan.slides))
    warnings = design.warnings
    template = design.template
    if scaled.factor != 1.0 and template is not None:
        warnings += (_scaled_notice(outline, template.name, design.geometry.height, scaled),)
    if template is not None and plan.info.footer and template.footer is not None and template.footer.box is not None:
        # the brand's footer goes into the template's footer box at the size it inherits, smaller if it must
        size = chrome_size(plan.info.footer, template.footer, template.footer_size,
                           Measurer(design.footer) if design.footer else ts.body, template.footer_bold)
        if size is None:
            source = outline.brand_source
            box = template.footer.box
            message = _("the footer text '{footer}' is too long for {template}'s footer box ({width} cm at {size} "
                        "pt), so it is left out — shorten 'footer:' in the brand file").format(
                footer=plan.info.footer, template=template.name, width=centimetres(box.w), size=decimal(CHROME_FLOOR))
            warnings += (Problem(source.filename, *source.position("footer"), message, "warning"),)
            plan = replace(plan, info=replace(plan.info, footer=None))
        elif size != template.footer_size:
            plan = replace(plan, info=replace(plan.info, footer_size=size))
    if template is not None and plan.info.slide_numbers and template.number is not None and \
            template.number.box is not None:
        widest = "8" * len(str(len(plan.slides)))
        size = chrome_size(widest, template.number, template.number_size,
                           Measurer(design.number) if design.number else ts.body, template.number_bold)
        if size is not None and size != template.number_size:
            plan = replace(plan, info=replace(plan.info, number_size=size))
    if template is not None and template.chrome_colours:
        plan = replace(plan, info=replace(plan.info, chrome_colours=template.chrome_colours))
    if warnings:
        plan = replace(plan, notices=warnings + plan.notices)
    return plan


def _scaled_notice(outline: Outline, template: str, height: int, scaled: Scaled) -> Problem:
    """Where the template's slides are taller or shorter than the brand's, what its sizes became."""
    source = outline.brand_source
    sizes = scaled.brand.sizes
    message = _("the slides of {template} are {height} cm tall, the brand's {brand} cm: its text sizes are scaled "
                "to {percent} % so they read as large when shown (titles {title} pt, at least {title_min} pt; body "
                "{body} pt, at least {body_min} pt)").format(
        template=template, height=centimetres(height), brand=centimetres(BRAND_HEIGHT),
        percent=round(scaled.factor * 100), title=decimal(sizes.title), title_min=decimal(sizes.title_min),
        body=decimal(sizes.body[0]), body_min=decimal(sizes.body_min))
    return Problem(source.filename, *source.position("sizes"), message, "notice")


CHROME_FLOOR = 9.0  # pt: a footer or slide number smaller than this is not read; it is left out instead
CHROME_LEADING = 1.1  # a one-line box needs a little more than the line: renderers place the first line lower


def chrome_size(text: str, ph: Placeholder, size: float, measurer: Measurer, bold: bool = False) -> float | None:
    """The size a footer or slide number fits its placeholder on one line at: the one it inherits, else the largest
    below it down to 9 pt; None when even that is too wide (a box shorter than a line lets the text overflow
    downwards, as the template's own footer would)."""
    assert ph.box is not None
    width, height = text_width(ph.box, ph.insets, 0), text_height(ph.box, ph.insets)
    # a box drawn much shorter than its own text's line: the template lets it overflow, and so does kkrdeck
    short = measurer.line_height(size) > height * 1.5
    for candidate in size_steps(size, CHROME_FLOOR, 0.5):
        if measurer.width(text, candidate, bold) <= width and \
                (short or measurer.line_height(candidate) * CHROME_LEADING <= height):
            return candidate
    return None

"""The design a deck is built on, resolved once: the built-in brand or an organisation's template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kkrdeck.design.geometry import Geometry, default_geometry
from kkrdeck.design.layoutmap import LayoutMap
from kkrdeck.errors import Problem
from kkrdeck.plan.textfit import Measurer

if TYPE_CHECKING:
    from kkrdeck.design.template import Template
    from kkrdeck.outline.load import Outline


@dataclass(frozen=True)
class Design:
    """What plan and write need of the look: boxes, layouts, measuring fonts and the package to write on."""

    geometry: Geometry
    layout_map: LayoutMap
    heading: Measurer
    body: Measurer
    body_font: str  # the font name the writer sets body text in
    package: bytes  # the package without slides that the writer adds the slides to
    footer: str | None  # the footer text as it will be written, None when there is none or it does not fit
    warnings: tuple[Problem, ...] = ()
    template: Template | None = None  # the organisation's template, None for the built-in brand

    def missing_layouts(self, lines: dict[str, list[int]]) -> str | None:
        """Why some planned slides have no layout in this design (a message), or None when all have one."""
        if self.template is None or all(key in self.layout_map.layouts for key in lines):
            return None
        from kkrdeck.design.layouts import missing_layouts_message

        return missing_layouts_message(self.template, lines)


def design_for(outline: Outline) -> Design:
    """The organisation's template when the outline names one, else the brand's own base template."""
    if outline.template is not None:
        return _organisation_design(outline)
    return _brand_design(outline)


def _brand_design(outline: Outline) -> Design:
    from kkrdeck.ooxml.basetemplate import TemplateInput, base_layout_map, build_base_template

    brand = outline.brand
    geometry = default_geometry(brand.aspect)
    logo = outline.logo.read_bytes() if outline.logo else None
    package = build_base_template(TemplateInput(brand, geometry, logo, outline.deck.language))
    return Design(geometry, base_layout_map(geometry, bool(brand.footer), brand.slide_numbers),
                  Measurer(outline.fonts[brand.fonts.heading]), Measurer(outline.fonts[brand.fonts.body]),
                  brand.fonts.body, package, brand.footer, tuple(outline.warnings))


def _organisation_design(outline: Outline) -> Design:
    """Its masters, layouts and theme (the brand's colours stay out), measured with the best files found."""
    from kkrdeck.design.fonts import measuring_fonts
    from kkrdeck.design.layouts import brand_overrides
    from kkrdeck.design.template import load_template
    from kkrdeck.outline.resources import FALLBACK_FACES

    assert outline.template is not None
    template = load_template(outline.template, brand_overrides(outline.brand, outline.brand_source))
    metrics = {family: faces for family, faces in outline.fonts.items() if faces is not FALLBACK_FACES}
    heading_font, body_font, font_warnings = measuring_fonts(template, metrics)
    heading, body = Measurer(heading_font.faces), Measurer(body_font.faces)
    warnings = list(outline.warnings) + [Problem(template.name, 0, 0, w, "warning") for w in template.warnings]
    warnings += font_warnings
    footer = outline.brand.footer
    too_long = template.footer_problem(footer, body) if footer else None
    if too_long:  # the brand's footer goes into the template's footer box only if it fits there
        warnings.append(Problem(outline.brand_source.filename, *outline.brand_source.position("footer"), too_long,
                                "warning"))
        footer = None
    return Design(template.geometry, template.layout_map, heading, body, template.body_font, template.package,
                  footer, tuple(warnings), template)

"""The design a deck is built on, resolved once: the built-in brand or an organisation's template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kkrdeck.design.geometry import Geometry, aspect_name, default_geometry
from kkrdeck.design.layoutmap import LayoutMap
from kkrdeck.design.metrics import FaceFiles
from kkrdeck.errors import Problem
from kkrdeck.i18n import _

if TYPE_CHECKING:
    from kkrdeck.design.template import Template
    from kkrdeck.outline.load import Outline


@dataclass(frozen=True)
class Design:
    """What plan and write need of the look: boxes, layouts, the font files to measure with, the package to write on.

    The planner builds its measurers from `heading` and `body`; the design stage itself measures nothing."""

    geometry: Geometry
    layout_map: LayoutMap
    heading: FaceFiles
    body: FaceFiles
    body_font: str  # the font name the writer sets body text in
    package: bytes  # the package without slides that the writer adds the slides to
    warnings: tuple[Problem, ...] = ()
    template: Template | None = None  # the organisation's template, None for the built-in brand
    footer: FaceFiles | None = None  # what the template's footer is set in, when not the body font
    number: FaceFiles | None = None  # what its slide number is set in, when not the body font
    theme: dict[str, str] | None = None  # the built-in brand's twelve theme colours (a template has palettes)

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
    from kkrdeck.ooxml.basetemplate import TemplateInput, base_layout_map, build_base_template, theme_colours

    brand = outline.brand
    geometry = default_geometry(brand.aspect)
    logo = None
    if outline.logo:
        from kkrdeck.design.logo import clean_logo

        logo, geometry = clean_logo(outline.logo, geometry)
    package = build_base_template(TemplateInput(brand, geometry, logo, outline.deck.language))
    return Design(geometry, base_layout_map(geometry, bool(brand.footer), brand.slide_numbers),
                  outline.fonts[brand.fonts.heading], outline.fonts[brand.fonts.body], brand.fonts.body, package,
                  tuple(outline.warnings), theme={k: "#" + v.lstrip("#").upper()
                                                  for k, v in theme_colours(brand).items()})


def _organisation_design(outline: Outline) -> Design:
    """Its masters, layouts and theme (the brand's colours stay out), measured with the best files found."""
    from kkrdeck.design.fonts import find_font, measuring_fonts
    from kkrdeck.design.layouts import brand_overrides
    from kkrdeck.design.template import load_template
    from kkrdeck.outline.resources import FALLBACK_FACES

    assert outline.template is not None
    template = load_template(outline.template, brand_overrides(outline.brand, outline.brand_source))
    metrics = {family: faces for family, faces in outline.fonts.items() if faces is not FALLBACK_FACES}
    heading_font, body_font, font_warnings = measuring_fonts(template, metrics)
    warnings = [Problem(template.name, 0, 0, w, "warning") for w in template.warnings + template.faint]
    ignored = _ignored_aspect(outline, template)
    if ignored is not None:
        warnings.append(ignored)
    footer, number = (find_font(f, metrics).faces if f and f.casefold() != template.body_font.casefold() else None
                      for f in (template.footer_font, template.number_font))
    return Design(template.geometry, template.layout_map, heading_font.faces, body_font.faces, template.body_font,
                  template.package, tuple(outline.warnings) + tuple(warnings) + tuple(font_warnings), template,
                  footer, number)


def _ignored_aspect(outline: Outline, template: Template) -> Problem | None:
    """A notice, where the brand file asks for a slide shape the template does not have: the template's slide size
    wins (its layouts, pictures and placeholders are drawn for it), so the brand's 'aspect' is not used."""
    brand = outline.brand
    if "aspect" not in brand.model_fields_set:
        return None
    actual = aspect_name(template.width, template.height)
    if actual == brand.aspect:
        return None
    source = outline.brand_source
    message = _("the brand's 'aspect: {aspect}' is not used: the slides of {template} are {actual}, and a deck on "
                "a template always has the template's slide size").format(aspect=brand.aspect,
                                                                          template=template.name, actual=actual)
    return Problem(source.filename, *source.position("aspect"), message, "notice")

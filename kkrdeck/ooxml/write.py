"""The write stage's one entry point: a plan on a template → the bytes of a .pptx package."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kkrdeck.design.layoutmap import LayoutMap
from kkrdeck.ooxml.images import prepare_images
from kkrdeck.ooxml.package import Package
from kkrdeck.ooxml.slides import SlideContext, notes_master_xml, notes_xml, slide_xml
from kkrdeck.plan.data import Plan, Table


@dataclass(frozen=True)
class WriteInput:
    plan: Plan
    template: bytes  # the base package the slides are added to (without slides)
    layouts: LayoutMap
    body_font: str
    images: Mapping[str, Path]  # image key → source file; each picture is prepared once, here
    drawn_font: str | None = None  # see SlideContext


def write_pptx(spec: WriteInput) -> bytes:
    """Build every planned slide on the template; returns the package bytes (stable: fixed zip timestamps)."""
    package = Package(spec.template)
    info = spec.plan.info
    ctx = SlideContext(info, spec.body_font, prepare_images(spec.plan, spec.images), spec.drawn_font)
    if any(isinstance(shape, Table) for planned in spec.plan.slides for shape in planned.shapes):
        package.ensure_table_styles()
    for planned in spec.plan.slides:
        slots = spec.layouts.layouts[planned.layout]
        rels = package.add_slide(slots.index)
        xml = slide_xml(planned, slots, package.layout_placeholders(slots.index), ctx, rels)
        if planned.notes:
            if package.notes_master is None:  # the template has none: a plain one, made on first use
                package.add_notes_master(notes_master_xml(package.notes_size, info.language))
            package.add_notes(rels, notes_xml(package.notes_placeholders(), planned.notes, info.language))
        package.finish_slide(rels, xml)  # after the notes: they add to the slide's relationships
    package.set_properties(info)
    return package.to_bytes()

"""The built-in base template, made from the brand: its theme, Danish layouts, logo, footer and slide number."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from kkrdeck.design.geometry import default_geometry
from kkrdeck.ooxml.basetemplate import TemplateInput, base_layout_map, build_base_template
from kkrdeck.outline.load import load_outline
from kkrdeck.outline.model import Brand, Fonts, hex_colour
from tests.conftest import ROOT
from tests.package_check import assert_valid_deck

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DANISH_LAYOUTS = ["Titel", "Titel og indhold", "Sektionsoverskrift", "To indholdselementer", "Kun titel", "Tom"]


@pytest.fixture(scope="module")
def brand_and_logo() -> tuple[Brand, bytes]:
    """The repo's own brand (assets/brand.yaml) and its logo."""
    outline = load_outline(ROOT / "deck.yaml")
    assert outline.logo is not None
    return outline.brand, outline.logo.read_bytes()


def template(brand: Brand, logo: bytes | None, aspect: str = "16:9") -> bytes:
    return build_base_template(TemplateInput(brand, default_geometry(aspect), logo, "da-DK"))


def opened(data: bytes):
    return Presentation(io.BytesIO(data))


def theme(data: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return ET.fromstring(zf.read("ppt/theme/theme1.xml"))


def test_the_base_template_is_a_valid_package_without_slides(brand_and_logo: tuple[Brand, bytes],
                                                             tmp_path: Path) -> None:
    path = tmp_path / "base.pptx"
    path.write_bytes(template(*brand_and_logo))
    prs = assert_valid_deck(path)
    assert len(prs.slides) == 0


def test_the_theme_colours_are_the_brands(brand_and_logo: tuple[Brand, bytes]) -> None:
    brand, logo = brand_and_logo
    scheme = theme(template(brand, logo)).find(f"{A}themeElements/{A}clrScheme")
    colours = {slot.tag.removeprefix(A): slot.find(f"{A}srgbClr").get("val") for slot in scheme}
    c = brand.colours
    assert (colours["dk1"], colours["lt1"], colours["dk2"]) == tuple(map(hex_colour, (c.text, c.background,
                                                                                     c.primary)))
    assert [colours[f"accent{n}"] for n in range(1, 7)] == list(map(hex_colour, [c.primary, c.secondary, *c.accents]))
    assert (colours["hlink"], colours["folHlink"]) == (hex_colour(c.secondary), hex_colour(c.primary))
    assert scheme.get("name") == brand.name


def test_the_theme_fonts_are_the_brands_heading_and_body_fonts(brand_and_logo: tuple[Brand, bytes]) -> None:
    brand, logo = brand_and_logo
    brand = brand.model_copy(update={"fonts": Fonts(heading="Georgia", body="Verdana")})
    fonts = theme(template(brand, logo)).find(f"{A}themeElements/{A}fontScheme")
    assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == "Georgia"
    assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == "Verdana"


def test_the_layouts_have_the_names_a_danish_powerpoint_shows(brand_and_logo: tuple[Brand, bytes]) -> None:
    assert [layout.name for layout in opened(template(*brand_and_logo)).slide_layouts] == DANISH_LAYOUTS


def test_the_layout_map_points_at_the_placeholders_the_layouts_hold(brand_and_logo: tuple[Brand, bytes]) -> None:
    brand, logo = brand_and_logo
    layouts = list(opened(template(brand, logo)).slide_layouts)
    for key, slots in base_layout_map(default_geometry(), bool(brand.footer), brand.slide_numbers).layouts.items():
        layout = layouts[slots.index]
        held = {ph.placeholder_format.idx for ph in layout.placeholders}
        assert layout.name == slots.name, key
        wanted = set(slots.roles.values()) | {i for i in (slots.footer_idx, slots.number_idx) if i is not None}
        assert wanted <= held, f"{key}: the layout holds {held}, the map wants {wanted}"


def test_logo_footer_and_slide_number_sit_on_the_master_and_layouts(brand_and_logo: tuple[Brand, bytes]) -> None:
    brand, logo = brand_and_logo
    prs = opened(template(brand, logo))
    master = prs.slide_master
    assert [s.name for s in master.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] == ["Logo"]
    kinds = {ph.placeholder_format.type: ph for ph in master.placeholders}
    assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text == brand.footer
    assert PP_PLACEHOLDER.SLIDE_NUMBER in kinds
    content = prs.slide_layouts.get_by_name("Titel og indhold")
    types = {ph.placeholder_format.type for ph in content.placeholders}
    assert {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER} <= types
    cover = prs.slide_layouts.get_by_name("Titel")
    assert [s.name for s in cover.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] == ["Logo"]


def test_a_brand_without_footer_numbers_or_logo_gets_none_of_them(brand_and_logo: tuple[Brand, bytes]) -> None:
    brand = brand_and_logo[0].model_copy(update={"footer": None, "slide_numbers": False})
    data = template(brand, None)
    prs = opened(data)
    chrome = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    for holder in [prs.slide_master, *prs.slide_layouts]:
        assert not [ph for ph in holder.placeholders if ph.placeholder_format.type in chrome], holder.name
        assert not [s for s in holder.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE], holder.name
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert not [n for n in zf.namelist() if n.startswith("ppt/media/")]
    slots = base_layout_map(default_geometry(), False, False).layouts.values()
    assert {(s.footer_idx, s.number_idx) for s in slots} == {(None, None)}


@pytest.mark.parametrize(("aspect", "width"), [("16:9", 12192000), ("4:3", 9144000)])
def test_both_slide_sizes_are_made_with_every_layout_inside_the_slide(brand_and_logo: tuple[Brand, bytes],
                                                                      aspect: str, width: int) -> None:
    prs = opened(template(*brand_and_logo, aspect=aspect))
    assert (prs.slide_width, prs.slide_height) == (width, 6858000)
    for holder in [prs.slide_master, *prs.slide_layouts]:
        for shape in holder.shapes:
            if shape.width is not None:  # a layout placeholder without its own box inherits the master's
                assert 0 <= shape.left and shape.left + shape.width <= width, f"{holder.name}: {shape.name}"
                assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height, f"{holder.name}: {shape.name}"

"""The package writer on its own: a small hand-made plan on the built-in base template and on an organisation's."""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from kkrdeck.design.geometry import Box, Geometry, default_geometry, inch
from kkrdeck.design.layoutmap import LayoutMap
from kkrdeck.ooxml.basetemplate import TemplateInput, base_layout_map, build_base_template
from kkrdeck.ooxml.write import WriteInput, write_pptx
from kkrdeck.outline.inline import Run
from kkrdeck.outline.load import load_outline
from kkrdeck.plan.data import (Connector, DeckInfo, FontRole, Picture, Plan, PlannedSlide, Table, TextBlock,
                               TextShape, ThemeColour)
from kkrdeck.plan.textfit import Paragraph
from tests.conftest import ROOT
from tests.data.templates import make
from tests.package_check import assert_valid_deck

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TITLES = ["Lille dæk", "Baggrund & metode", "Forløbet", "Figuren igen"]
NOTES = "Velkommen til mødet\nAnden linje"


@dataclass(frozen=True)
class Base:
    """A template the writer adds slides to, with what the writer needs to know about it."""

    package: bytes
    layouts: LayoutMap
    geometry: Geometry
    body_font: str


@pytest.fixture(scope="module", params=["built-in", "organisation"])
def base(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Base:
    """The base template made from the repo's brand, or a Danish organisation template (no LibreOffice needed)."""
    if request.param == "built-in":
        outline = load_outline(ROOT / "deck.yaml")
        brand, g = outline.brand, default_geometry(outline.brand.aspect)
        logo = outline.logo.read_bytes() if outline.logo else None
        package = build_base_template(TemplateInput(brand, g, logo, "da-DK"))
        return Base(package, base_layout_map(g, bool(brand.footer), brand.slide_numbers), g, brand.fonts.body)
    from kkrdeck.design.template import load_template

    template = load_template(make.danish_potx(tmp_path_factory.mktemp("danish")))
    return Base(template.package, template.layout_map, template.geometry, template.body_font)


@pytest.fixture(scope="module")
def figure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("images") / "figur.png"
    Image.new("RGB", (1600, 1200), (200, 40, 40)).save(path)
    return path


def text(box: Box, *runs: Run, size: float = 24, role: FontRole = "body", colour: ThemeColour | None = None
         ) -> TextBlock:
    return TextBlock(box, (Paragraph(runs, size=size),), role=role, colour=colour)


def title(g: Geometry, words: str) -> TextBlock:
    return TextBlock(g.title, (Paragraph((Run(words, bold=True),), size=32),), anchor="b", role="heading")


def tiny_plan(g: Geometry) -> Plan:
    """Four slides: a cover with notes, bullets with a link, drawn shapes and a table, a picture used twice."""
    cover = PlannedSlide("cover", text(g.cover_title, Run(TITLES[0], bold=True), size=44, role="heading"), "title",
                         {"subtitle": text(g.cover_subtitle, Run("KKR Sjælland"))}, notes=NOTES)
    bullets = (Paragraph((Run("Se "), Run("KL", link="https://www.kl.dk")), 0, "bullet", size=24,
                         margin=g.margins[0], indent=g.indents[0]),
               Paragraph((Run("Første", italic=True),), 1, "number", 1, g.margins[1], g.indents[1], size=20))
    content = PlannedSlide("content", title(g, TITLES[1]), "bullets", {"body": TextBlock(g.body, bullets)})
    body, d = g.body, inch(0.3)
    a, b = Box(body.x, body.y, d, d), Box(body.x + inch(4), body.y, d, d)
    cell_w, row_h = inch(2), inch(0.5)
    cells = tuple(tuple(text(Box(0, 0, cell_w, row_h), Run(t), size=16) for t in row)
                  for row in (("A", "B"), ("1", "2")))
    shapes = (TextShape("ellipse", "Marker 1", a, fill="accent1", decorative=True),
              TextShape("ellipse", "Marker 2", b, fill="accent1", decorative=True),
              Connector("Link 1", Box(a.right, a.y + d // 2, b.x - a.right, 0), "accent1", (0, 1), decorative=True),
              TextShape("roundRect", "Conclusion", Box(body.x, body.y + inch(0.6), inch(4), inch(0.8)), fill="bg2",
                        text=text(Box(body.x, body.y + inch(0.6), inch(4), inch(0.8)), Run("Slut"), colour="tx1")),
              Table("Table", Box(body.x, body.y + inch(1.6), 2 * cell_w, 2 * row_h), cells, (cell_w, cell_w),
                    (row_h, row_h)),
              Picture("Picture", Box(body.x + inch(5), body.y + inch(1.6), inch(4), inch(3)), "figur.png",
                      "Et søjlediagram"))
    drawing = PlannedSlide("title-only", title(g, TITLES[2]), "process", {}, shapes)
    again = PlannedSlide("title-only", title(g, TITLES[3]), "image", {},
                         (Picture("Picture", Box(body.x, body.y, inch(2), inch(1.5)), "figur.png", decorative=True),))
    info = DeckInfo(TITLES[0], "Et eksempel", "KKR", "da-DK", "2024-03-05", "KKR · test", True)
    return Plan(info, (cover, content, drawing, again))


def write(base: Base, figure: Path) -> bytes:
    plan = tiny_plan(base.geometry)
    return write_pptx(WriteInput(plan, base.package, base.layouts, base.body_font, {"figur.png": figure}))


@pytest.fixture(scope="module")
def written(base: Base, figure: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("written") / "tiny.pptx"
    path.write_bytes(write(base, figure))
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {"/" + name: zf.read(name) for name in zf.namelist()}


def test_the_package_is_valid_and_python_pptx_reopens_every_slide(written: Path) -> None:
    prs = assert_valid_deck(written)
    assert len(prs.slides) == len(TITLES)


def test_content_types_name_every_part_and_only_parts_that_exist(written: Path) -> None:
    found = parts(written)
    types = ET.fromstring(found["/[Content_Types].xml"])
    defaults = {e.get("Extension").lower() for e in types.iter(f"{CT}Default")}
    overrides = {e.get("PartName"): e.get("ContentType") for e in types.iter(f"{CT}Override")}
    untyped = [n for n in found if n != "/[Content_Types].xml" and n not in overrides
               and n.rpartition(".")[2].lower() not in defaults]
    assert untyped == []
    assert [n for n in overrides if n not in found] == []
    assert overrides["/ppt/presentation.xml"].endswith(".presentation.main+xml")  # a .potx becomes a .pptx
    assert all(overrides[f"/ppt/slides/slide{n}.xml"].endswith(".slide+xml") for n in range(1, len(TITLES) + 1))


def test_every_relationship_target_exists_and_links_stay_external(written: Path) -> None:
    found = parts(written)
    missing, external = [], []
    for name, data in found.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))  # /ppt/slides/_rels/slide1.xml.rels → /ppt/slides
        for rel in ET.fromstring(data).iter(f"{PR}Relationship"):
            if rel.get("TargetMode") == "External":
                external.append(rel.get("Target"))
            elif posixpath.normpath(posixpath.join(folder, rel.get("Target"))) not in found:
                missing.append(f"{name}: {rel.get('Target')}")
    assert missing == []
    assert "https://www.kl.dk" in external


def test_shape_ids_are_unique_on_every_slide_and_notes_page(written: Path) -> None:
    for name, data in parts(written).items():
        if name.startswith(("/ppt/slides/slide", "/ppt/notesSlides/notesSlide")):
            ids = [e.get("id") for e in ET.fromstring(data).iter(f"{P}cNvPr")]
            assert len(ids) == len(set(ids)), f"{name}: shape ids {ids}"


def test_two_writes_of_the_same_plan_are_byte_identical(base: Base, figure: Path) -> None:
    first, second = write(base, figure), write(base, figure)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_python_pptx_finds_each_title_in_the_title_placeholder(written: Path) -> None:
    for slide, expected in zip(Presentation(written).slides, TITLES):
        heading = slide.shapes.title
        assert heading is not None and heading.text == expected
        assert heading.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def test_the_text_goes_into_the_layouts_placeholders_not_into_drawn_boxes(written: Path) -> None:
    cover, content = list(Presentation(written).slides)[:2]
    assert [s.is_placeholder for s in cover.shapes][:2] == [True, True]
    body = next(s for s in content.placeholders if s.placeholder_format.idx != 0)
    assert [p.text for p in body.text_frame.paragraphs] == ["Se KL", "Første"]


def test_a_connector_is_glued_to_the_shapes_it_joins(written: Path) -> None:
    slide = ET.fromstring(parts(written)["/ppt/slides/slide3.xml"])
    ids = {e.get("name"): e.get("id") for e in slide.iter(f"{P}cNvPr")}
    [start] = slide.iter(f"{A}stCxn")
    [end] = slide.iter(f"{A}endCxn")
    assert (start.get("id"), end.get("id")) == (ids["Marker 1"], ids["Marker 2"])


def test_a_picture_is_prepared_once_from_its_source_at_its_first_size(written: Path, base: Base) -> None:
    found = parts(written)
    used = {}
    for n in (3, 4):
        rels = ET.fromstring(found[f"/ppt/slides/_rels/slide{n}.xml.rels"])
        used[n] = {posixpath.normpath(posixpath.join("/ppt/slides", r.get("Target")))
                   for r in rels if r.get("Type").endswith("/image")}
    assert used[3] == used[4] and len(used[3]) == 1
    with zipfile.ZipFile(io.BytesIO(base.package)) as zf:
        new_media = {n for n in found if n.startswith("/ppt/media/")} - {"/" + n for n in zf.namelist()}
    assert new_media == used[3]
    image = Image.open(io.BytesIO(found[new_media.pop()]))
    # 4 × 3 in on slide 3 at 200 dpi; slide 4 shows it at 2 × 1.5 in, which would have been 400 × 300
    assert (image.format, image.size) == ("PNG", (800, 600))


def test_notes_go_on_a_notes_page_of_their_own_slide(written: Path) -> None:
    slides = list(Presentation(written).slides)
    assert slides[0].has_notes_slide and slides[0].notes_slide.notes_text_frame.text == NOTES
    assert not any(s.has_notes_slide for s in slides[1:])


def test_every_run_carries_the_decks_language(written: Path) -> None:
    for name, data in parts(written).items():
        if name.startswith(("/ppt/slides/slide", "/ppt/notesSlides/notesSlide")):
            langs = {e.get("lang") for tag in ("rPr", "endParaRPr") for e in ET.fromstring(data).iter(f"{A}{tag}")}
            assert langs == {"da-DK"}, name


def test_the_document_properties_carry_the_decks_title_author_and_date(written: Path) -> None:
    props = Presentation(written).core_properties
    assert (props.title, props.subject, props.author, props.language) == (TITLES[0], "Et eksempel", "KKR", "da-DK")
    assert props.created == props.modified == dt.datetime(2024, 3, 5, 9, 0)

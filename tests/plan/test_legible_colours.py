"""Colours kkrdeck picks for chart labels, table text and the footer reach 4.5:1 on what is behind them: planned
from the theme and measured on LibreOffice's rendering."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from kkrdeck.build import build
from kkrdeck.design.contrast import contrast_ratio
from kkrdeck.design.template import load_template
from kkrdeck.export.libreoffice import pptx_to_pdf
from kkrdeck.design.colours import tint
from kkrdeck.plan.data import Chart, Table
from kkrdeck.plan.legible import BANDS, series_fill
from tests.charts.test_render_charts import every_kind
from tests.conftest import ROOT, write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck
from tests.plan.test_table import short_rows, table_yaml
from tests.rendered_contrast import chart_label_contrasts, chrome_contrasts, table_contrasts

MECANON = ROOT / "tests/data/templates/real/mecanon.potx"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def dark(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make.dark_background(tmp_path_factory.mktemp("dark"), False)


def charts(result) -> list[Chart]:
    return [s for slide in result.plan.slides for s in slide.shapes if isinstance(s, Chart)]


def test_labels_inside_mecanons_yellow_and_orange_bars_are_dark_and_reach_4_5_to_1(tmp_path: Path) -> None:
    shutil.copy(MECANON, tmp_path / "mecanon.potx")
    result = build(every_kind(tmp_path, "template: mecanon.potx\n"), tmp_path / "deck.pptx")
    colours = load_template(MECANON).palettes["content"]
    inside = {c.chart: c for c in charts(result) if c.inside_colours}
    assert set(inside) == {"stacked-column", "stacked-bar", "doughnut"}
    for chart in inside.values():
        for n, name in enumerate(chart.inside_colours):
            assert contrast_ratio(colours.names[name], series_fill(colours, n)) >= 4.5, (chart.chart, n, name)
    # accent1 is orange (#D76C23): white on it is 3.5:1, so the first series' labels go dark
    assert inside["stacked-bar"].inside_colours[0] != "bg1"
    # the labels are written per series, in the schema's place (the deck is schema-valid)
    assert_valid_deck(result.output)
    with zipfile.ZipFile(result.output) as package:
        names = sorted(n for n in package.namelist() if n.startswith("ppt/charts/chart"))
        xml = [etree.fromstring(package.read(n)) for n in names]
    stacked = next(x for x in xml if x.find(f".//{C}barChart/{C}grouping").get("val") == "stacked")
    own = [s.find(f"{C}dLbls/{C}txPr//{A}defRPr/{A}solidFill/{A}schemeClr").get("val")
           for s in stacked.iter(f"{C}ser")]
    assert own == list(next(c for c in charts(result) if c.chart == "stacked-column").inside_colours)


def test_a_danish_deck_writes_its_numbers_with_the_danish_locale(tmp_path: Path) -> None:
    result = build(every_kind(tmp_path), tmp_path / "deck.pptx")
    with zipfile.ZipFile(result.output) as package:
        xml = etree.fromstring(package.read("ppt/charts/chart1.xml"))
    assert {f.get("formatCode") for f in xml.iter(f"{C}numFmt") if f.getparent().tag != f"{C}numRef"} == \
        {"[$-406]General"}


def test_on_a_dark_background_the_axis_and_legend_text_take_the_light_colour(tmp_path: Path, dark: Path) -> None:
    result = build(every_kind(tmp_path), tmp_path / "deck.pptx", template=dark)
    assert {c.text_colour for c in charts(result)} == {"bg1"}


@pytest.mark.parametrize("on", ["brand", "dark"])
def test_table_header_and_rows_reach_4_5_to_1_on_the_table_styles_fills(tmp_path: Path, on: str,
                                                                        request: pytest.FixtureRequest) -> None:
    template = request.getfixturevalue("dark") if on == "dark" else None
    result = build(write_deck(tmp_path, table_yaml(short_rows(5), ["Dato", "Møde", "Deltagere"])),
                   tmp_path / "table.pptx", template=template)
    table = next(s for slide in result.plan.slides for s in slide.shapes if isinstance(s, Table))
    if template is None:  # the brand's navy header takes its white text, as the style sets it
        assert {c.colour for row in table.cells for c in row} == {None}
        return
    names = load_template(template).palettes["content"].names
    header, bands = names["accent1"], [tint(names["accent1"], a) for a in BANDS]
    # #4F81BD: the style's white header text is 4.0:1 on it; the header goes dark
    assert contrast_ratio(names["lt1"], header) < 4.5
    assert {c.colour for c in table.cells[0]} == {"tx1"}
    assert contrast_ratio(names["tx1"], header) >= 4.5
    assert all(contrast_ratio(names[c.colour] if c.colour else names["dk1"], b) >= 4.5
               for row in table.cells[1:] for c in row for b in bands)


def test_a_template_without_table_styles_gets_the_list_naming_kkrdecks_style(tmp_path: Path) -> None:
    source = make.python_pptx_default()
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts.pop("ppt/tableStyles.xml")
    rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    root = etree.fromstring(rels.encode())
    for rel in list(root):
        if rel.get("Type").endswith("/tableStyles"):
            root.remove(rel)
    parts["ppt/_rels/presentation.xml.rels"] = etree.tostring(root)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for el in list(types):
        if el.get("PartName") == "/ppt/tableStyles.xml":
            types.remove(el)
    parts["[Content_Types].xml"] = etree.tostring(types)
    bare = tmp_path / "bare.pptx"
    with zipfile.ZipFile(bare, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    result = build(write_deck(tmp_path, table_yaml(short_rows(3), ["Dato", "Møde", "Deltagere"])),
                   tmp_path / "table.pptx", template=bare)
    assert_valid_deck(result.output)
    with zipfile.ZipFile(result.output) as package:
        styles = etree.fromstring(package.read("ppt/tableStyles.xml"))
        rels = package.read("ppt/_rels/presentation.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    assert styles.get("def") == "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
    assert 'relationships/tableStyles" Target="tableStyles.xml"' in rels
    assert 'PartName="/ppt/tableStyles.xml"' in types


def test_a_faint_inherited_footer_is_written_in_a_legible_colour(tmp_path: Path) -> None:
    """mecanon sets its footer and slide number in bg1 (white) on its orange band: 3.5:1."""
    template = load_template(MECANON)
    assert {k: (f, n) for k, f, n, _ in template.chrome_colours}["content"] == ("tx1", "tx1")
    shutil.copy(MECANON, tmp_path / "mecanon.potx")
    deck = ROOT / "deck.yaml"
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(deck, tmp_path / "deck.yaml")
    result = build(tmp_path / "deck.yaml", tmp_path / "deck.pptx", template=tmp_path / "mecanon.potx")
    with zipfile.ZipFile(result.output) as package:
        slide = package.read("ppt/slides/slide2.xml").decode()
    assert '<p:ph type="ftr"' in slide and '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill></a:rPr><a:t>KKR' \
        in slide


# --- measured on LibreOffice's rendering ----------------------------------------------------------------------

@pytest.mark.libreoffice
@pytest.mark.parametrize("on", ["mecanon", "dark"])
def test_every_chart_number_reaches_4_5_to_1_on_the_rendered_page(tmp_path: Path, on: str,
                                                                    request: pytest.FixtureRequest) -> None:
    """Labels inside the bars against the bar under them, outside ones and the value axis against the slide."""
    template = MECANON if on == "mecanon" else request.getfixturevalue("dark")
    out = tmp_path / "deck.pptx"
    build(every_kind(tmp_path), out, template=template)
    pdf = pptx_to_pdf(out, tmp_path / "deck.pdf")
    measured = chart_label_contrasts(pdf, out)
    assert len(measured) >= 40  # the data labels and the value axes of seven charts
    assert [(f"{r:.2f}", i + 1, w) for r, i, w in measured if r < 4.5] == []
    # and in Danish: the decimal comma
    assert any(w == "10,5" for _, _, w in measured)


@pytest.mark.libreoffice
def test_vintage_draws_the_table_with_its_header_fill_and_every_word_reaches_4_5_to_1(tmp_path: Path) -> None:
    template = make.libreoffice_template("Vintage", tmp_path)
    result = build(write_deck(tmp_path, table_yaml(short_rows(5), ["Dato", "Møde", "Deltagere"])),
                   tmp_path / "table.pptx", template=template)
    pdf = pptx_to_pdf(result.output, tmp_path / "table.pdf")
    page = Image.open(_png(pdf, tmp_path)).convert("RGB")
    table = next(s for slide in result.plan.slides for s in slide.shapes if isinstance(s, Table))
    scale = page.width / load_template(template).width
    # a strip of the header row just inside its left edge, below the text's top: the style's accent1 fill
    x, y = int((table.box.x + 20000) * scale), int((table.box.y + table.row_heights[0] // 2) * scale)
    accent = load_template(template).palettes["content"].names["accent1"]
    seen = "#%02X%02X%02X" % page.getpixel((x, y))
    assert contrast_ratio(seen, accent) < 1.1, (seen, accent)
    # the rows are banded: the second and third rows' fills differ
    rows = [table.box.y + sum(table.row_heights[:i]) + table.row_heights[i] // 2 for i in (1, 2)]
    bands = ["#%02X%02X%02X" % page.getpixel((x, int(r * scale))) for r in rows]
    assert bands[0] != bands[1] and all(contrast_ratio(b, accent) > 1.5 for b in bands)
    measured = table_contrasts(pdf, result.output)
    assert len(measured) >= 20
    assert [(f"{r:.2f}", w) for r, _, w in measured if r < 4.5] == []


@pytest.mark.libreoffice
def test_mecanons_footer_and_slide_number_reach_4_5_to_1_on_the_rendered_page(tmp_path: Path) -> None:
    shutil.copy(MECANON, tmp_path / "mecanon.potx")
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(ROOT / "deck.yaml", tmp_path / "deck.yaml")
    result = build(tmp_path / "deck.yaml", tmp_path / "deck.pptx", template=tmp_path / "mecanon.potx")
    pdf = pptx_to_pdf(result.output, tmp_path / "deck.pdf")
    measured = chrome_contrasts(pdf, result.output)
    assert len(measured) >= 20
    assert [(f"{r:.2f}", i + 1, w) for r, i, w in measured if r < 4.5] == []


def _png(pdf: Path, folder: Path) -> Path:
    import subprocess

    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
                   check=True, timeout=120)
    return next(folder.glob("page*.png"))


def _split_palette(vertical: bool):
    """A 10 × 10 in slide painted white and black: top and bottom halves, or left and right."""
    from kkrdeck.design.colours import Palette

    image = Image.new("RGB", (100, 100), "white")
    image.paste((0, 0, 0), (50, 0, 100, 100) if vertical else (0, 50, 100, 100))
    names = {"tx1": "#000000", "bg1": "#FFFFFF", "black": "#000000", "white": "#FFFFFF"}
    return Palette(names, "#FFFFFF", "test", image.tobytes(), (100, 100), (9144000, 9144000))


def _step(colour: str = "tx1"):
    from kkrdeck.design.geometry import Box, Insets, inch
    from kkrdeck.outline.inline import Run
    from kkrdeck.plan.data import TextBlock, TextShape
    from kkrdeck.plan.textfit import Paragraph

    box = Box(inch(1), inch(1), inch(8), inch(8))
    text = TextBlock(box, (Paragraph((Run("Mødet i KL's bestyrelse"),), size=20, lines=("Mødet i KL's bestyrelse",)),),
                     Insets(), "t", "body", colour)
    return TextShape("textbox", "Timeline step 1", box, text=text)


def test_drawn_text_is_coloured_for_where_its_lines_are_not_for_its_whole_box() -> None:
    """A timeline step's box reaches down to the conclusion; its one line is on the white top half: black reads
    there, so it needs no plate though the box's lower half is black."""
    from kkrdeck.plan.legible import _shape

    step = _step()
    assert _shape(step, _split_palette(vertical=False)) == step


def test_text_no_colour_reads_on_gets_a_plate_as_tall_as_its_lines() -> None:
    """Its line crosses from white to black: a bg1 plate behind it, the height of the text, not of the box."""
    from kkrdeck.design.geometry import inch
    from kkrdeck.plan.legible import _shape, occupied

    step = _step()
    plated = _shape(step, _split_palette(vertical=True))
    assert plated.fill == "bg1" and plated.text.colour == "tx1"
    assert plated.box == plated.text.box == occupied(step.text)
    assert plated.box.y == step.box.y and inch(0.3) < plated.box.h < inch(0.6)  # one 20 pt line and insets


def test_bullets_take_the_first_colour_that_reaches_3_to_1_on_what_is_behind_the_list() -> None:
    """pandoc's reference template sets its accent1 (teal) on a grey gradient: 1.5:1. The bullets and numbers
    kkrdeck writes in accent1 take the next accent that reaches 3:1 (WCAG's for graphics), else tx2, then tx1."""
    from dataclasses import replace

    from kkrdeck.design.colours import Palette
    from kkrdeck.plan.legible import _markers

    names = {"tx1": "#000000", "bg1": "#FFFFFF", "tx2": "#1F1F1F", "accent1": "#459395", "accent2": "#8AB0B0",
             "accent3": "#1F3F6F"}
    grey = Palette(names, "#8C9A9A", "test")
    step = _step()
    listed = replace(step.text, paragraphs=tuple(replace(p, marker="bullet") for p in step.text.paragraphs))
    assert _markers(listed, grey).markers == "accent3"  # accent1 1.2:1, accent2 1.2:1, accent3 3.6:1
    assert _markers(listed, Palette(names, "#FFFFFF", "test")).markers == "accent1"  # 3.6:1 on white
    assert _markers(step.text, grey) is step.text  # no list, nothing to colour

"""The Template record: the default deck built on templates nobody here designed, and loading a template."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

import tests.render_check as render_check
from kkrdeck.build import build
from kkrdeck.design.fonts import find_font
from kkrdeck.design.template import load_template
from kkrdeck.errors import TemplateError
from tests.conftest import ROOT, seed_lines, slide_texts, write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck
from tests.render_check import words_outside

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

# what each slide of the default deck lands on, per template
EXPECTED_LAYOUTS = {
    "python-pptx": ["Title Slide"] + ["Title and Content"] * 6 + ["Title Only"],
    "danish": ["Titelslide"] + ["Titel og indhold"] * 6 + ["Kun titel"],
    # Vivid's body stops above its footer row, 3.9 in tall: the timeline with its lead and conclusion continues
    "Vivid": ["Title Slide"] + ["Title, Content"] * 2 + ["Title Only"] + ["Title, Content"] * 4 + ["Title Only"],
    "Nature_Illustration": ["Title Slide"] + ["Title, Content"] * 6 + ["Title Only"],
}


@pytest.fixture(scope="module", params=list(EXPECTED_LAYOUTS))
def built(request: pytest.FixtureRequest, templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    """The default deck built on one template, its PDF by LibreOffice and its pages as PNG (50 dpi)."""
    from kkrdeck.export.libreoffice import pptx_to_pdf

    name = request.param
    folder = tmp_path_factory.mktemp(f"on-{name}")
    out = folder / f"kkr-on-{name}.pptx"
    result = build(ROOT / "deck.yaml", out, template=templates[name])
    pdf = pptx_to_pdf(out, out.with_suffix(".pdf"), expected_pages=len(result.plan.slides))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / name)], check=True)
    return name, out, pdf, result


def fonts_of(pdf: Path) -> set[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}


# --- the default deck on each template, rendered by LibreOffice ------------------------------------------------

def test_the_default_deck_builds_on_the_template_as_a_valid_file(built) -> None:
    name, out, _, _ = built
    prs = assert_valid_deck(out)
    assert len(prs.slides) == len(EXPECTED_LAYOUTS[name])


def test_every_seed_line_is_on_a_slide(built) -> None:
    _, out, _, _ = built
    text = " ".join(slide_texts(out))
    assert [line for line in seed_lines() if line not in text] == []


def test_slides_use_the_templates_layouts_found_by_what_they_hold(built) -> None:
    name, out, _, _ = built
    assert [s.slide_layout.name for s in Presentation(out).slides] == EXPECTED_LAYOUTS[name]


def test_no_rendered_word_leaves_its_box(built, monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, pdf, _ = built
    if any(font.startswith(("DejaVu", "Liberation")) for font in fonts_of(pdf)):
        # pdftotext draws a word's box from the font's bounding box: DejaVu's (a template font that is not
        # installed) reaches 0.18 em below the line, Liberation Sans Bold's (Arial's stand-in) 0.16 em, where
        # Carlito's reach 0.02 em: allow for that
        monkeypatch.setattr(render_check, "FONT_BOX_EXCESS", 0.15)
    assert words_outside(pdf, out) == []


def test_every_page_is_rendered_to_a_picture(built) -> None:
    name, out, _, _ = built
    pictures = sorted(out.parent.glob(f"{name}-*.png"))
    assert len(pictures) == len(EXPECTED_LAYOUTS[name])


def test_the_templates_theme_is_kept_not_the_brands(built, templates: dict[str, Path]) -> None:
    name, out, _, _ = built
    assert _scheme(out) == _scheme(templates[name])
    prs = Presentation(out)
    pictures = [s.name for m in prs.slide_masters for s in m.shapes if s.shape_type == 13]
    assert "Logo" not in pictures  # the brand's logo is not put on an organisation's master


def _scheme(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        pres_rels = etree.fromstring(zf.read("ppt/slideMasters/_rels/slideMaster1.xml.rels"))
        theme = next(r.get("Target") for r in pres_rels if r.get("Type").endswith("/theme"))
        root = etree.fromstring(zf.read("ppt/theme/" + theme.rsplit("/", 1)[-1]))
    return {etree.QName(el).localname: etree.tostring(el[0]) for el in root.find(f".//{A}clrScheme")}


def test_drawn_shapes_use_the_template_themes_colours(built) -> None:
    _, out, _, _ = built
    slide = Presentation(out).slides[2]
    markers = [s for s in slide.shapes if s.name.startswith("Timeline marker")]
    assert markers and all(m._element.find(f".//{A}solidFill/{A}schemeClr").get("val") == "accent1" for m in markers)


# --- loading a template and building on it -----------------------------------------------------------------

def test_the_deck_and_the_brand_can_name_a_template(templates: dict[str, Path], tmp_path: Path) -> None:
    shutil.copyfile(templates["danish"], tmp_path / "skabelon.potx")
    deck = write_deck(tmp_path, "title: T\ntemplate: skabelon.potx\nslides:\n  - kind: bullets\n    title: A\n"
                                "    bullets: [a]\n")
    out = tmp_path / "deck.pptx"
    build(deck, out)
    assert Presentation(out).slides[0].slide_layout.name == "Titel og indhold"
    shutil.move(tmp_path / "skabelon.potx", tmp_path / "assets" / "skabelon.potx")
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "template: skabelon.potx\n", encoding="utf-8")
    deck.write_text("title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n", encoding="utf-8")
    build(deck, out)
    assert Presentation(out).slides[0].slide_layout.name == "Titel og indhold"


def test_two_builds_on_a_template_are_byte_identical(templates: dict[str, Path], tmp_path: Path) -> None:
    a, b = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build(ROOT / "deck.yaml", a, template=templates["Vivid"])
    build(ROOT / "deck.yaml", b, template=templates["Vivid"])
    assert a.read_bytes() == b.read_bytes()


def _footer_runs(path: Path) -> list[tuple[str, float | None]]:
    """(text, explicit size in pt or None when inherited) of the footer on the first slide."""
    return [(s.text_frame.text, next((r.font.size.pt for p in s.text_frame.paragraphs for r in p.runs if r.font.size),
                                     None))
            for s in Presentation(path).slides[0].placeholders if s.placeholder_format.type == 15]  # FOOTER


def test_the_brands_footer_goes_into_the_templates_footer_at_its_size_smaller_or_not_at_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    brand = tmp_path / "assets" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n")
    template = make.python_pptx_default()
    assert load_template(template).footer_size == 12.0  # the master's footer placeholder style
    # 'KKR-evalueringen · Kommunekontaktrådene' is a little wider than the 8 cm box at 12 pt: it is set smaller
    result = build(deck, tmp_path / "long.pptx", template=template)
    assert [n for n in result.notices if "footer" in n.message] == []
    assert _footer_runs(tmp_path / "long.pptx") == [("KKR-evalueringen · Kommunekontaktrådene", 11.5)]
    brand.write_text(re.sub(r"(?m)^footer:.*$", "footer: KKR 2017", text), encoding="utf-8")
    build(deck, tmp_path / "short.pptx", template=template)
    assert _footer_runs(tmp_path / "short.pptx") == [("KKR 2017", None)]  # fits: the template's own size
    footer = "KKR-evalueringen 2017 · Kommunekontaktrådene i Hovedstaden og Sjælland"
    brand.write_text(re.sub(r"(?m)^footer:.*$", f"footer: {footer}", text), encoding="utf-8")
    result = build(deck, tmp_path / "longer.pptx", template=template)
    assert [str(n) for n in result.notices if "footer" in n.message] == [
        f"assets/brand.yaml:{_line_of(text, 'footer:')}:9: warning: the footer text '{footer}' is too long for "
        f"{template}'s footer box (8.0 cm at 9 pt), so it is left out — shorten 'footer:' in the brand file"]
    assert _footer_runs(tmp_path / "longer.pptx") == []


def test_a_footer_the_template_sets_bold_is_measured_bold(tmp_path: Path) -> None:
    """Midnightblue's footer style is bold: measured in the regular face, its footer fitted at 11 pt and wrapped
    onto a second line below the slide's edge when LibreOffice set it bold."""
    from kkrdeck.plan.textfit import Measurer, text_width

    template = make.bold_footer(tmp_path)
    loaded = load_template(template)
    assert loaded.footer_bold and not load_template(make.python_pptx_default()).footer_bold
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n")
    result = build(deck, tmp_path / "bold.pptx", template=template)
    [(text, size)] = _footer_runs(tmp_path / "bold.pptx")
    carlito = Measurer(find_font("Calibri").faces)
    room = text_width(loaded.footer.box, loaded.footer.insets, 0)
    assert carlito.width(text, 12) <= room < carlito.width(text, 12, bold=True)  # regular would keep 12 pt
    assert size == result.plan.info.footer_size == 11.5


def test_a_real_templates_footer_is_measured_at_the_size_its_placeholder_inherits(tmp_path: Path) -> None:
    """mecanon's footer placeholder sets 12 pt (its master's lstStyle): the brand's footer fits its 20 cm box."""
    template = ROOT / "tests" / "data" / "templates" / "real" / "mecanon.potx"
    assert load_template(template).footer_size == 12.0
    result = build(ROOT / "deck.yaml", tmp_path / "deck.pptx", template=template)
    assert [n for n in result.notices if "footer" in n.message] == []
    assert _footer_runs(tmp_path / "deck.pptx") == []  # the cover has no footer
    slide = Presentation(tmp_path / "deck.pptx").slides[1]
    assert [(s.text_frame.text, s.text_frame.paragraphs[0].runs[0].font.size) for s in slide.placeholders
            if s.placeholder_format.type == 15] == [("KKR-evalueringen · Kommunekontaktrådene", None)]


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def test_a_file_that_is_no_template_is_refused_plainly(tmp_path: Path) -> None:
    not_pptx = tmp_path / "noter.potx"
    not_pptx.write_text("ikke en skabelon", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(not_pptx)
    assert info.value.message == (f"{not_pptx}: cannot use this template: it is not a PowerPoint file — use a "
                                  ".pptx or .potx file (in PowerPoint: File → Save As → PowerPoint Template)")
    with pytest.raises(TemplateError) as info:
        load_template(tmp_path / "findes ikke.potx")
    assert info.value.message == f"{tmp_path / 'findes ikke.potx'}: the template file does not exist — check the path"

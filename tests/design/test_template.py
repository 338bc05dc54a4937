"""Organisation templates: the default deck on templates nobody here designed, layouts found by what they hold."""

from __future__ import annotations

import io
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
from kkrdeck.errors import TemplateError
from kkrdeck.design.template import Override, find_font, load_template
from tests.conftest import ROOT, seed_lines, slide_texts, write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck
from tests.render_check import words_outside

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
LIBREOFFICE = ("Vivid", "Nature_Illustration")  # 16:9 and 4:3; both convert well and keep their look

# what each slide of the default deck lands on, per template
EXPECTED_LAYOUTS = {
    "python-pptx": ["Title Slide"] + ["Title and Content"] * 6 + ["Title Only"],
    "danish": ["Titelslide"] + ["Titel og indhold"] * 6 + ["Kun titel"],
    "Vivid": ["Title Slide"] + ["Title, Content"] * 6 + ["Title Only"],
    "Nature_Illustration": ["Title Slide"] + ["Title, Content"] * 6 + ["Title Only"],
}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test template, made once: LibreOffice converts its own two with one private profile."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice is needed to convert its Impress templates (apt-get install libreoffice-impress)")
    folder = tmp_path_factory.mktemp("templates")
    found = {"python-pptx": make.copy_to(make.python_pptx_default(), folder),
             "danish": make.danish_potx(folder)}
    for name in LIBREOFFICE:
        found[name] = make.libreoffice_template(name, folder)
    return found


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

@pytest.mark.libreoffice
def test_the_default_deck_builds_on_the_template_as_a_valid_file(built) -> None:
    name, out, _, _ = built
    prs = assert_valid_deck(out)
    assert len(prs.slides) == 8


@pytest.mark.libreoffice
def test_every_seed_line_is_on_a_slide(built) -> None:
    _, out, _, _ = built
    text = " ".join(slide_texts(out))
    assert [line for line in seed_lines() if line not in text] == []


@pytest.mark.libreoffice
def test_slides_use_the_templates_layouts_found_by_what_they_hold(built) -> None:
    name, out, _, _ = built
    assert [s.slide_layout.name for s in Presentation(out).slides] == EXPECTED_LAYOUTS[name]


@pytest.mark.libreoffice
def test_no_rendered_word_leaves_its_box(built, monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, pdf, _ = built
    if any(font.startswith("DejaVu") for font in fonts_of(pdf)):
        # the template's fonts are not installed, so LibreOffice shows DejaVu Sans; pdftotext draws DejaVu's word
        # boxes from its bounding box, 0.18 em below the line where Carlito's reach 0.02 em: allow for that
        monkeypatch.setattr(render_check, "FONT_BOX_EXCESS", 0.15)
    assert words_outside(pdf, out) == []


@pytest.mark.libreoffice
def test_every_page_is_rendered_to_a_picture(built) -> None:
    name, out, _, _ = built
    pictures = sorted(out.parent.glob(f"{name}-*.png"))
    assert len(pictures) == 8


@pytest.mark.libreoffice
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


@pytest.mark.libreoffice
def test_drawn_shapes_use_the_template_themes_colours(built) -> None:
    _, out, _, _ = built
    slide = Presentation(out).slides[2]
    markers = [s for s in slide.shapes if s.name.startswith("Timeline marker")]
    assert markers and all(m._element.find(f".//{A}solidFill/{A}schemeClr").get("val") == "accent1" for m in markers)


# --- what each template needed -------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_a_potx_is_read_and_the_deck_is_a_presentation(templates: dict[str, Path], tmp_path: Path) -> None:
    potx = templates["danish"]
    with pytest.raises(ValueError):
        Presentation(potx)  # python-pptx itself refuses a template
    out = tmp_path / "deck.pptx"
    build(ROOT / "deck.yaml", out, template=potx)
    with zipfile.ZipFile(out) as zf:
        types = zf.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types and "template.main+xml" not in types


@pytest.mark.libreoffice
def test_danish_layout_names_are_found_by_their_placeholders(templates: dict[str, Path]) -> None:
    t = load_template(templates["danish"])
    assert {k: c.layout.name for k, c in t.choices.items()} == {
        "cover": "Titelslide", "content": "Titel og indhold", "section": "Sektionsoverskrift",
        "two": "To indholdselementer", "title-only": "Kun titel", "blank": "Tom"}
    assert t.width == 12192000 and t.height == 6858000


@pytest.mark.libreoffice
def test_object_placeholders_count_as_body_and_positions_come_from_the_master(templates: dict[str, Path]) -> None:
    t = load_template(templates["python-pptx"])
    content = t.choices["content"].layout
    body = content.of("body")[0]
    assert body.type == "obj" and body.inherited
    assert body.box == t.geometry.body  # the master's body box (default insets: nothing to allow for)
    assert t.layout_map.layouts["content"].roles == {"title": 0, "body": 1}
    assert (t.width, t.height) == (9144000, 6858000)


@pytest.mark.libreoffice
def test_vertical_text_and_caption_layouts_are_not_taken_for_title_and_body(templates: dict[str, Path]) -> None:
    t = load_template(templates["python-pptx"])
    assert t.choices["content"].layout.name == "Title and Content"
    assert t.choices["two"].layout.name == "Two Content"  # not 'Content with Caption', not 'Comparison'


@pytest.mark.libreoffice
def test_list_indents_come_from_the_masters_body_style(templates: dict[str, Path]) -> None:
    g = load_template(templates["python-pptx"]).geometry
    assert g.margins == (342900, 742950, 1143000, 1600200)
    assert g.indents == (-342900, -285750, -228600, -228600)


@pytest.mark.libreoffice
def test_libreoffice_templates_are_tidied(templates: dict[str, Path]) -> None:
    t = load_template(templates["Vivid"])
    prs = Presentation(io.BytesIO(t.package))
    assert len(prs.slides) == 0  # its sample slides are left out
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            idx = [ph.placeholder_format.idx for ph in layout.placeholders]
            assert len(idx) == len(set(idx)), layout.name  # LibreOffice wrote idx 0 for several
        assert master._element.find(f"{P}txStyles") is not None  # styles restored from the sample text
    # each layout sits on its own master's areas, not on the last master's
    content = t.choices["content"].layout
    master_title = next(p for p in prs.slide_masters[content.master].placeholders if p.placeholder_format.idx == 0)
    assert content.of("title")[0].box.y == master_title.top
    assert any("sample slides" in r for r in t.repairs) and any("idx" in r for r in t.repairs)


@pytest.mark.libreoffice
def test_libreoffice_masters_are_preferred_as_its_sample_slides_use_them(templates: dict[str, Path]) -> None:
    t = load_template(templates["Vivid"])
    assert t.masters == 3
    assert t.choices["cover"].layout.master == 0 and t.choices["content"].layout.master == 1
    assert t.choices["section"].how == "fallback" and t.choices["section"].layout == t.choices["cover"].layout


def test_sample_slides_do_not_reach_the_deck(tmp_path: Path) -> None:
    template = make.with_sample_slides(tmp_path)
    out = tmp_path / "deck.pptx"
    build(ROOT / "deck.yaml", out, template=template)
    prs = assert_valid_deck(out)
    assert len(prs.slides) == 8
    assert "Eksempel" not in " ".join(slide_texts(out))
    with zipfile.ZipFile(out) as zf:
        assert not any(b"Eksempel" in zf.read(n) for n in zf.namelist() if n.endswith(".xml"))
        assert b"<Application>kkrdeck</Application>" in zf.read("docProps/app.xml")


def test_a_template_without_title_and_body_layout_is_refused_with_what_is_missing(tmp_path: Path) -> None:
    template = make.without_title_and_body(tmp_path)
    with pytest.raises(TemplateError) as info:
        build(ROOT / "deck.yaml", tmp_path / "deck.pptx", template=template)
    assert info.value.message == (
        f"{template}: kkrdeck cannot use this template: it has no layout with a title and one body placeholder "
        "(like PowerPoint's 'Title and Content'), which bullet slides need. Its layouts: 'Title Slide' (title, "
        "subtitle); 'Blank' (no placeholders). Add such a layout in PowerPoint (View → Slide Master), or name the "
        "layout to use under 'layouts: bullets:' in the brand file.")
    assert not (tmp_path / "deck.pptx").exists()


@pytest.mark.libreoffice
def test_a_layout_can_be_named_in_the_brand_file(templates: dict[str, Path]) -> None:
    t = load_template(templates["danish"], (Override("bullets", "To indholdselementer", "brand.yaml:30:12"),))
    assert t.choices["content"].layout.name == "To indholdselementer" and t.choices["content"].how == "named"
    assert t.layout_map.layouts["content"].roles["body"] in (1, 2)


@pytest.mark.libreoffice
def test_a_misspelt_layout_name_is_answered_with_the_names_there_are(templates: dict[str, Path]) -> None:
    with pytest.raises(TemplateError) as info:
        load_template(templates["danish"], (Override("bullets", "Titel og indhol", "brand.yaml:30:12"),))
    assert info.value.message.startswith("brand.yaml:30:12: layouts: bullets: ")
    assert "has no layout named 'Titel og indhol' — did you mean 'Titel og indhold'? Its layouts are: " \
           "'Titelslide', 'Titel og indhold'," in info.value.message


@pytest.mark.libreoffice
def test_a_named_layout_without_the_needed_placeholders_is_refused(templates: dict[str, Path]) -> None:
    with pytest.raises(TemplateError) as info:
        load_template(templates["danish"], (Override("bullets", "Tom", "brand.yaml:30:12"),))
    assert info.value.message == ("brand.yaml:30:12: layouts: bullets: the layout 'Tom' holds no placeholders, but "
                                  "bullets slides need a title and a body placeholder — name another layout")


@pytest.mark.libreoffice
def test_layouts_named_in_the_brand_file_are_used_by_the_build(templates: dict[str, Path], tmp_path: Path) -> None:
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "layouts:\n  title: Sektionsoverskrift\n", encoding="utf-8")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: title\n    title: Forside\n    subtitle: Under\n")
    out = tmp_path / "out.pptx"
    build(deck, out, template=templates["danish"])
    assert [s.slide_layout.name for s in assert_valid_deck(out).slides] == ["Sektionsoverskrift"]


def test_a_two_column_slide_needs_a_two_content_layout(tmp_path: Path) -> None:
    from pptx import Presentation as Open

    prs = Open(str(make.python_pptx_default()))
    for layout in list(prs.slide_layouts):
        if layout.name in ("Two Content", "Comparison"):
            prs.slide_layouts.remove(layout)
    template = tmp_path / "uden to.pptx"
    prs.save(str(template))
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n"
                                "  - kind: two-column\n    title: B\n    left:\n      bullets: [x]\n"
                                "    right:\n      bullets: [y]\n")
    with pytest.raises(TemplateError) as info:
        build(deck, tmp_path / "out.pptx", template=template)
    assert info.value.message == (
        f"{template}: this template has no layout for some of the deck's slides: two-column slides (line 6 of the "
        "deck) need a layout with a title and two body placeholders — add such a layout to the template, name one "
        "under 'layouts:' in the brand file, or change those slides' kind")


def test_the_brands_footer_goes_into_the_templates_footer_only_if_it_fits(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    brand = tmp_path / "assets" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: A\n    bullets: [a]\n")
    template = make.python_pptx_default()
    result = build(deck, tmp_path / "long.pptx", template=template)
    assert [str(n) for n in result.notices if "footer" in n.message] == [
        f"assets/brand.yaml:{_line_of(text, 'footer:')}:9: warning: the footer text 'KKR-evalueringen · "
        f"Kommunekontaktrådene' is too long for {template}'s footer box (8.0 cm at 12 pt), so it is left out — "
        "shorten 'footer:' in the brand file"]
    assert not [s for s in Presentation(tmp_path / "long.pptx").slides[0].placeholders
                if s.placeholder_format.type == 15]  # FOOTER
    brand.write_text(re.sub(r"(?m)^footer:.*$", "footer: KKR 2017", text), encoding="utf-8")
    build(deck, tmp_path / "short.pptx", template=template)
    footers = [s.text_frame.text for s in Presentation(tmp_path / "short.pptx").slides[0].placeholders
               if s.placeholder_format.type == 15]
    assert footers == ["KKR 2017"]


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


@pytest.mark.libreoffice
def test_a_template_without_footer_or_number_placeholders_gets_none(templates: dict[str, Path],
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(ROOT / "deck.yaml", out, template=templates["danish"])
    for slide in Presentation(out).slides:
        assert {ph.placeholder_format.type for ph in slide.placeholders} <= {1, 2, 3, 4, 7}  # title, body, subtitle


def test_fonts_the_computer_lacks_are_measured_with_what_it_shows_instead_and_said(tmp_path: Path) -> None:
    template = make.with_theme_fonts(tmp_path, "Ukendt Overskrift", "Calibri")
    result = build(ROOT / "deck.yaml", tmp_path / "deck.pptx", template=template)
    warnings = [n.message for n in result.notices if n.message.startswith("the template's font")]
    assert len(warnings) == 1
    fallback = subprocess.run(["fc-match", "-f", "%{family[0]}", "Ukendt Overskrift"], capture_output=True,
                              text=True).stdout
    assert warnings[0] == (f"the template's font 'Ukendt Overskrift' is not on this computer; its text is measured "
                           f"with '{fallback}', which this computer shows in its place — install 'Ukendt "
                           "Overskrift', or give its files under fonts: metrics: in the brand file")


def test_calibri_is_measured_with_the_bundled_carlito() -> None:
    choice = find_font("Calibri")
    assert choice.warning is None and choice.faces.regular.name == "Carlito-Regular.ttf"
    assert choice.faces.bold.name == "Carlito-Bold.ttf"


@pytest.mark.libreoffice
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


@pytest.mark.libreoffice
def test_two_builds_on_a_template_are_byte_identical(templates: dict[str, Path], tmp_path: Path) -> None:
    a, b = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build(ROOT / "deck.yaml", a, template=templates["Vivid"])
    build(ROOT / "deck.yaml", b, template=templates["Vivid"])
    assert a.read_bytes() == b.read_bytes()


def test_a_file_that_is_no_template_is_refused_plainly(tmp_path: Path) -> None:
    not_pptx = tmp_path / "noter.potx"
    not_pptx.write_text("ikke en skabelon", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(not_pptx)
    assert info.value.message == (f"{not_pptx}: is not a PowerPoint template — use a .pptx or .potx file (in "
                                  "PowerPoint: File → Save As → PowerPoint Template)")
    with pytest.raises(TemplateError) as info:
        load_template(tmp_path / "findes ikke.potx")
    assert info.value.message == f"{tmp_path / 'findes ikke.potx'}: the template file does not exist — check the path"

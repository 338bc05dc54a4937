"""Tests of the test-support modules tests/package_check.py and tests/render_check.py."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

try:
    from tests.package_check import assert_valid_deck, schema_problems, structural_problems
    from tests.render_check import (
        Line,
        Word,
        page_lines,
        page_size,
        page_sizes,
        page_words,
        paragraph_lines,
        text_of_pages,
        words_outside,
    )
except ImportError:  # tests/ itself on sys.path (pytest's rootdir-less "prepend" import mode)
    from package_check import assert_valid_deck, schema_problems, structural_problems
    from render_check import (
        Line,
        Word,
        page_lines,
        page_size,
        page_sizes,
        page_words,
        paragraph_lines,
        text_of_pages,
        words_outside,
    )

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


# --------------------------------------------------------------------------- helpers


def _png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def build_deck(path: Path) -> Path:
    """A small deck using the common python-pptx features: placeholders, text box, picture,
    table, group, connector."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Kommunal planlægning"  # Title 1, id 2
    slide.placeholders[1].text_frame.text = "Første punkt"  # Content Placeholder 2, id 3
    box = slide.shapes.add_textbox(Inches(6), Inches(6), Inches(3), Inches(0.5))  # TextBox 3, id 4
    box.text_frame.text = "Kilde: KL"
    slide.shapes.add_picture(io.BytesIO(_png_bytes()), Inches(0.2), Inches(6.5), Inches(0.5), Inches(0.5))

    slide2 = prs.slides.add_slide(prs.slide_layouts[5])
    slide2.shapes.title.text = "Tabel"
    table = slide2.shapes.add_table(2, 2, Inches(0.5), Inches(2), Inches(4), Inches(1)).table
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"celle {r}{c}"
    group = slide2.shapes.add_group_shape()
    a = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(4), Inches(2), Inches(1))
    b = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(5), Inches(4), Inches(2), Inches(1))
    a.text, b.text = "A", "B"
    connector = slide2.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
    connector.begin_connect(a, 3)
    connector.end_connect(b, 1)
    prs.save(path)
    return path


def rewrite(src: Path, dst: Path, edits: dict[str, Callable[[bytes], bytes | None]], extra: list[tuple[str, bytes]] = ()) -> Path:
    """Copy the zip *src* to *dst*, passing the named members through *edits* (None drops the
    member) and appending *extra* members (duplicates allowed)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in edits:
                data = edits[info.filename](data)
                if data is None:
                    continue
            zout.writestr(info.filename, data)
        for name, data in extra:
            with pytest.warns(UserWarning, match="Duplicate name") if name in zin.namelist() else _nullcontext():
                zout.writestr(name, data)
    return dst


class _nullcontext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def xml_edit(fn: Callable[[etree._Element], None]) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        root = etree.fromstring(data)
        fn(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return edit


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return build_deck(tmp_path / "deck.pptx")


# --------------------------------------------------------------------------- package_check


def test_python_pptx_deck_passes(deck: Path) -> None:
    assert structural_problems(deck) == []
    assert schema_problems(deck) == []
    prs = assert_valid_deck(deck)
    assert len(prs.slides) == 2
    assert prs.slides[0].shapes.title.text == "Kommunal planlægning"


def test_dangling_relationship(deck: Path, tmp_path: Path) -> None:
    def add_rel(root: etree._Element) -> None:
        etree.SubElement(
            root,
            f"{{{NS['rel']}}}Relationship",
            Id="rId99",
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
            Target="../media/missing.png",
        )

    bad = rewrite(deck, tmp_path / "bad.pptx", {"ppt/slides/_rels/slide1.xml.rels": xml_edit(add_rel)})
    assert structural_problems(bad) == [
        "/ppt/slides/_rels/slide1.xml.rels: relationship rId99 (image) targets missing part "
        "'/ppt/media/missing.png' (Target=\"../media/missing.png\")"
    ]
    with pytest.raises(AssertionError, match=r"rId99 \(image\) targets missing part '/ppt/media/missing.png'"):
        assert_valid_deck(bad)


def test_relationship_target_resolved_from_package_root(deck: Path, tmp_path: Path) -> None:
    # an absolute Target is resolved from the package root, not from the source part's folder
    def absolutise(root: etree._Element) -> None:
        for rel in root:
            if rel.get("Target").startswith("../slideLayouts/"):
                rel.set("Target", "/ppt/slideLayouts/" + rel.get("Target").rsplit("/", 1)[1])

    ok = rewrite(deck, tmp_path / "abs.pptx", {"ppt/slides/_rels/slide1.xml.rels": xml_edit(absolutise)})
    assert structural_problems(ok) == []


def test_missing_content_type(deck: Path, tmp_path: Path) -> None:
    def drop_png_default(root: etree._Element) -> None:
        for el in root.findall("ct:Default", NS):
            if el.get("Extension").lower() == "png":
                root.remove(el)

    bad = rewrite(deck, tmp_path / "bad.pptx", {"[Content_Types].xml": xml_edit(drop_png_default)})
    assert structural_problems(bad) == [
        "[Content_Types].xml: part '/ppt/media/image1.png' has no content type "
        "(no Override and no Default for extension 'png')"
    ]


def test_override_for_missing_part_and_wrong_content_type(deck: Path, tmp_path: Path) -> None:
    def edit(root: etree._Element) -> None:
        etree.SubElement(
            root, f"{{{NS['ct']}}}Override", PartName="/ppt/slides/slide9.xml",
            ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
        )
        for el in root.findall("ct:Override", NS):
            if el.get("PartName") == "/ppt/slides/slide2.xml":
                root.remove(el)  # slide2.xml falls back to Default xml = application/xml

    bad = rewrite(deck, tmp_path / "bad.pptx", {"[Content_Types].xml": xml_edit(edit)})
    assert structural_problems(bad) == [
        "[Content_Types].xml: Override for '/ppt/slides/slide9.xml' points at a missing part",
        "/ppt/_rels/presentation.xml.rels: relationship rId8 (slide) targets '/ppt/slides/slide2.xml' whose "
        "content type 'application/xml' is not "
        "'application/vnd.openxmlformats-officedocument.presentationml.slide+xml'",
    ]


def test_content_types_part_missing(deck: Path, tmp_path: Path) -> None:
    bad = rewrite(deck, tmp_path / "bad.pptx", {"[Content_Types].xml": lambda data: None})
    assert "[Content_Types].xml: missing" in structural_problems(bad)


def test_duplicate_shape_ids(deck: Path, tmp_path: Path) -> None:
    def clash(root: etree._Element) -> None:
        for cnvpr in root.iterfind(".//p:cNvPr", NS):
            if cnvpr.get("name") == "TextBox 3":
                cnvpr.set("id", "2")  # the title's id

    bad = rewrite(deck, tmp_path / "bad.pptx", {"ppt/slides/slide1.xml": xml_edit(clash)})
    assert structural_problems(bad) == ["/ppt/slides/slide1.xml: duplicate shape id 2 (shapes 'Title 1', 'TextBox 3')"]
    with pytest.raises(AssertionError) as info:
        assert_valid_deck(bad)
    assert "duplicate shape id 2 (shapes 'Title 1', 'TextBox 3')" in str(info.value)


def test_duplicate_shape_id_inside_group_and_on_layout(deck: Path, tmp_path: Path) -> None:
    def clash_group(root: etree._Element) -> None:
        grp_ids = root.xpath(".//p:grpSp/p:sp/p:nvSpPr/p:cNvPr", namespaces=NS)
        grp_ids[1].set("id", grp_ids[0].get("id"))

    def clash_layout(root: etree._Element) -> None:
        ids = root.xpath(".//p:cNvPr", namespaces=NS)
        ids[2].set("id", ids[1].get("id"))

    bad = rewrite(deck, tmp_path / "bad.pptx", {
        "ppt/slides/slide2.xml": xml_edit(clash_group),
        "ppt/slideLayouts/slideLayout1.xml": xml_edit(clash_layout),
    })
    assert structural_problems(bad) == [
        "/ppt/slideLayouts/slideLayout1.xml: duplicate shape id 2 (shapes 'Title 1', 'Subtitle 2')",
        "/ppt/slides/slide2.xml: duplicate shape id 5 (shapes 'Rectangle 4', 'Rectangle 5')",
        # the connector glued to the rectangle whose id changed now dangles too
        "/ppt/slides/slide2.xml: connector 'Connector 6' endCxn refers to missing shape id 6",
    ]


def test_alternate_content_branches_may_repeat_ids(deck: Path, tmp_path: Path) -> None:
    def wrap(root: etree._Element) -> None:
        sp = root.xpath(".//p:sp[p:nvSpPr/p:cNvPr/@name='TextBox 3']", namespaces=NS)[0]
        parent = sp.getparent()
        ac = etree.Element(f"{{{NS['mc']}}}AlternateContent", nsmap={"mc": NS["mc"]})
        choice = etree.SubElement(ac, f"{{{NS['mc']}}}Choice", Requires="p")
        fallback = etree.SubElement(ac, f"{{{NS['mc']}}}Fallback")
        parent.replace(sp, ac)
        choice.append(sp)
        fallback.append(etree.fromstring(etree.tostring(sp)))

    ok = rewrite(deck, tmp_path / "ac.pptx", {"ppt/slides/slide1.xml": xml_edit(wrap)})
    assert structural_problems(ok) == []


def test_connector_to_missing_shape(deck: Path, tmp_path: Path) -> None:
    def dangle(root: etree._Element) -> None:
        root.xpath(".//a:endCxn", namespaces=NS)[0].set("id", "77")

    bad = rewrite(deck, tmp_path / "bad.pptx", {"ppt/slides/slide2.xml": xml_edit(dangle)})
    assert structural_problems(bad) == [
        "/ppt/slides/slide2.xml: connector 'Connector 6' endCxn refers to missing shape id 77"
    ]


def test_presentation_ids(deck: Path, tmp_path: Path) -> None:
    def edit(root: etree._Element) -> None:
        sld_ids = root.xpath("p:sldIdLst/p:sldId", namespaces=NS)
        sld_ids[0].set("id", "255")
        sld_ids[1].set("id", "255")
        root.xpath("p:sldMasterIdLst/p:sldMasterId", namespaces=NS)[0].set("id", "2147483649")  # = layout 1's id

    bad = rewrite(deck, tmp_path / "bad.pptx", {"ppt/presentation.xml": xml_edit(edit)})
    assert structural_problems(bad) == [
        "/ppt/presentation.xml: slide id 255 in sldIdLst is outside 256..2147483647",
        "/ppt/presentation.xml: slide id 255 in sldIdLst is outside 256..2147483647",
        "/ppt/presentation.xml: slide id 255 occurs 2 times in sldIdLst",
        "master/layout id 2147483649 is used 2 times: slide master id in /ppt/presentation.xml; "
        "slide layout id in /ppt/slideMasters/slideMaster1.xml",
    ]


def test_layout_id_below_minimum(deck: Path, tmp_path: Path) -> None:
    def edit(root: etree._Element) -> None:
        root.xpath("p:sldLayoutIdLst/p:sldLayoutId", namespaces=NS)[0].set("id", "1000")

    bad = rewrite(deck, tmp_path / "bad.pptx", {"ppt/slideMasters/slideMaster1.xml": xml_edit(edit)})
    assert structural_problems(bad) == [
        "/ppt/slideMasters/slideMaster1.xml: slide layout id 1000 in sldLayoutIdLst is outside 2147483648..4294967295"
    ]


def test_unparsable_xml_and_unknown_rid(deck: Path, tmp_path: Path) -> None:
    def bad_rid(root: etree._Element) -> None:
        root.xpath(".//a:blip", namespaces=NS)[0].set(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed", "rId42"
        )

    bad = rewrite(deck, tmp_path / "bad.pptx", {
        "ppt/slides/slide2.xml": lambda data: data[:-20],
        "ppt/slides/slide1.xml": xml_edit(bad_rid),
    })
    problems = structural_problems(bad)
    assert problems[0] == '/ppt/slides/slide1.xml: blip/@r:embed="rId42" names no relationship of this part'
    assert problems[1].startswith("/ppt/slides/slide2.xml: XML does not parse: ")
    assert len(problems) == 2


def test_duplicate_zip_member(deck: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(deck) as z:
        slide = z.read("ppt/slides/slide1.xml")
    bad = rewrite(deck, tmp_path / "bad.pptx", {}, extra=[("ppt/slides/slide1.xml", slide)])
    assert structural_problems(bad) == ["zip: duplicate member name 'ppt/slides/slide1.xml' (2 times)"]


def test_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"this is not a zip")
    assert structural_problems(bad) == ["zip: not a valid zip file: File is not a zip file"]
    with pytest.raises(AssertionError, match="not a valid zip file"):
        assert_valid_deck(bad)


def test_schema_problem_names_part_and_path(deck: Path, tmp_path: Path) -> None:
    def edit(root: etree._Element) -> None:
        root.xpath(".//p:sp[p:nvSpPr/p:cNvPr/@name='TextBox 3']/p:spPr/a:xfrm/a:off", namespaces=NS)[0].set("x", "left")

    bad = rewrite(deck, tmp_path / "bad.pptx", {"ppt/slides/slide1.xml": xml_edit(edit)})
    assert structural_problems(bad) == []
    problems = schema_problems(bad)
    assert problems, "openxml_audit should reject a non-numeric a:off/@x"
    assert any(p.startswith("[schema] /ppt/slides/slide1.xml:") and "off" in p and "left" in p for p in problems), problems
    with pytest.raises(AssertionError, match=r"schema problems \(\d+\):"):
        assert_valid_deck(bad)


# --------------------------------------------------------------------------- render_check

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

OVERFLOW_TEXT = " ".join(["Kommunalbestyrelserne skal behandle sagen om budgettet."] * 6)
FIT_TITLE = "Budget 2025"
FIT_BULLETS = ["Kommunalbestyrelserne vedtager budgettet", "Borgerne høres i september"]
TWO_BOX_TOP = "Øverste boks har alt for meget tekst til sin lille højde og løber ned over den næste boks"


def _overflow_deck(path: Path) -> Path:
    prs = Presentation()  # 4:3, 720 x 540 pt
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(0.6))
    box.name = "Body"
    tf = box.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.text = OVERFLOW_TEXT
    tf.paragraphs[0].runs[0].font.size = Pt(18)
    prs.save(path)
    return path


def _fitting_deck(path: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)  # 16:9: PDF page ≈ 960 x 540 pt
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # placeholders without own xfrm: geometry inherited
    slide.shapes.title.text = FIT_TITLE
    body = slide.placeholders[1].text_frame
    body.text = FIT_BULLETS[0]
    body.add_paragraph().text = FIT_BULLETS[1]
    box = slide.shapes.add_textbox(Inches(8), Inches(6), Inches(4), Inches(0.8))
    box.text_frame.word_wrap = True
    box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    box.text_frame.text = "Kilde: Danmarks Statistik"
    slide2 = prs.slides.add_slide(prs.slide_layouts[5])
    slide2.shapes.title.text = "Anden side"
    prs.save(path)
    return path


def _two_box_deck(path: Path) -> Path:
    """The top box's text overflows into the (roomy) bottom box: inside the union of the text
    boxes, but outside the box whose text it is."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    top = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(0.5))
    top.name = "Top"
    bottom = slide.shapes.add_textbox(Inches(1), Inches(1.6), Inches(4), Inches(4))
    bottom.name = "Bottom"
    for shape, text in ((top, TWO_BOX_TOP), (bottom, "Nederst")):
        shape.text_frame.word_wrap = True
        shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        shape.text_frame.text = text
    prs.save(path)
    return path


def _numbered_deck(path: Path) -> Path:
    """A master whose slide number is a plain text box with a slide-number field (as LibreOffice's Midnightblue has
    it), and a slide with '1.' in its text: the rendered '1' in the corner is the slide number, not that text's.
    On slide 2 a box of '7's overflows down into the number's corner: those are still reported."""
    prs = Presentation()  # 4:3, 720 x 540 pt
    for owner in [prs.slide_masters[0], *prs.slide_layouts]:  # the number is the text box's alone
        for ph in list(owner.placeholders):
            if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                ph._element.getparent().remove(ph._element)
    tree = prs.slide_masters[0]._element.find(f"{{{P_NS}}}cSld/{{{P_NS}}}spTree")
    tree.append(etree.fromstring(
        f'<p:sp xmlns:p="{P_NS}" xmlns:a="{A_NS}"><p:nvSpPr><p:cNvPr id="90" name=""/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{Inches(8.9)}" y="{Inches(6.9)}"/><a:ext cx="{Inches(0.9)}" '
        f'cy="{Inches(0.5)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>'
        '<a:bodyPr lIns="0" rIns="0" tIns="0" bIns="0" anchor="ctr"/><a:p><a:pPr algn="ctr"/><a:fld '
        'id="{DF64E0B4-2FE1-4E55-A048-A32BFEEAF836}" type="slidenum"><a:rPr lang="da-DK" sz="1800"/>'
        '<a:t>&lt;number&gt;</a:t></a:fld></a:p></p:txBody></p:sp>'))
    for text, top, height in ((NUMBERED_TEXT, Inches(2), Inches(1)), (SEVENS, Inches(5.9), Inches(0.5))):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        body = slide.shapes.add_textbox(Inches(7.4), top, Inches(2.4), height)
        body.name = "Dates"
        body.text_frame.word_wrap = True
        body.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        body.text_frame.text = text
    prs.save(path)
    return path


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
NUMBERED_TEXT = "1. september 2017"
SEVENS = " ".join(["7"] * 60)


def soffice_to_pdf(decks: list[Path], outdir: Path, profile: Path) -> list[Path]:
    cmd = [
        SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env={**os.environ, "HOME": str(profile)})
    pdfs = [outdir / (d.stem + ".pdf") for d in decks]
    missing = [p.name for p in pdfs if not p.is_file()]
    assert not missing, f"soffice did not produce {missing}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return pdfs


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name -> (pptx, pdf); all decks converted by one soffice run."""
    base = tmp_path_factory.mktemp("render")
    decks = {
        "overflow": _overflow_deck(base / "overflow.pptx"),
        "fitting": _fitting_deck(base / "fitting.pptx"),
        "two_box": _two_box_deck(base / "two_box.pptx"),
        "numbered": _numbered_deck(base / "numbered.pptx"),
    }
    for d in decks.values():
        assert_valid_deck(d)
    pdfs = soffice_to_pdf(list(decks.values()), base / "pdf", base / "lo-profile")
    return {name: (deck, pdf) for (name, deck), pdf in zip(decks.items(), pdfs)}


@pytest.mark.libreoffice
def test_overflowing_text_is_reported(rendered) -> None:
    deck, pdf = rendered["overflow"]
    problems = words_outside(pdf, deck)
    assert problems, "text overflowing a 0.6 inch high box must be reported"
    assert all(p.startswith("slide 1: word '") and "lies outside shape 'Body' (72.0, 72.0)-(288.0, 115.2)" in p
               for p in problems), problems
    # the box holds one or two lines; most of the paragraph's words are below it
    assert len(problems) >= len(OVERFLOW_TEXT.split()) // 2


@pytest.mark.libreoffice
def test_overflow_into_a_neighbour_box_is_reported(rendered) -> None:
    deck, pdf = rendered["two_box"]
    problems = words_outside(pdf, deck)
    assert problems
    assert all("lies outside shape 'Top' (72.0, 72.0)-(360.0, 108.0)" in p for p in problems), problems
    assert not any("'Nederst'" in p for p in problems)


@pytest.mark.libreoffice
def test_a_slide_number_drawn_by_the_master_is_not_taken_for_the_slides_own_numbers(rendered) -> None:
    deck, pdf = rendered["numbered"]
    problems = words_outside(pdf, deck)
    corner = [w for w in page_words(pdf)[0] if w.text == "1" and w.x0 > 8.9 * 72]
    assert len(corner) == 1  # the slide number was rendered where the master put it
    assert not any(p.startswith("slide 1:") for p in problems), problems
    # the overflowing 7s on slide 2, those in the number's corner too, are still outside 'Dates'
    assert problems and all(p.startswith("slide 2: word '7'") and "lies outside shape 'Dates'" in p
                            for p in problems), problems
    in_corner = [w for w in page_words(pdf)[1] if w.text == "7" and w.x1 > 8.9 * 72 and w.y1 > 6.9 * 72]
    assert in_corner
    assert all(any(f"at ({w.x0:.1f}, {w.y0:.1f})-" in p for p in problems) for w in in_corner), problems


@pytest.mark.libreoffice
def test_fitting_text_reports_nothing(rendered) -> None:
    deck, pdf = rendered["fitting"]
    assert words_outside(pdf, deck) == []


@pytest.mark.libreoffice
def test_tolerance_and_scaling(rendered) -> None:
    deck, pdf = rendered["fitting"]
    width, height = page_size(pdf)
    assert page_sizes(pdf) == [(width, height)] * 2
    assert abs(width - 960) < 0.5 and abs(height - 540) < 0.5
    # a negative tolerance shrinks every box: now the words touching their box edges are reported
    assert words_outside(pdf, deck, tolerance_pt=-60.0)


@pytest.mark.libreoffice
def test_words_lines_and_text(rendered) -> None:
    deck, pdf = rendered["overflow"]
    words = page_words(pdf)
    assert len(words) == 1
    assert all(isinstance(w, Word) and w.x0 < w.x1 and w.y0 < w.y1 for w in words[0])
    assert [w.text for w in words[0]] == OVERFLOW_TEXT.split()
    lines = page_lines(pdf)[0]
    assert all(isinstance(line, Line) for line in lines)
    para = paragraph_lines(lines, OVERFLOW_TEXT)
    assert len(para) == len(lines) > 3  # one paragraph broken into many lines
    assert " ".join(line.text for line in para) == OVERFLOW_TEXT

    deck, pdf = rendered["fitting"]
    first = page_lines(pdf)[0]
    assert len(paragraph_lines(first, FIT_TITLE)) == 1
    for bullet in FIT_BULLETS:  # the rendered bullet glyph in front is ignored
        assert len(paragraph_lines(first, bullet)) == 1
    assert paragraph_lines(first, "ikke på siden") == []
    texts = text_of_pages(pdf)
    assert len(texts) == 2
    assert FIT_TITLE in texts[0] and "Anden side" in texts[1] and "Anden side" not in texts[0]


def test_paragraph_lines_joins_hyphenated_words() -> None:
    def line(text: str, y: float) -> Line:
        words = tuple(Word(t, 10.0 * i, y, 10.0 * i + 9, y + 10) for i, t in enumerate(text.split()))
        return Line(text, 0, y, 100, y + 10, words)

    lines = [line("Overskrift", 0), line("• Alle kommunal-", 20), line("bestyrelserne mødes", 32), line("Andet", 44)]
    assert paragraph_lines(lines, "Alle kommunalbestyrelserne mødes") == lines[1:3]
    assert paragraph_lines(lines, "Alle kommunalbestyrelserne") == []  # must end at a line end

"""Tidying a foreign template: a .potx read as a presentation, sample slides left out, LibreOffice's gaps filled."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.template import load_template
from tests.conftest import ROOT, slide_texts
from tests.data.templates import make
from tests.package_check import assert_valid_deck

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def test_a_potx_is_read_and_the_deck_is_a_presentation(templates: dict[str, Path], tmp_path: Path) -> None:
    potx = templates["danish"]
    with pytest.raises(ValueError):
        Presentation(potx)  # python-pptx itself refuses a template
    out = tmp_path / "deck.pptx"
    build(ROOT / "deck.yaml", out, template=potx)
    with zipfile.ZipFile(out) as zf:
        types = zf.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types and "template.main+xml" not in types


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


def _text_box(text: str, y: int, field: bool = False) -> str:
    run = (f'<a:fld id="{{DF64E0B4-2FE1-4E55-A048-A32BFEEAF836}}" type="slidenum"><a:t>{text}</a:t></a:fld>' if field
           else f"<a:r><a:t>{text}</a:t></a:r>")
    return (f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr><p:cNvPr id="{90 + y}" '
            f'name="Tekst"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="180000" y="{y}"/>'
            '<a:ext cx="2340000" cy="390000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f"<p:txBody><a:bodyPr/><a:lstStyle/><a:p>{run}</a:p></p:txBody></p:sp>")


def test_a_masters_text_box_showing_a_fields_name_as_plain_text_is_left_out(tmp_path: Path) -> None:
    """LibreOffice exports Lights' master date field as a text box reading '<date/time>': every slide showed it.
    A real slide-number field whose sample text is '<number>' (Midnightblue) stays."""
    from lxml import etree

    prs = Presentation(str(make.python_pptx_default()))
    tree = prs.slide_masters[0]._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}cSld/"
        "{http://schemas.openxmlformats.org/presentationml/2006/main}spTree")
    for box in (_text_box("&lt;date/time&gt;", 100000), _text_box("&lt;number&gt;", 600000, field=True),
                _text_box("Kommunekontaktrådet", 1100000)):
        tree.append(etree.fromstring(box))
    template = tmp_path / "felter.pptx"
    prs.save(str(template))
    t = load_template(template)
    assert "left out 1 text box that would show LibreOffice's name for a field ('<date/time>', '<footer>', " \
           "'<number>') on every slide" in t.repairs
    out = tmp_path / "deck.pptx"
    build(ROOT / "deck.yaml", out, template=template)
    assert_valid_deck(out)
    with zipfile.ZipFile(out) as zf:
        master = zf.read("ppt/slideMasters/slideMaster1.xml").decode()
    assert "&lt;date/time&gt;" not in master
    assert "&lt;number&gt;" in master and "Kommunekontaktrådet" in master

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

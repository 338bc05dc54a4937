"""Continued tables rendered by LibreOffice: every part ends inside the content area, on a template too."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.design import design_for
from kkrdeck.export.libreoffice import pptx_to_pdf
from kkrdeck.outline.load import load_outline
from tests.conftest import write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck
from tests.plan.test_table import short_rows, table_yaml
from tests.render_check import EMU_PER_PT, page_words, words_outside

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def vintage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make.libreoffice_template("Vintage", tmp_path_factory.mktemp("vintage"))


@pytest.mark.parametrize("count", [15, 20])
@pytest.mark.parametrize("on", ["brand", "Vintage"])
def test_every_part_of_a_continued_table_renders_inside_the_content_area(tmp_path: Path, count: int, on: str,
                                                                         request: pytest.FixtureRequest) -> None:
    template = request.getfixturevalue("vintage") if on == "Vintage" else None
    deck = write_deck(tmp_path, table_yaml(short_rows(count), ["Dato", "Møde", "Deltagere"]))
    result = build(deck, tmp_path / "table.pptx", template=template)
    assert_valid_deck(result.output)
    parts = [len(shape.cells) - 1 for slide in result.plan.slides for shape in slide.shapes]
    assert len(parts) >= 2 and max(parts) - min(parts) <= 1
    pdf = pptx_to_pdf(result.output, tmp_path / "table.pdf", expected_pages=len(parts))
    assert words_outside(pdf, result.output) == []
    prs = Presentation(str(result.output))
    bottom = result.plan.slides[0].shapes[0].box.y + max(s.shapes[0].box.h for s in result.plan.slides)
    content = design_for(load_outline(deck, template=template)).geometry.body
    assert bottom <= content.bottom <= prs.slide_height
    for slide, words in zip(prs.slides, page_words(pdf)):
        [frame] = [s for s in slide.shapes if s.has_table]
        last_row = {w for cell in frame.table.rows[len(frame.table.rows) - 1].cells for w in cell.text.split()}
        # the last row's words are where the plan put them: no row grew taller than measured
        lowest = max(w.y1 for w in words if w.text in last_row and w.y0 * EMU_PER_PT >= frame.top)
        assert lowest * EMU_PER_PT <= frame.top + frame.height + 2 * EMU_PER_PT

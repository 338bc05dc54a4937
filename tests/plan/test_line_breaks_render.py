"""Line breaks against the real renderer: LibreOffice breaks the lines where the user did, and no word leaves its box."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkrdeck.build import build
from kkrdeck.export.libreoffice import pptx_to_pdf
from tests.package_check import assert_valid_deck
from tests.render_check import page_lines, paragraph_lines, words_outside
from tests.test_hostile_text import broken_deck

pytestmark = pytest.mark.libreoffice


def test_a_deck_with_line_breaks_renders_them_and_keeps_every_word_in_its_box(tmp_path: Path) -> None:
    result = build(broken_deck(tmp_path), tmp_path / "breaks.pptx")
    assert_valid_deck(result.output)
    pdf = pptx_to_pdf(result.output, tmp_path / "breaks.pdf", expected_pages=len(result.plan.slides))
    assert words_outside(pdf, result.output) == []
    pages = page_lines(pdf)
    first = result.plan.slides[0]
    for paragraph in (first.title.paragraphs[0], *first.placeholders["body"].paragraphs):
        assert len(paragraph_lines(pages[0], paragraph.text)) == len(paragraph.lines), paragraph.lines

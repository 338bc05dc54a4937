"""Line breaking with real font metrics: widths, hyphen breaks, over-long words, heights."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkrdeck.design.geometry import Box, Insets, inch
from kkrdeck.outline.inline import Run, parse_inline
from kkrdeck.design.metrics import FaceFiles, face
from kkrdeck.plan.textfit import Measurer, Paragraph, lay_out, size_steps
from tests.conftest import ROOT

FONTS = ROOT / "assets" / "fonts"
CARLITO = FaceFiles(FONTS / "Carlito-Regular.ttf", FONTS / "Carlito-Bold.ttf", FONTS / "Carlito-Italic.ttf",
                    FONTS / "Carlito-BoldItalic.ttf")


@pytest.fixture(scope="module")
def m() -> Measurer:
    return Measurer(CARLITO)


def test_widths_scale_with_the_size(m: Measurer) -> None:
    assert m.width("Kommunekontaktråd", 20) == pytest.approx(2 * m.width("Kommunekontaktråd", 10))


def test_bold_is_measured_with_the_bold_face(m: Measurer) -> None:
    assert m.width("Kommunekontaktråd", 20, bold=True) > m.width("Kommunekontaktråd", 20)


def test_line_height_comes_from_the_fonts_own_metrics() -> None:
    assert face(CARLITO.regular).line_height == pytest.approx(2500 / 2048)


def test_short_text_stays_on_one_line(m: Measurer) -> None:
    assert m.wrap((Run("Godt politisk koordineringsforum"),), 24, 600) == ("Godt politisk koordineringsforum",)


def test_text_breaks_at_spaces_and_no_line_is_wider_than_the_box(m: Measurer) -> None:
    text = "Troværdig og kvalificeret samarbejdspartner, som i stigende grad anvendes af eksterne relationer"
    lines = m.wrap((Run(text),), 24, 300)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(m.width(line, 24) <= 300 for line in lines)


def test_a_hyphenated_word_may_break_after_its_hyphen(m: Measurer) -> None:
    width = m.width("borgmestre, øvrige KKR-", 24) + 1
    lines = m.wrap((Run("borgmestre, øvrige KKR-medlemmer"),), 24, width)
    assert lines == ("borgmestre, øvrige KKR-", "medlemmer")


def test_a_word_longer_than_the_line_breaks_between_letters(m: Measurer) -> None:
    word = "Arbejdsmarkedsuddannelsesforpligtelsesbekendtgørelsesændringsforslag"
    lines = m.wrap((Run(word),), 24, 200)
    assert "".join(lines) == word
    assert len(lines) >= 3
    assert all(m.width(line, 24) <= 200 for line in lines)


def test_styled_runs_join_into_one_word_where_there_is_no_space(m: Measurer) -> None:
    assert m.wrap(parse_inline("**KKR**-formandskaber er"), 24, 1000) == ("KKR-formandskaber er",)


def test_height_adds_lines_and_space_before_each_paragraph_but_the_first(m: Measurer) -> None:
    paragraphs = [Paragraph((Run("Et"),)), Paragraph((Run("To"),))]
    fit = lay_out(m, paragraphs, [20], Box(0, 0, inch(10), inch(5)), Insets())
    assert fit.height == pytest.approx(2 * 20 * 1.2 + 10)  # lines pitched at 1.2 em, not the font's 1.22
    assert [p.space_before for p in fit.paragraphs] == [0, 10]


def test_each_level_gets_its_own_size_and_deeper_levels_the_last(m: Measurer) -> None:
    paragraphs = [Paragraph((Run("a"),), level=n) for n in range(4)]
    fit = lay_out(m, paragraphs, [26, 22], Box(0, 0, inch(10), inch(5)), Insets())
    assert [p.size for p in fit.paragraphs] == [26, 22, 22, 22]


def test_size_steps_go_down_to_and_include_the_stop() -> None:
    assert size_steps(20, 18) == [20, 19, 18]
    assert size_steps(19, 18, 0.5) == [19, 18.5, 18]


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("abcæøå KKR-–,.ÆØÅ ")), min_size=1, max_size=300),
       width=st.floats(min_value=40, max_value=900), size=st.sampled_from([12, 18, 24, 36]))
def test_no_wrapped_line_is_wider_than_its_box_unless_a_single_letter(text: str, width: float, size: float) -> None:
    m = Measurer(CARLITO)
    for line in m.wrap((Run(text),), size, width):
        assert m.width(line, size) <= width + 1e-6 or len(line) == 1

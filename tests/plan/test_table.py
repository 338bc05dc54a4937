"""Table slides: columns as wide as their longest word, numbers right-aligned, rows split where they really end."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import PP_ALIGN

from kkrdeck.build import build
from kkrdeck.design.geometry import EMU_PER_PT
from kkrdeck.plan.data import Plan, Table
from kkrdeck.plan.table import MEASURED_INSETS, is_number, numeric_columns
from kkrdeck.plan.textfit import Measurer
from tests.conftest import write_deck
from tests.package_check import assert_valid_deck
from tests.plan.test_planner import plan_of
from tests.plan.test_textfit import CARLITO


def table_yaml(rows: list[list[str]], columns: list[str], extra: str = "", title: str = "Møder") -> str:
    def row(cells: list[str]) -> str:
        return "[" + ", ".join(f"'{c}'" for c in cells) + "]"

    body = "".join(f"      - {row(r)}\n" for r in rows)
    return f"title: T\nslides:\n  - kind: table\n    title: {title}\n{extra}    columns: {row(columns)}\n    rows:\n{body}"


def tables(plan: Plan) -> list[Table]:
    found = [shape for slide in plan.slides for shape in slide.shapes if isinstance(shape, Table)]
    assert len(found) == len(plan.slides)
    return found


# --- numbers ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["3", "-3", "−3", "÷ 3", "+2", "1.234", "1.234.567", "12,5", "1.234,50", "1,234.5",
                                  "1 234", "45 %", "45%", "45\u00a0%", "12,5 pct.", "kr. 1.200", "1.200 kr.",
                                  "kr. 1.200,-", "DKK 50", "€ 12", "12 mio. kr.", "3,4 mia.", "2017"])
def test_these_cells_are_numbers(text: str) -> None:
    assert is_number(text)


@pytest.mark.parametrize("text", ["2017-08-01", "1.9.2017", "1. september 2017", "ca. 60", "Møde nr. 3", "KKR",
                                  "3 borgmestre", "", "-", "12-15", "kr."])
def test_these_cells_are_not_numbers(text: str) -> None:
    assert not is_number(text)


def test_a_column_is_numeric_when_its_body_cells_are_numbers_or_blank() -> None:
    assert numeric_columns([["Hovedstaden", "29", "1.234,5", "12"],
                            ["Sjælland", "–", "87,0", "ca. 60"],
                            ["Syddanmark", "", "-3", "7"]]) == [False, True, True, False]


def test_numeric_columns_and_their_headers_are_right_aligned_in_the_written_table(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, table_yaml([["Hovedstaden", "29", "kr. 1.200", "45 %"],
                                            ["Sjælland", "17", "kr. 950", "12,5 %"],
                                            ["Syddanmark", "22", "–", "-3 %"]],
                                           ["Region", "Kommuner", "Budget", "Ændring"]))
    result = build(deck, tmp_path / "table.pptx")
    assert_valid_deck(result.output)
    [frame] = [s for s in Presentation(str(result.output)).slides[0].shapes if s.has_table]
    aligned = [[cell.text_frame.paragraphs[0].alignment for cell in row.cells] for row in frame.table.rows]
    assert aligned == [[PP_ALIGN.LEFT, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT, PP_ALIGN.RIGHT]] * 4


# --- column widths ------------------------------------------------------------------------------------------

def test_no_column_is_narrower_than_its_longest_word_at_the_size_the_table_is_set_in(tmp_path: Path) -> None:
    # the long text of the last column would take the width from the others if shared by length alone
    rows = [["2017-08-01", "Kommunalbestyrelsesmedlemmer", "Borgmestre, rådmænd og menige medlemmer af "
             "kommunalbestyrelserne i de fem regioner samt repræsentanter for KL og regionerne"],
            ["2017-08-24", "Formandskaber", "KL’s bestyrelse"]]
    [table] = tables(plan_of(tmp_path, table_yaml(rows, ["Dato", "Deltagere", "Beskrivelse af mødet"])))
    m = Measurer(CARLITO)
    size = table.cells[0][0].paragraphs[0].size
    pad = (MEASURED_INSETS.left + MEASURED_INSETS.right) / EMU_PER_PT
    for c, width in enumerate(table.column_widths):
        words = [(w, bold) for row, bold in zip(table.cells, [True] + [False] * len(rows))
                 for w in row[c].paragraphs[0].text.split()]
        longest = max(m.width(w, size, bold) for w, bold in words)
        assert width / EMU_PER_PT >= longest + pad, (c, width / EMU_PER_PT, longest)
    for row in table.cells:  # and so every word stays whole on its line
        for cell in row:
            [p] = cell.paragraphs
            assert " ".join(p.lines).split() == p.text.split()
    assert sum(table.column_widths) == table.box.w


def test_short_columns_keep_their_text_on_one_line_and_the_long_one_wraps(tmp_path: Path) -> None:
    rows = [[f"2017-08-{n + 10}", f"Møde nr. {n}", "Kommunalbestyrelsesmedlemmer og borgmestre fra de fem regioner "
             "og repræsentanter for KL"] for n in range(3)]
    [table] = tables(plan_of(tmp_path, table_yaml(rows, ["Dato", "Møde", "Deltagere"])))
    for row in table.cells:
        assert [len(c.paragraphs[0].lines) for c in row[:2]] == [1, 1]
    assert len(table.cells[1][2].paragraphs[0].lines) == 2


def test_columns_of_short_texts_share_the_width_by_their_length(tmp_path: Path) -> None:
    [table] = tables(plan_of(tmp_path, table_yaml([["Hovedstaden", "29"], ["Sjælland", "17"]], ["Region", "Antal"])))
    wide, narrow = table.column_widths
    assert wide > narrow > 0 and wide + narrow == table.box.w


def test_a_word_too_wide_at_the_brands_minimum_size_makes_the_table_smaller_not_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    word = "Kommunalbestyrelsesmedlemsforberedelsesmaterialesamlingen"
    rows = [[word, word[:30], word[5:40]], ["a", "b", "c"]]
    plan = plan_of(tmp_path, table_yaml(rows, ["Et", "To", "Tre"]))
    [table] = tables(plan)
    size = table.cells[0][0].paragraphs[0].size
    assert size < 18
    assert all(len(c.paragraphs[0].lines) == 1 for c in table.cells[1])
    assert [str(n) for n in plan.notices] == [f"deck.yaml:3:5: warning: the table 'Møder' is set at {size:g} pt, below "
                                              "the brand's 18 pt, so that its longest words fit their columns — "
                                              "shorten them or use fewer columns"]


# --- where a continued table is split -----------------------------------------------------------------------

def short_rows(count: int) -> list[list[str]]:
    return [[f"{n + 1}. september 2017", "Møde i KKR om evalueringen", str(20 + n)] for n in range(count)]


def long_rows(count: int) -> list[list[str]]:
    return [[f"{n + 1}. september 2017", "Møde i KKR om evalueringen og om samarbejdet mellem kommunerne og "
             "regionerne i de kommende år", str(20 + n)] for n in range(count)]


def test_rows_that_wrap_continue_on_more_slides_than_rows_that_do_not(tmp_path: Path) -> None:
    short = tables(plan_of(tmp_path, table_yaml(short_rows(9), ["Dato", "Møde", "Deltagere"])))
    tall = tables(plan_of(tmp_path, table_yaml(long_rows(9), ["Dato", "Møde", "Deltagere"])))
    assert len(short) == 1 and len(tall) >= 2
    assert all(len(t.cells[1][1].paragraphs[0].lines) >= 2 for t in tall)
    for table in short + tall:  # and each part as tall as its rows, inside the content area
        assert table.box.h == sum(table.row_heights) <= 4.9 * 914400


@pytest.mark.parametrize("count, parts", [(15, [8, 7]), (20, [10, 10]), (21, [7, 7, 7]), (30, [10, 10, 10])])
def test_a_continued_table_is_split_evenly(tmp_path: Path, count: int, parts: list[int]) -> None:
    plan = plan_of(tmp_path, table_yaml(short_rows(count), ["Dato", "Møde", "Deltagere"]))
    found = tables(plan)
    assert [len(t.cells) - 1 for t in found] == parts
    assert [s.title_text for s in plan.slides] == [f"Møder ({n})" for n in ("I", "II", "III")[:len(parts)]]
    for table in found:
        assert [c.paragraphs[0].text for c in table.cells[0]] == ["Dato", "Møde", "Deltagere"]
    assert [row[2].paragraphs[0].text for t in found for row in t.cells[1:]] == [str(20 + n) for n in range(count)]


@pytest.mark.parametrize("count", range(11, 31))
def test_no_continued_table_leaves_a_single_row_alone(tmp_path: Path, count: int) -> None:
    for rows in (short_rows(count), long_rows(count)):
        found = tables(plan_of(tmp_path, table_yaml(rows, ["Dato", "Møde", "Deltagere"])))
        sizes = [len(t.cells) - 1 for t in found]
        assert max(sizes) - min(sizes) <= 1, sizes


def test_overflow_shrink_keeps_a_long_table_on_one_slide_below_the_brands_size(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan = plan_of(tmp_path, table_yaml(short_rows(13), ["Dato", "Møde", "Deltagere"], "    overflow: shrink\n"))
    [table] = tables(plan)
    size = table.cells[0][0].paragraphs[0].size
    assert 12 <= size < 18 and len(table.cells) == 14
    assert [str(n) for n in plan.notices] == [f"deck.yaml:3:5: warning: the table is set at {size:g} pt, below the "
                                              "brand's 18 pt — consider fewer rows"]

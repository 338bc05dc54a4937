"""Chart slides built for real: each kind reopened with python-pptx and its embedded workbook with openpyxl."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from kkrdeck.build import build
from tests.conftest import write_deck
from tests.package_check import assert_valid_deck, chart_schema_problems

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

CATEGORIES = ["Borgmestre", "Formandskaber", "Øvrige medlemmer"]
TWO_SERIES = """    series:
      - name: Enig
        values: [62.5, 70, 55]
      - name: Hverken eller
        values: ["25,5", 20, 30]
"""
ONE_SERIES = """    series:
      - name: Deltagere
        values: [8, "10,5", 42]
"""
KINDS = {
    "column": (XL_CHART_TYPE.COLUMN_CLUSTERED, TWO_SERIES),
    "bar": (XL_CHART_TYPE.BAR_CLUSTERED, TWO_SERIES),
    "stacked-column": (XL_CHART_TYPE.COLUMN_STACKED, TWO_SERIES),
    "stacked-bar": (XL_CHART_TYPE.BAR_STACKED, TWO_SERIES),
    "line": (XL_CHART_TYPE.LINE_MARKERS, TWO_SERIES),
    "pie": (XL_CHART_TYPE.PIE, ONE_SERIES),
    "doughnut": (XL_CHART_TYPE.DOUGHNUT, ONE_SERIES),
}
EXPECTED = {TWO_SERIES: [("Enig", (62.5, 70.0, 55.0)), ("Hverken eller", (25.5, 20.0, 30.0))],
            ONE_SERIES: [("Deltagere", (8.0, 10.5, 42.0))]}


def chart_deck(folder: Path, kind: str, series: str, extra: str = "") -> Path:
    return write_deck(folder, f"""title: Diagrammer
slides:
  - kind: chart
    title: Vurdering af KKR som mødeforum
    chart: {kind}
    categories: [{", ".join(CATEGORIES)}]
{series}{extra}""")


def the_chart(path: Path):
    prs = assert_valid_deck(path)
    frames = [s for s in prs.slides[0].shapes if s.has_chart]
    assert len(frames) == 1
    return frames[0]


def workbook_rows(path: Path, number: int = 1) -> list[tuple]:
    with zipfile.ZipFile(path) as zf:
        data = zf.read(f"ppt/embeddings/Microsoft_Excel_Worksheet{number}.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_a_native_chart_with_the_data_written(kind: str, tmp_path: Path) -> None:
    chart_type, series = KINDS[kind]
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, kind, series), out)
    frame = the_chart(out)
    chart = frame.chart
    assert chart.chart_type == chart_type
    assert list(chart.plots[0].categories) == CATEGORIES
    assert [(s.name, s.values) for s in chart.series] == EXPECTED[series]
    # the legend is there for several series, or for a pie's slices; not for one bar series
    assert chart.has_legend == (len(EXPECTED[series]) > 1 or kind in ("pie", "doughnut"))
    assert chart_schema_problems(out) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_embedded_workbook_holds_the_same_data(kind: str, tmp_path: Path) -> None:
    _, series = KINDS[kind]
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, kind, series), out)
    rows = workbook_rows(out)
    assert rows[0][1:] == tuple(name for name, _ in EXPECTED[series])
    assert [r[0] for r in rows[1:]] == CATEGORIES
    columns = list(zip(*(r[1:] for r in rows[1:])))
    assert [tuple(float(v) for v in c) for c in columns] == [values for _, values in EXPECTED[series]]
    # python-pptx reads the workbook as the chart part's own (what "Edit Data" opens)
    assert the_chart(out).chart.part.chart_workbook.xlsx_part is not None


def test_series_take_the_theme_accents_and_text_the_brand_minimum(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, "column", TWO_SERIES), out)
    xml = the_chart(out).chart._chartSpace
    fills = [s.find(f"{C}spPr/{A}solidFill/{A}schemeClr").get("val") for s in xml.iter(f"{C}ser")]
    assert fills == ["accent1", "accent2"]
    sizes = {int(r.get("sz")) for r in xml.iter(f"{A}defRPr")}
    assert sizes and min(sizes) >= 1800  # the brand's body-min
    assert {r.find(f"{A}latin").get("typeface") for r in xml.iter(f"{A}defRPr")} == {"+mn-lt"}


def test_a_gap_stays_a_gap(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, "line", """    series:
      - name: Møder
        values: [3, "", 5]
"""), out)
    assert the_chart(out).chart.series[0].values == (3.0, None, 5.0)
    assert workbook_rows(out)[2] == ("Formandskaber", None)


def test_alt_text_is_written_from_the_data(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, "column", ONE_SERIES), out)
    assert the_chart(out)._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") == (
        "Søjlediagram: Vurdering af KKR som mødeforum. Deltagere: Borgmestre 8, Formandskaber 10,5, "
        "Øvrige medlemmer 42.")


def test_given_alt_text_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, "pie", ONE_SERIES, "    alt: De fleste deltagere er øvrige medlemmer.\n"), out)
    assert the_chart(out)._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") == \
        "De fleste deltagere er øvrige medlemmer."


def test_long_alt_text_is_cut_at_a_value(tmp_path: Path) -> None:
    names = [f"Kommune nummer {n}" for n in range(1, 41)]
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: chart\n    title: Mange\n    chart: bar\n"
                      f"    categories: [{', '.join(names)}]\n    series:\n      - name: Svar\n"
                      f"        values: [{', '.join(str(n) for n in range(40))}]\n")
    out = tmp_path / "deck.pptx"
    result = build(deck, out)
    alt = the_chart(out)._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
    assert len(alt) <= 400 and alt.endswith(", …") and alt.startswith("Liggende søjlediagram: Mange. Svar: ")
    assert [p.message for p in result.notices if "categories" in p.message] == [
        "the chart has 40 categories, more than a reader can take in on one slide (about 15) — group the smaller "
        "ones, or split the chart over several slides"]


def test_unit_goes_on_the_value_axis_and_the_labels(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(chart_deck(tmp_path, "stacked-bar", TWO_SERIES, '    unit: "%"\n    labels: true\n'), out)
    xml = the_chart(out).chart._chartSpace
    # with the deck's language (Danish, LCID 406): LibreOffice writes the decimal comma, "62,5 %"
    assert xml.find(f".//{C}valAx/{C}numFmt").get("formatCode") == '[$-406]General" %"'
    labels = xml.find(f".//{C}barChart/{C}dLbls")
    assert labels.find(f"{C}numFmt").get("formatCode") == '[$-406]General" %"'
    assert labels.find(f"{C}showVal").get("val") == "1"


def test_long_category_names_turn_a_column_chart_into_a_bar_chart(tmp_path: Path) -> None:
    names = ["Kommunernes Landsforenings bestyrelse", "Kommunekontaktrådenes formandskaber",
             "Øvrige medlemmer af kommunalbestyrelserne", "Sekretariaterne i regionerne", "Andre deltagere"]
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: chart\n    title: Lange navne\n    chart: column\n"
                      f"    categories: [{', '.join(names)}]\n    series:\n      - name: Antal\n"
                      "        values: [5, 10, 25, 6, 3]\n")
    out = tmp_path / "deck.pptx"
    result = build(deck, out)
    assert the_chart(out).chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert [(p.line, p.severity, p.message) for p in result.notices if "columns" in p.message] == [
        (3, "notice", "the category names are too long to stand under the columns, so the chart is drawn as a bar "
         "chart ('chart: bar') — shorten them to keep the columns")]


def test_short_names_keep_the_columns(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = build(chart_deck(tmp_path, "column", TWO_SERIES), out)
    assert the_chart(out).chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert not [p for p in result.notices if "chart" in p.message]


def test_a_csv_file_with_danish_decimals_and_semicolons(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/deltagere.csv").write_text(
        "Gruppe;Interviews;Spørgeskema\nBorgmestre;8;\"25,5\"\nKKR-formandskaber;10;\nØvrige;;12\n", encoding="utf-8")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: chart\n    title: Deltagere i evalueringen\n"
                      "    chart: column\n    data: data/deltagere.csv\n")
    out = tmp_path / "deck.pptx"
    build(deck, out)
    chart = the_chart(out).chart
    assert list(chart.plots[0].categories) == ["Borgmestre", "KKR-formandskaber", "Øvrige"]
    assert [(s.name, s.values) for s in chart.series] == [("Interviews", (8.0, 10.0, None)),
                                                           ("Spørgeskema", (25.5, None, 12.0))]
    assert workbook_rows(out)[1] == ("Borgmestre", 8, 25.5)


def test_an_xlsx_file_first_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (("", "2019", "2020"), ("Hovedstaden", 12, 15.5), ("Sjælland", 9, "11,5")):
        sheet.append(row)
    book.create_sheet("Andet").append(("ignored",))
    (tmp_path / "data").mkdir()
    book.save(tmp_path / "data/møder.xlsx")
    deck = write_deck(tmp_path, "title: T\nslides:\n  - kind: chart\n    title: Møder\n    chart: line\n"
                      "    data: data/møder.xlsx\n")
    out = tmp_path / "deck.pptx"
    build(deck, out)
    chart = the_chart(out).chart
    assert list(chart.plots[0].categories) == ["Hovedstaden", "Sjælland"]
    assert [(s.name, s.values) for s in chart.series] == [("2019", (12.0, 9.0)), ("2020", (15.5, 11.5))]


def test_charts_on_several_slides_get_their_own_parts_and_the_same_bytes_each_build(tmp_path: Path) -> None:
    body = "title: T\nslides:\n" + "".join(
        f"  - kind: chart\n    title: Diagram {n}\n    chart: {kind}\n    categories: [A, B]\n"
        f"    series:\n      - name: S\n        values: [1, {n}]\n" for n, kind in enumerate(KINDS, start=1))
    deck = write_deck(tmp_path, body)
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    build(deck, first)
    build(deck, second)
    assert first.read_bytes() == second.read_bytes()
    prs = assert_valid_deck(first)
    assert [next(s for s in slide.shapes if s.has_chart).chart.series[0].values[1] for slide in prs.slides] == \
        [float(n) for n in range(1, len(KINDS) + 1)]
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
    assert sum(n.startswith("ppt/embeddings/") for n in names) == len(KINDS)
    assert sum(n.startswith("ppt/charts/chart") for n in names) == len(KINDS)

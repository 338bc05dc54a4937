"""A chart built by kkrdeck (or by python-pptx), imported as a chart slide with its data, and built again the same."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from kkrdeck.build import build
from kkrdeck.import_deck import import_deck
from kkrdeck.outline.loader import load_file, to_plain
from tests.charts.test_build_charts import KINDS
from tests.conftest import write_deck
from tests.package_check import assert_valid_deck


def charts_of(path: Path) -> list[tuple]:
    out = []
    for slide in Presentation(path).slides:
        chart = next(s for s in slide.shapes if s.has_chart).chart
        out.append((slide.shapes.title.text, chart.chart_type, list(chart.plots[0].categories),
                    [(s.name, s.values) for s in chart.series]))
    return out


def test_every_kind_round_trips_with_its_data(tmp_path: Path) -> None:
    body = "title: Diagrammer\nslides:\n" + "".join(
        f"  - kind: chart\n    title: Diagram {kind}\n    chart: {kind}\n    categories: [Borgmestre, Formandskaber, "
        f"Øvrige medlemmer]\n{series}" for kind, (_, series) in KINDS.items())
    body += ("  - kind: chart\n    title: Med hul\n    chart: line\n    categories: [jan, feb, mar]\n    series:\n"
             "      - name: Møder\n        values: [3, \"\", \"4,5\"]\n")
    first = tmp_path / "first.pptx"
    build(write_deck(tmp_path, body), first)
    result = import_deck(first, tmp_path / "imported")
    deck = tmp_path / "imported" / "deck.yaml"
    slides = to_plain(load_file(deck))["slides"]
    assert [s["kind"] for s in slides] == ["chart"] * (len(KINDS) + 1)
    assert [s["chart"] for s in slides] == [*KINDS, "line"]
    assert slides[-1]["series"] == [{"name": "Møder", "values": ["3", "", "4.5"]}]
    assert not [p.message for p in result.problems if "chart" in p.message]
    second = tmp_path / "second.pptx"
    build(deck, second)
    assert_valid_deck(second)
    assert charts_of(second) == charts_of(first)


def test_a_python_pptx_chart_kkrdeck_cannot_draw_stays_a_comment(tmp_path: Path) -> None:
    prs = Presentation()
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("S", (1, 2))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Areal"
    slide.shapes.add_chart(XL_CHART_TYPE.AREA, Inches(1), Inches(2), Inches(6), Inches(4), data)
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Lagkage"
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("S", (3, -4))
    slide.shapes.add_chart(XL_CHART_TYPE.PIE, Inches(1), Inches(2), Inches(6), Inches(4), data)
    source = tmp_path / "source.pptx"
    prs.save(source)
    result = import_deck(source, tmp_path / "imported")
    text = (tmp_path / "imported" / "deck.yaml").read_text(encoding="utf-8")
    slides = to_plain(load_file(tmp_path / "imported" / "deck.yaml"))["slides"]
    assert slides[0]["kind"] == "section" and "# chart (area): categories: A, B" in text
    assert slides[1]["kind"] == "chart" and slides[1]["chart"] == "column"  # a negative slice: not a pie
    messages = " ".join(p.message for p in result.problems)
    assert "a chart of the kind 'area' is kept as data in a comment: kkrdeck draws column, bar, line, pie and " \
        "doughnut charts" in messages
    assert "a pie chart with several series or negative values is imported as a column chart" in messages
    build(tmp_path / "imported" / "deck.yaml", tmp_path / "rebuilt.pptx")

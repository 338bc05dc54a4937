"""Every kind of chart rendered by the real LibreOffice, on the built-in brand and on an organisation's template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from kkrdeck.build import build
from kkrdeck.export.libreoffice import pptx_to_pdf
from tests.charts.test_build_charts import KINDS
from tests.conftest import ROOT, write_deck
from tests.package_check import assert_valid_deck
from tests.render_check import EMU_PER_PT, page_words

pytestmark = pytest.mark.libreoffice
CATEGORIES = ["Borgmestre", "Formandskaber", "Medlemmer"]


def every_kind(folder: Path, template: str = "") -> Path:
    body = f"title: Diagrammer\n{template}slides:\n"
    for kind, (_, series) in KINDS.items():
        body += (f"  - kind: chart\n    title: Diagram {kind}\n    chart: {kind}\n    labels: true\n"
                 f"    categories: [{', '.join(CATEGORIES)}]\n{series}")
    return write_deck(folder, body)


@pytest.mark.parametrize("template", ["", "mecanon.potx"])
def test_each_chart_renders_on_its_own_page_inside_its_frame(template: str, tmp_path: Path) -> None:
    if template:
        shutil.copy(ROOT / "tests/data/templates/real" / template, tmp_path / template)
    out = tmp_path / "deck.pptx"
    build(every_kind(tmp_path, f"template: {template}\n" if template else ""), out)
    assert_valid_deck(out)
    pdf = pptx_to_pdf(out, tmp_path / "deck.pdf", expected_pages=len(KINDS))
    pages = page_words(pdf)
    assert len(pages) == len(KINDS)
    prs = Presentation(out)
    for slide, words in zip(prs.slides, pages):
        frame = next(s for s in slide.shapes if s.has_chart)
        x0, y0 = frame.left / EMU_PER_PT, frame.top / EMU_PER_PT
        x1, y1 = x0 + frame.width / EMU_PER_PT, y0 + frame.height / EMU_PER_PT
        texts = {w.text for w in words}
        round_chart = frame.chart.chart_type in (XL_CHART_TYPE.PIE, XL_CHART_TYPE.DOUGHNUT)
        # a pie's legend names its slices, not its one series
        names = CATEGORIES + ([] if round_chart else [s.name for s in frame.chart.series])
        assert all(any(word in texts for word in name.split()) for name in names), (slide.shapes.title.text, texts)
        # the chart's words (its categories and series) lie inside the chart's frame, none cut off
        chart_words = [w for w in words if any(w.text in n.split() for n in names)]
        outside = [w.text for w in chart_words if w.x0 < x0 - 1 or w.x1 > x1 + 1 or w.y0 < y0 - 1 or w.y1 > y1 + 1]
        assert outside == [], slide.shapes.title.text

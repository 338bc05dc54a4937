"""Single-spaced lines are pitched at 1.2 em by LibreOffice whatever the font, as by PowerPoint: what the planner
measures with, instead of each font's own line box (1.13 em for Liberation Mono, 1.3 for Caladea)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from kkrdeck.design.metrics import FaceFiles
from kkrdeck.export.libreoffice import pptx_to_pdf
from kkrdeck.plan.textfit import Measurer

pytestmark = pytest.mark.libreoffice

FAMILIES = ("Carlito", "Caladea", "Liberation Sans", "Liberation Serif", "Liberation Mono", "DejaVu Sans")
SIZE = 40
LINES = 5


def _file(family: str) -> Path:
    found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", family], capture_output=True, text=True,
                           check=True).stdout.split("\t")
    assert found[0].split(",")[0] == family, f"{family} is not installed (.ci/run installs it): {found}"
    return Path(found[1])


def _baselines(pdf: Path, page: int) -> list[float]:
    listing = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
    return [float(m.group(1)) for m in re.finditer(r'yMax="([\d.]+)">Line\d</word>', listing)]


def test_libreoffice_pitches_single_spaced_lines_where_the_planner_measures_them(tmp_path: Path) -> None:
    prs = Presentation()
    for family in FAMILIES:
        frame = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(
            Inches(0.5), Inches(0.5), Inches(9), Inches(6.5)).text_frame
        for n in range(LINES):
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.line_spacing = 1.0  # lnSpc 100 %, as kkrdeck writes every paragraph
            run = paragraph.add_run()
            run.text, run.font.size, run.font.name = f"Line{n}", Pt(SIZE), family
    prs.save(str(tmp_path / "pitch.pptx"))
    pdf = pptx_to_pdf(tmp_path / "pitch.pptx", tmp_path / "pitch.pdf", expected_pages=len(FAMILIES))
    for page, family in enumerate(FAMILIES, start=1):
        lines = _baselines(pdf, page)
        assert len(lines) == LINES, (family, lines)
        pitch = (lines[-1] - lines[0]) / (LINES - 1)
        measured = Measurer(FaceFiles(_file(family))).line_height(SIZE)
        assert pitch == pytest.approx(measured, abs=0.2), f"{family}: rendered {pitch:.2f} pt, measured {measured:.2f}"

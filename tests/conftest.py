"""Shared fixtures: the default deck built once and rendered once by the real LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# On a developer machine without LibreOffice and poppler the render tests skip; with CI set they must run.
needs_libreoffice = pytest.mark.skipif(
    not os.environ.get("CI") and any(shutil.which(tool) is None for tool in ("soffice", "pdftoppm", "pdftotext")),
    reason="LibreOffice and poppler-utils are not installed",
)
SEED = ROOT / "tests" / "data" / "seed.txt"


def normalise(text: str) -> str:
    """Whitespace collapsed, typographic quotes made plain: how seed lines are compared with slide text."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def slide_texts(path: Path) -> list[str]:
    """The text of every slide (text frames and table cells), normalised, in slide order."""
    from pptx import Presentation

    prs = Presentation(path)
    texts = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.extend(p.text for p in shape.text_frame.paragraphs)
            if shape.has_table:
                parts.extend(c.text for row in shape.table.rows for c in row.cells)
        texts.append(normalise(" ".join(parts)))
    return texts


def seed_lines() -> list[str]:
    """Every line of the seed, without its bullet marks and list numbers (kkrdeck draws those itself)."""
    lines = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^[\s•\uf0d8]+", "", raw)
        line = re.sub(r"^\d\.\s+", "", line)
        line = normalise(line)
        if line:
            lines.append(line)
    return lines


@pytest.fixture(scope="session")
def default_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kkrdeck.build import build

    out = tmp_path_factory.mktemp("default") / "deck.pptx"
    build(ROOT / "deck.yaml", out)
    return out


@pytest.fixture(scope="session")
def default_pdf(default_deck: Path) -> Path:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice is needed for the render tests (apt-get install libreoffice-impress)")
    from kkrdeck.export.libreoffice import pptx_to_pdf
    from pptx import Presentation

    pages = len(Presentation(default_deck).slides)
    return pptx_to_pdf(default_deck, default_deck.with_suffix(".pdf"), expected_pages=pages)


def write_deck(folder: Path, body: str, brand: Path | None = None) -> Path:
    """A deck file in `folder` using the repo's brand (copied next to it so paths stay inside the folder)."""
    assets = folder / "assets"
    if not assets.exists():
        shutil.copytree(ROOT / "assets", assets, ignore=shutil.ignore_patterns("*.md"))
    deck = folder / "deck.yaml"
    deck.write_text(body, encoding="utf-8")
    return deck

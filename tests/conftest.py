"""Shared fixtures: the default deck built once and rendered once by the real LibreOffice."""

# Markers (registered in pyproject.toml, whose addopts has --strict-markers):
# * libreoffice: the test runs LibreOffice or poppler (pdftoppm, pdftotext, ...), itself or through a fixture
#   such as default_pdf. Without those tools it is skipped, except with CI set, where it fails instead: CI must
#   never pass by skipping the render tests. `python -m pytest -m "not libreoffice"` is the fast inner loop
#   and starts no LibreOffice at all.
# * corpus: the test runs over many templates; slow, so `-m "not corpus"` leaves it out. CI runs it.
#
# Before anything renders or asks fontconfig (fc-match) for a font, FONTCONFIG_FILE points at the suite's own
# fontconfig file (tests/fonts.py), inherited by every LibreOffice the tests start: renders and measurements
# then depend only on the fonts .ci/run installs, not on whatever else the machine has.

from __future__ import annotations

import functools
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests import fonts

os.environ["FONTCONFIG_FILE"] = str(fonts.pin())

ROOT = Path(__file__).resolve().parent.parent
# What the libreoffice marker needs: LibreOffice on PATH (as the render fixtures look for it) and poppler's tools.
RENDER_TOOLS = (("soffice", "libreoffice"), ("pdftoppm",), ("pdftotext",), ("pdfinfo",), ("pdffonts",))


@functools.cache
def missing_render_tools() -> tuple[str, ...]:
    """The render tools this machine lacks (the first name of each)."""
    return tuple(names[0] for names in RENDER_TOOLS if not any(shutil.which(name) for name in names))


def pytest_report_header(config: pytest.Config) -> list[str]:
    missing = missing_render_tools()
    tests = "run" if not missing else ("FAIL (CI is set)" if os.environ.get("CI") else "skipped")
    absent = fonts.missing_packages()
    return [f"fonts: {os.environ['FONTCONFIG_FILE']}" + (f", missing {', '.join(absent)}" if absent else ""),
            f"libreoffice tests: {tests}" + (f", missing {', '.join(missing)}" if missing else "")]


# Fixtures that run LibreOffice themselves: a test that uses one is a libreoffice test without saying so.
LIBREOFFICE_FIXTURES = frozenset({"templates", "default_pdf"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: marked before `-m "not libreoffice"` deselects by marker.
    for item in items:
        if LIBREOFFICE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.libreoffice)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # tryfirst: decided before any fixture of the test starts LibreOffice.
    if item.get_closest_marker("libreoffice") is None or not missing_render_tools():
        return
    missing = ", ".join(missing_render_tools())
    hint = "apt-get install libreoffice-impress poppler-utils"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so this LibreOffice test must run, but this machine lacks {missing} ({hint})",
                    pytrace=False)
    pytest.skip(f"this machine lacks {missing} ({hint}); CI runs this test")


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch):
    """Every test hears kkrdeck in English, whatever the machine's locale, unless it asks for Danish itself
    (`danish` below); subprocesses inherit the variable."""
    from kkrdeck import i18n

    monkeypatch.setenv("KKRDECK_LANG", "en")
    i18n.reset()
    yield
    i18n.reset()


@pytest.fixture
def danish(monkeypatch: pytest.MonkeyPatch):
    """kkrdeck in Danish, chosen the way a Danish user's machine chooses it: by the locale alone."""
    from kkrdeck import i18n

    for variable in ("KKRDECK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    i18n.reset()
    yield
    i18n.reset()


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

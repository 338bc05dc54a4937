"""`kkrdeck build --pdf` against the real LibreOffice: a PDF next to the .pptx, one page per slide with its text."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from kkrdeck.export import libreoffice as export
from kkrdeck.cli import main
from kkrdeck.written import MANIFEST
from kkrdeck.export.libreoffice import LIBREOFFICE_MISSING, pdf_page_count
from kkrdeck.progress import Progress
from tests.conftest import ROOT, write_deck


def squeeze(text: str) -> str:
    """Compared without case, spacing, soft hyphens or typographic differences."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold()
    for typographic, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(typographic, plain)
    return "".join(text.split())


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout


def slide_paragraphs(pptx: Path) -> list[list[str]]:
    """Per slide, the text of every non-empty paragraph of every shape (title, body, timeline, cards, tables).

    The slide number is a field ('‹#›' in the file, the number on the page), so it is left out.
    """
    slides = []
    for slide in Presentation(pptx).slides:
        texts: list[str] = []
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (PP_PLACEHOLDER.SLIDE_NUMBER,
                                                                          PP_PLACEHOLDER.DATE):
                continue
            if shape.has_text_frame:
                texts.extend(p.text for p in shape.text_frame.paragraphs)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
        slides.append([t for t in texts if t.strip()])
    return slides


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The default deck built with --pdf from a folder of its own, as a user would."""
    folder = tmp_path_factory.mktemp("pdf")
    deck = write_deck(folder, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = CliRunner().invoke(main, ["build", "--pdf", str(deck.name)])
    return folder, result


@pytest.mark.libreoffice
def test_build_pdf_writes_the_pdf_next_to_the_pptx_and_names_both(built: tuple[Path, object]) -> None:
    folder, result = built
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["out/deck.pdf", "out/deck.pptx"]
    assert (folder / "out" / "deck.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (folder / "out").iterdir()) == [MANIFEST, "deck.pdf", "deck.pptx"]


@pytest.mark.libreoffice
def test_the_pdf_has_one_page_per_slide(built: tuple[Path, object]) -> None:
    folder, _ = built
    slides = len(Presentation(folder / "out" / "deck.pptx").slides)
    assert slides == 8
    assert pdf_page_count(folder / "out" / "deck.pdf") == slides


@pytest.mark.libreoffice
def test_each_page_shows_its_slides_title_and_body_text(built: tuple[Path, object]) -> None:
    folder, _ = built
    pdf = folder / "out" / "deck.pdf"
    missing = []
    for number, paragraphs in enumerate(slide_paragraphs(folder / "out" / "deck.pptx"), start=1):
        text = squeeze(page_text(pdf, number))
        assert paragraphs, f"slide {number} has no text"
        missing += [(number, p) for p in paragraphs if squeeze(p) not in text]
    assert missing == []


def test_without_libreoffice_a_danish_user_is_told_how_to_install_it_in_danish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, danish: None
) -> None:
    deck = write_deck(tmp_path, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", ())
    result = CliRunner().invoke(main, ["build", "--pdf", str(deck)])
    assert result.exit_code == 1  # as in English
    assert result.stderr.splitlines()[-1] == (
        "LibreOffice er ikke installeret (det skal bruges til PDF og forhåndsvisning) — installér det med: "
        "sudo apt-get install libreoffice-impress  (macOS: brew install --cask libreoffice)")
    assert not (tmp_path / "out" / "deck.pdf").exists()

def test_without_libreoffice_build_pdf_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = write_deck(tmp_path, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", ())
    result = CliRunner().invoke(main, ["build", "--pdf", str(deck)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == LIBREOFFICE_MISSING
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "deck.pdf").exists()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_and_cleared_after() -> None:
    terminal = FakeTerminal()
    with Progress(terminal) as progress:
        progress("converting 8 slides to PDF with LibreOffice")
        progress("drawing 8 slide pictures")
    shown = terminal.getvalue()
    assert "\rkkrdeck: converting 8 slides to PDF with LibreOffice …" in shown
    assert "\rkkrdeck: drawing 8 slide pictures …" in shown
    # The last write blanks the line and returns to its start, so the next message starts clean.
    assert shown.endswith("\r")
    assert shown.rsplit("\r", 2)[-2].strip() == ""


def test_progress_is_silent_off_a_terminal_and_when_quiet() -> None:
    pipe = io.StringIO()
    with Progress(pipe) as progress:
        progress("converting 8 slides to PDF with LibreOffice")
    assert pipe.getvalue() == ""
    terminal = FakeTerminal()
    with Progress(terminal, enabled=False) as progress:
        progress("converting 8 slides to PDF with LibreOffice")
    assert terminal.getvalue() == ""


def test_build_pdf_does_not_overwrite_a_pdf_kkrdeck_did_not_make(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deck.pdf").write_bytes(b"%PDF-1.4 the minutes of the last meeting")
    result = CliRunner().invoke(main, ["build", "--pdf", str(deck)])
    assert result.exit_code == 1
    assert result.stderr.rstrip("\n").endswith("deck.pdf: this PDF was not made by kkrdeck, so it is not "
                                               "overwritten — choose another output name with -o, or move the "
                                               "file away first")
    assert (tmp_path / "out" / "deck.pdf").read_bytes() == b"%PDF-1.4 the minutes of the last meeting"

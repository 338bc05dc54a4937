"""Export stage against the real LibreOffice and poppler: PDF, slide pictures, resident office."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from kkrdeck.export import libreoffice as export
from kkrdeck.errors import ExportError, display_path
from kkrdeck.export.libreoffice import Renderer, pdf_page_count, pdf_to_pngs, pptx_to_pdf

TITLES = ("Alpha launch plan", "Bravo budget review", "Charlie roadmap")
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)

from tests.conftest import needs_libreoffice

pytestmark = needs_libreoffice


def make_deck(path: Path, titles: tuple[str, ...] = TITLES) -> Path:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    for title in titles:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
        slide.shapes.title.text = title
    deck.save(str(path))
    return path


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout


def live_processes_in_group(pgid: int) -> list[int]:
    """Pids of non-zombie processes in a process group (zombies are dead, just not reaped)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[2] == str(pgid) and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def live_processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if text in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_deck(tmp_path_factory.mktemp("deck") / "three.pptx")


@pytest.fixture(scope="module")
def pdf(deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one cold conversion the module shares."""
    return pptx_to_pdf(deck, tmp_path_factory.mktemp("pdf") / "three.pdf", expected_pages=3)


@pytest.fixture(scope="module")
def pngs(pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return pdf_to_pngs(pdf, tmp_path_factory.mktemp("pngs"))


def test_pdf_has_one_page_per_slide_with_that_slides_title(pdf: Path) -> None:
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 3
    for number, title in enumerate(TITLES, start=1):
        assert title in page_text(pdf, number)


def test_pdf_is_written_without_leftover_temporary_files(pdf: Path) -> None:
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["three.pdf"]


def test_pngs_are_one_per_slide_named_in_page_order(pngs: list[Path]) -> None:
    assert [p.name for p in pngs] == ["slide-01.png", "slide-02.png", "slide-03.png"]
    assert sorted(p.name for p in pngs[0].parent.iterdir()) == [".kkrdeck-written.json"] + [p.name for p in pngs]


def test_pngs_keep_the_slide_aspect_ratio(pngs: list[Path]) -> None:
    for png in pngs:
        with Image.open(png) as img:
            width, height = img.size
        assert width == 1280  # 13.333 in at the default 96 dpi
        assert abs(height - width * SLIDE_H / SLIDE_W) <= 1


def test_pngs_replace_pictures_of_slides_the_deck_no_longer_has(pdf: Path, tmp_path: Path) -> None:
    from kkrdeck.written import MANIFEST, record

    (tmp_path / "slide-04.png").write_bytes(b"stale")
    record([tmp_path / "slide-04.png"])  # drawn by an earlier run of kkrdeck
    (tmp_path / "slide-05.png").write_bytes(b"the user's own")
    (tmp_path / "notes.png").write_bytes(b"not ours")
    written = pdf_to_pngs(pdf, tmp_path, stem="slide", dpi=24)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in written] + ["notes.png", "slide-05.png", MANIFEST]
    )
    assert (tmp_path / "slide-05.png").read_bytes() == b"the user's own"


def test_pngs_never_replace_a_picture_kkrdeck_did_not_draw(pdf: Path, tmp_path: Path) -> None:
    (tmp_path / "slide-02.png").write_bytes(b"the user's own")
    with pytest.raises(ExportError) as caught:
        pdf_to_pngs(pdf, tmp_path, stem="slide", dpi=24)
    assert caught.value.message == (f"{display_path(tmp_path / 'slide-02.png')}: this picture was not made by "
                                    "kkrdeck, so it is not replaced — choose another folder, or move the file "
                                    "away first")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slide-02.png"]
    assert (tmp_path / "slide-02.png").read_bytes() == b"the user's own"


def test_page_count_mismatch_is_refused_and_keeps_the_previous_pdf(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "three.pdf"
    out.write_bytes(b"previous PDF")
    with pytest.raises(ExportError) as caught:
        pptx_to_pdf(deck, out, expected_pages=4)
    assert caught.value.message == (
        f"LibreOffice made a PDF with 3 pages from {display_path(deck)}, "
        "but the deck has 4 slides; the PDF was not saved."
    )
    assert out.read_bytes() == b"previous PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["three.pdf"]


def test_corrupt_pptx_is_reported_and_leaves_no_output(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(random.Random(7).randbytes(4096))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ExportError) as caught:
        pptx_to_pdf(broken, out_dir / "broken.pdf")
    assert caught.value.message.startswith(f"LibreOffice could not convert {display_path(broken)} to PDF")
    assert list(out_dir.iterdir()) == []


def test_missing_deck_is_reported_in_plain_words(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pptx"
    with pytest.raises(ExportError) as caught:
        pptx_to_pdf(missing, tmp_path / "nowhere.pdf")
    assert caught.value.message == f"{display_path(missing)} does not exist, so it cannot be converted to PDF."


def test_missing_libreoffice_says_how_to_install_it(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", ())
    expected = (
        "LibreOffice is not installed (needed for PDF and previews) — install it with: "
        "sudo apt-get install libreoffice-impress  (macOS: brew install --cask libreoffice)"
    )
    with pytest.raises(ExportError) as caught:
        export.find_soffice()
    assert caught.value.message == expected
    with pytest.raises(ExportError) as caught:
        pptx_to_pdf(deck, tmp_path / "three.pdf")
    assert caught.value.message == expected
    with pytest.raises(ExportError) as caught:
        Renderer().start()
    assert caught.value.message == expected


def test_missing_pdftoppm_names_the_poppler_utils_package(
    pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ExportError) as caught:
        pdf_to_pngs(pdf, tmp_path / "pngs")
    assert caught.value.message == (
        "The pdftoppm tool is not installed (needed for slide previews) — install it with: "
        "sudo apt-get install poppler-utils  (macOS: brew install poppler)"
    )


def test_libreoffice_found_in_a_usual_location_when_not_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = export.find_soffice()
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", (str(tmp_path / "missing" / "soffice"), str(real)))
    assert export.find_soffice() == real


def test_slow_conversion_is_stopped_with_all_its_processes(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice's private profile lands under tmp_path, so its processes can be recognised.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "three.pdf"
    with pytest.raises(ExportError) as caught:
        pptx_to_pdf(deck, out, timeout=0.3)
    assert caught.value.message == (
        f"LibreOffice took longer than 0.3 seconds to convert {display_path(deck)} to PDF, "
        "so it was stopped."
    )
    assert not out.exists()
    assert live_processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []


def test_renderer_converts_repeatedly_and_stops_its_office_on_close(deck: Path, tmp_path: Path) -> None:
    renderer = Renderer()
    try:
        renderer.start()
        assert renderer.is_running
        pid = renderer.pid
        assert pid is not None
        first = renderer.convert(deck, tmp_path / "first.pdf", expected_pages=3)
        assert TITLES[1] in page_text(first, 2)

        # The same office picks up a changed deck: watch mode re-renders after each save.
        changed = make_deck(tmp_path / "changed.pptx", ("Delta only",))
        second = renderer.convert(changed, tmp_path / "second.pdf", expected_pages=1)
        assert "Delta only" in page_text(second, 1)
        assert renderer.pid == pid, "the office was restarted instead of reused"
        profile = next(
            arg for arg in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            if arg.startswith("-env:UserInstallation=")
        )
    finally:
        renderer.close()
    assert not renderer.is_running
    assert live_processes_in_group(pid) == []
    profile_dir = Path(profile.removeprefix("-env:UserInstallation=file://")).parent
    assert not profile_dir.exists()
    renderer.close()  # a second close is harmless


def test_renderer_reports_a_corrupt_deck_and_keeps_working(deck: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(random.Random(11).randbytes(4096))
    with Renderer() as renderer:
        with pytest.raises(ExportError) as caught:
            renderer.convert(broken, tmp_path / "broken.pdf")
        assert caught.value.message.startswith(f"LibreOffice could not convert {display_path(broken)} to PDF")
        assert not (tmp_path / "broken.pdf").exists()
        assert renderer.is_running
        with pytest.raises(ExportError) as caught:
            renderer.convert(deck, tmp_path / "three.pdf", expected_pages=2)
        assert caught.value.message == (
            f"LibreOffice made a PDF with 3 pages from {display_path(deck)}, "
            "but the deck has 2 slides; the PDF was not saved."
        )
        assert renderer.convert(deck, tmp_path / "three.pdf", expected_pages=3).is_file()


def test_renderer_starts_a_new_office_when_its_office_died(deck: Path, tmp_path: Path) -> None:
    with Renderer() as renderer:
        old_pid = renderer.pid
        assert old_pid is not None
        os.killpg(old_pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while live_processes_in_group(old_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not renderer.is_running
        assert renderer.convert(deck, tmp_path / "three.pdf", expected_pages=3).is_file()
        assert renderer.is_running and renderer.pid != old_pid


def test_page_count_works_without_poppler_for_libreoffice_pdfs(
    pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf_page_count(pdf) == 3

"""`kkrdeck preview` against the real LibreOffice: a PNG per slide in the slide's shape, and the contact sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image
from pptx import Presentation

from kkrdeck.export import libreoffice as export
from kkrdeck.build import build
from kkrdeck.cli import main
from kkrdeck.written import MANIFEST, record
from kkrdeck.export.contact_sheet import BORDER, GAP
from kkrdeck.errors import DeckError, ExportError, KkrdeckError
from kkrdeck.export.libreoffice import LIBREOFFICE_MISSING, Renderer
from kkrdeck.export.preview import CONTACT_SHEET, THUMB_WIDTH, PictureCache, check_tools, preview, render_preview
from tests.conftest import ROOT, write_deck


SMALL_DECK = """\
title: Prøvedæk
slides:
  - kind: title
    title: Prøvedæk
  - kind: bullets
    title: Første punkter
    bullets: [Æbler, Pærer]
  - kind: bullets
    title: Andre punkter
    bullets: [Blommer]
"""


@pytest.fixture(scope="module")
def default_preview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """`kkrdeck preview` of the default deck run in its folder, with stale pictures from a longer deck left there."""
    folder = tmp_path_factory.mktemp("preview")
    write_deck(folder, (ROOT / "deck.yaml").read_text(encoding="utf-8"))
    pictures = folder / "out" / "preview"
    pictures.mkdir(parents=True)
    for stale in ("slide-09.png", "slide-10.png"):
        (pictures / stale).write_bytes(b"an old slide")
    record([pictures / "slide-09.png", pictures / "slide-10.png"])  # drawn by an earlier preview
    (pictures / "slide-42.png").write_bytes(b"the user's own picture")
    (pictures / "notes.txt").write_text("not kkrdeck's")
    (pictures / "notes.png").write_bytes(b"not a slide picture either")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = CliRunner().invoke(main, ["preview"])
    return folder, result


@pytest.mark.libreoffice
def test_preview_prints_the_contact_sheet_and_the_folder(default_preview: tuple[Path, Result]) -> None:
    _, result = default_preview
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["out/preview/contact-sheet.png", "out/preview"]
    assert result.stderr.splitlines() == ["8 slide pictures and the contact sheet are in out/preview"]


@pytest.mark.libreoffice
def test_one_png_per_slide_replaces_older_pictures_and_leaves_other_files(
    default_preview: tuple[Path, Result],
) -> None:
    folder, _ = default_preview
    names = sorted(p.name for p in (folder / "out" / "preview").iterdir())
    assert names == [MANIFEST, CONTACT_SHEET, "notes.png", "notes.txt"] + \
        [f"slide-{n:02d}.png" for n in range(1, 9)] + ["slide-42.png"]
    assert (folder / "out" / "preview" / "slide-42.png").read_bytes() == b"the user's own picture"
    assert not (folder / "out" / "deck.pptx").exists(), "preview must not write the deck's .pptx"


@pytest.mark.libreoffice
def test_each_png_has_the_slides_aspect_ratio(default_preview: tuple[Path, Result]) -> None:
    folder, _ = default_preview
    deck = Presentation(build(folder / "deck.yaml", folder / "check" / "deck.pptx").output)
    for n in range(1, 9):
        with Image.open(folder / "out" / "preview" / f"slide-{n:02d}.png") as img:
            assert img.format == "PNG"
            width, height = img.size
        assert width == 1280  # 13.333 in at 96 dpi
        assert abs(height - width * deck.slide_height / deck.slide_width) <= 1


@pytest.mark.libreoffice
def test_the_contact_sheet_is_a_numbered_grid_of_all_slides(default_preview: tuple[Path, Result]) -> None:
    folder, _ = default_preview
    with Image.open(folder / "out" / "preview" / CONTACT_SHEET) as sheet:
        assert sheet.format == "PNG"
        # 8 slides: 3 columns, 3 rows of 480 x 270 thumbnails.
        assert sheet.size == (3 * (THUMB_WIDTH + 2 * BORDER) + 4 * GAP, 3 * (270 + 2 * BORDER) + 4 * GAP)
        # The title slide's navy panel shows in the first cell, white paper in the empty ninth.
        assert sheet.convert("RGB").getpixel((GAP + 100, GAP + 200)) == (0x1D, 0x35, 0x57)
        ninth = (GAP + 2 * (THUMB_WIDTH + 2 * BORDER + GAP) + 100, GAP + 2 * (270 + 2 * BORDER + GAP) + 100)
        assert sheet.convert("RGB").getpixel(ninth) == (255, 255, 255)


@pytest.mark.libreoffice
def test_a_resident_libreoffice_renders_repeatedly_and_stays_running(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, SMALL_DECK)
    with Renderer() as renderer:
        pid = renderer.pid
        first = preview(deck, tmp_path / "pictures", renderer=renderer)
        assert [p.name for p in first.slides] == ["slide-01.png", "slide-02.png", "slide-03.png"]
        deck.write_text(SMALL_DECK.replace("    bullets: [Blommer]\n", "    bullets: [Blommer]\n"
                                           "  - kind: section\n    title: Slut\n"), encoding="utf-8")
        built = build(deck, tmp_path / "deck.pptx")
        cache = PictureCache()
        second = render_preview(built.output, 4, tmp_path / "pictures", renderer=renderer, cache=cache)
        assert [p.name for p in second.slides] == [f"slide-0{n}.png" for n in range(1, 5)]
        assert second.redrawn == second.slides

        # With the cache, pictures that look the same are left alone, unless someone touched them.
        (tmp_path / "pictures" / "slide-02.png").unlink()
        third = render_preview(built.output, 4, tmp_path / "pictures", renderer=renderer, cache=cache)
        assert third.redrawn == (tmp_path / "pictures" / "slide-02.png",)
        assert all(p.is_file() for p in third.slides)
        assert renderer.pid == pid and renderer.is_running
    assert sorted(p.name for p in (tmp_path / "pictures").iterdir()) == sorted(
        [MANIFEST, CONTACT_SHEET] + [p.name for p in second.slides]
    ), "no temporary files are left behind"


@pytest.mark.libreoffice
def test_a_broken_outline_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, SMALL_DECK.replace("bullets: [Blommer]", "buletts: [Blommer]"))
    result = CliRunner().invoke(main, ["preview", str(deck), "-o", str(tmp_path / "pictures")])
    assert result.exit_code == 1
    assert f"{deck}:10:5: unknown key 'buletts'" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "pictures").exists()
    with pytest.raises(DeckError):
        preview(deck, tmp_path / "pictures")


def test_a_file_given_as_the_folder_is_refused(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, SMALL_DECK)
    (tmp_path / "taken").write_text("a file")
    with pytest.raises(KkrdeckError) as caught:
        preview(deck, tmp_path / "taken")
    assert caught.value.message.endswith("is a file, not a folder — give a folder for the slide pictures "
                                         "with -o, e.g. -o out/preview")
    result = CliRunner().invoke(main, ["preview", str(deck), "-o", str(tmp_path / "taken")])
    assert result.exit_code == 2  # a usage mistake, caught by the option itself


def test_without_libreoffice_preview_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = write_deck(tmp_path, SMALL_DECK)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", ())
    result = CliRunner().invoke(main, ["preview", str(deck)])
    assert result.exit_code == 1
    assert result.stderr == LIBREOFFICE_MISSING + "\n"
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.libreoffice
def test_without_pdftoppm_preview_names_poppler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = write_deck(tmp_path, SMALL_DECK)
    soffice = export.find_soffice()
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", (str(soffice),))
    result = CliRunner().invoke(main, ["preview", str(deck)])
    assert result.exit_code == 1
    assert result.stderr == export.POPPLER_MISSING.format(tool="pdftoppm") + "\n"


def test_missing_pdftoppm_names_the_poppler_utils_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    soffice = tmp_path / "office" / "soffice"  # found, never run: the check comes before any work
    soffice.parent.mkdir()
    soffice.write_text("#!/bin/sh\nexit 1\n")
    soffice.chmod(0o755)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(export, "SOFFICE_LOCATIONS", (str(soffice),))
    with pytest.raises(ExportError) as caught:
        check_tools()
    assert caught.value.message == (
        "The pdftoppm tool is not installed (needed for slide previews) — install it with: "
        "sudo apt-get install poppler-utils  (macOS: brew install poppler)"
    )


@pytest.mark.libreoffice
def test_a_4_3_brand_gives_4_3_pictures(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, SMALL_DECK)
    brand = tmp_path / "assets" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('aspect: "16:9"', 'aspect: "4:3"'), encoding="utf-8")
    result = preview(deck, tmp_path / "pictures")
    for png in result.slides:
        with Image.open(png) as img:
            assert img.size == (960, 720)  # 10 x 7.5 in at 96 dpi


@pytest.mark.libreoffice
def test_preview_with_a_template_draws_the_slides_in_the_templates_shape(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import pptx

    template = Path(pptx.__file__).parent / "templates" / "default.pptx"  # 4:3, English layout names
    write_deck(tmp_path, SMALL_DECK)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["preview", "--template", str(template), "-o", "pics"])
    assert result.exit_code == 0, result.stderr
    slides = sorted((tmp_path / "pics").glob("slide-*.png"))
    assert len(slides) == 3
    width, height = Image.open(slides[0]).size
    assert abs(width / height - 4 / 3) < 0.01

"""Files to send: tagged PDF/UA with the deck's title and language, alt text on pictures, and a notes handout."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from kkrdeck.cli import main
from tests.variants_deck import REGIONS, five_variant_text, write_five_variant_deck

pytestmark = pytest.mark.libreoffice

PICTURE = '''
  - kind: image
    title: Kortet over {region}
    image: assets/logo.png
    alt: KKR-logoet for {region}
'''


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("send")
    deck = write_five_variant_deck(folder, five_variant_text() + PICTURE)
    result = CliRunner().invoke(main, ["build", str(deck), "--pdf", "--handout"])
    assert result.exit_code == 0, result.output
    return folder / "out"


def _figures(node: object) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    if isinstance(node, pikepdf.Array):
        for item in node:
            found += _figures(item)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == pikepdf.Name.Figure:
            found.append(node)
        if "/K" in node:
            found += _figures(node.K)
    return found


def test_a_five_variant_build_writes_fifteen_files(sent: Path) -> None:
    names = sorted(p.name for p in sent.iterdir() if not p.name.startswith("."))
    assert names == sorted(f"deck-{n}{end}" for n in REGIONS for end in (".pptx", ".pdf", "-handout.pdf"))


@pytest.mark.parametrize("kind", [".pdf", "-handout.pdf"])
def test_the_pdfs_are_tagged_with_title_and_language(sent: Path, kind: str) -> None:
    for name in REGIONS:
        with pikepdf.open(sent / f"deck-{name}{kind}") as pdf:
            assert "/StructTreeRoot" in pdf.Root
            assert pdf.Root.MarkInfo.Marked is True
            assert str(pdf.Root.Lang) == "da-DK"
            assert str(pdf.docinfo.Title) == "KKR-evalueringen"
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        info = subprocess.run(["pdfinfo", str(sent / f"deck-{name}{kind}")], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info


def test_the_pictures_alt_text_is_on_the_figure(sent: Path) -> None:
    with pikepdf.open(sent / "deck-sjaelland.pdf") as pdf:
        alts = [str(f.Alt) for f in _figures(pdf.Root.StructTreeRoot) if "/Alt" in f]
    assert "KKR-logoet for Sjælland" in alts


def test_every_slide_has_a_bookmark(sent: Path) -> None:
    with pikepdf.open(sent / "deck-hovedstaden.pdf") as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert titles[0] == "KKR-evalueringen" and "Særligt for hovedstadsområdet" in titles and len(titles) == 11


def test_the_handout_has_a_page_per_slide_with_its_notes(sent: Path) -> None:
    from pptx import Presentation

    for name in REGIONS:
        slides = len(Presentation(sent / f"deck-{name}.pptx").slides)
        with pikepdf.open(sent / f"deck-{name}-handout.pdf") as pdf:
            assert len(pdf.pages) == slides
        # notes pages are portrait, slides landscape
        with pikepdf.open(sent / f"deck-{name}.pdf") as pdf:
            box = [float(v) for v in pdf.pages[0].MediaBox]
            assert box[2] > box[3] and len(pdf.pages) == slides
        with pikepdf.open(sent / f"deck-{name}-handout.pdf") as pdf:
            box = [float(v) for v in pdf.pages[0].MediaBox]
            assert box[3] > box[2]
        region, town, _ = REGIONS[name]
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(sent / f"deck-{name}-handout.pdf"), "-"],
                               capture_output=True, text=True).stdout
        assert f"Velkommen til KKR {region} i {town}." in " ".join(first.split())


def test_a_handout_kkrdeck_did_not_write_is_not_overwritten(tmp_path: Path) -> None:
    deck = write_five_variant_deck(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "deck-sjaelland-handout.pdf").write_bytes(b"%PDF-1.4 the user's own")
    result = CliRunner().invoke(main, ["build", str(deck), "--handout"])
    assert result.exit_code == 1
    assert result.output == (f"{tmp_path / 'out' / 'deck-sjaelland-handout.pdf'}: this handout was not made by "
                             "kkrdeck, so it is not overwritten — choose another output name with -o, or move the "
                             "file away first\n")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["deck-sjaelland-handout.pdf"]

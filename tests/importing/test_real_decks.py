"""Decks kkrdeck did not make, imported: the outline builds and checks, and keeps ≥ 95 % of words and every picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT
from tests.importing.measure import measure
from tests.package_check import assert_valid_deck

REAL = ROOT / "tests" / "data" / "templates" / "real"


def python_pptx_deck(folder: Path) -> Path:
    """python-pptx's default template with a title slide, bullets, a group of text boxes, pictures and a table."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    for n, colour in enumerate([(200, 30, 30), (30, 160, 60)], start=1):
        Image.new("RGB", (320, 200), colour).save(folder / f"p{n}.png")
    prs = Presentation()
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = "Årsmøde i KKR"
    cover.placeholders[1].text = "Dagsorden og beslutninger"
    content = prs.slides.add_slide(prs.slide_layouts[1])
    content.shapes.title.text = "Dagsorden"
    body = content.placeholders[1].text_frame
    body.text = "Velkomst ved formanden"
    for text, level in (("Godkendelse af referat", 1), ("Økonomi og budget", 0), ("Eventuelt", 0)):
        p = body.add_paragraph()
        p.text, p.level = text, level
        p.runs[0].font.size = Pt(28)
    content.notes_slide.notes_text_frame.text = "Husk at byde velkommen."
    free = prs.slides.add_slide(prs.slide_layouts[5])
    free.shapes.title.text = "Tidsplan"
    group = free.shapes.add_group_shape()
    for n, text in enumerate(["Første kvartal: analyse", "Andet kvartal: høring", "Tredje kvartal: beslutning"]):
        box = group.shapes.add_textbox(Inches(1), Inches(2 + n), Inches(6), Inches(0.8))
        box.text_frame.text = text
    note = free.shapes.add_textbox(Inches(1), Inches(6), Inches(6), Inches(0.8))
    note.text_frame.text = "Datoer følger"
    pictures = prs.slides.add_slide(prs.slide_layouts[5])
    pictures.shapes.title.text = "Billeder"
    first = pictures.shapes.add_picture(str(folder / "p1.png"), Inches(1), Inches(2))
    first._element.nvPicPr.cNvPr.set("descr", "Et rødt felt")
    pictures.shapes.add_picture(str(folder / "p2.png"), Inches(5), Inches(2))
    table = prs.slides.add_slide(prs.slide_layouts[5])
    table.shapes.title.text = "Tal"
    grid = table.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate([("Kommune", "Borgere"), ("Aarhus", "1.10"), ("Odense", "NO")]):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    path = folder / "python-pptx.pptx"
    prs.save(str(path))
    return path


def _check(source: Path, folder: Path, keep_template: bool = False) -> None:
    kept, rebuilt = measure(source, folder, keep_template)
    assert_valid_deck(rebuilt)
    assert kept.words >= 0.95, kept
    assert kept.pictures_kept == kept.pictures_in, kept


@pytest.mark.parametrize("name", ["rstudio-stocks.pptx", "pandoc-bg-templated.pptx"])
@pytest.mark.parametrize("keep_template", [False, True])
def test_a_real_deck_imports_into_an_outline_that_builds_and_keeps_its_words_and_pictures(
        tmp_path, name, keep_template) -> None:
    _check(REAL / name, tmp_path / "deck", keep_template)


def test_a_python_pptx_deck_with_groups_text_boxes_and_pictures_keeps_everything(tmp_path) -> None:
    _check(python_pptx_deck(tmp_path), tmp_path / "deck")
    text = (tmp_path / "deck" / "deck.yaml").read_text(encoding="utf-8")
    assert "      - Første kvartal: analyse\n" not in text  # ': ' needs quotes
    assert '      - "Første kvartal: analyse"\n' in text
    assert "    alt: Et rødt felt\n" in text and "    decorative: true\n" in text
    assert '      - [Aarhus, "1.10"]\n' in text and '      - [Odense, "NO"]\n' in text


def test_the_python_pptx_deck_says_what_it_moved_and_dropped(tmp_path) -> None:
    from kkrdeck.import_deck import import_deck

    result = import_deck(python_pptx_deck(tmp_path), tmp_path / "deck")
    notices = [p.message for p in result.problems if p.severity == "notice"]
    assert notices == [
        "the text of 4 text boxes and drawings outside the placeholders is kept as bullets of its slide, in reading "
        "order — check that it reads well",
        "3 explicit font sizes and 0 explicit text colours are left out: the brand (or template) sets sizes and "
        "colours, and kkrdeck fits the text",
        "1 picture had no alt text and are marked 'decorative: true' — describe each with 'alt:' unless it really "
        "is decoration (see the comments in deck.yaml)"]


def test_a_danish_user_hears_what_the_import_moved_and_dropped_in_danish(tmp_path, danish) -> None:
    from kkrdeck.import_deck import import_deck

    result = import_deck(python_pptx_deck(tmp_path), tmp_path / "deck")
    notices = [p.message for p in result.problems if p.severity == "notice"]
    assert notices == [
        "teksten i 4 tekstfelter og tegninger uden for pladsholderne er bevaret som punkter på deres dias, i "
        "læserækkefølge — tjek, at den læses godt",
        "3 faste skriftstørrelser og 0 faste tekstfarver er udeladt: designprofilen (eller skabelonen) bestemmer "
        "størrelser og farver, og kkrdeck får teksten til at passe",
        "1 billede havde ingen alternativ tekst og er markeret 'decorative: true' — beskriv det med 'alt:', medmindre "
        "det kun er pynt (se kommentarerne i deck.yaml)"]
    written = (tmp_path / "deck" / "deck.yaml").read_text(encoding="utf-8")
    assert "# Importeret fra " in written and "billedet har ingen alternativ tekst i originalen" in written

# Candy: every text box saved as a title placeholder; Vintage and Blueprint_Plans: a PNG without its end marker.
LIBREOFFICE_TEMPLATES = ["Beehive", "Focus", "Yellow_Idea", "Candy", "Vintage", "Blueprint_Plans"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", LIBREOFFICE_TEMPLATES)
def test_libreoffice_sample_slides_import_and_build(tmp_path, name) -> None:
    from tests.data.templates.make import libreoffice_template

    source = libreoffice_template(name, tmp_path / "src")
    _check(source, tmp_path / "deck", keep_template=True)

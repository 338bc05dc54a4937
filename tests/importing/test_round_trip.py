"""A deck kkrdeck built, imported and built again: the same slides, texts, levels, notes, pictures and tables."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from kkrdeck.build import build
from kkrdeck.import_deck import import_deck
from kkrdeck.outline.loader import load_file, to_plain
from tests.conftest import ROOT, write_deck
from tests.importing.measure import deck_pictures, deck_words
from tests.package_check import assert_valid_deck

EVERY_KIND = """\
title: Alle slags
date: 2017-08-17
slides:
  - kind: title
    title: Alle slags
    subtitle: Undertitel
  - kind: section
    title: Del 1
    subtitle: Om delen
  - kind: bullets
    title: Punkter
    lead: Indledning
    bullets:
      - Et **fedt** og *kursivt* ord med [et link](https://www.kl.dk)
      - text: Med underpunkter
        numbered:
          - Første
          - text: Andet
            arrows:
              - Pil
    notes: "Noter\\nanden linje"
  - kind: bullets
    title: Tekster
    bullets: ["NO", "on", "1.10", "2017-08-17", "a: b # c", "- ikke en liste", "en \\\\* stjerne", "null"]
  - kind: bullets
    title: "Tema: fortsat"
    bullets: [Et, To]
  - kind: bullets
    continues: true
    bullets: [Tre]
  - kind: process
    title: Proces
    steps:
      - date: 2017-08-17
        text: Møde
      - date: 2017-08-31
        until: 2017-09-01
        text: To dage
    conclusion: Slut
  - kind: statements
    title: Udsagn
    statements: [Det første, Det andet, Det tredje]
  - kind: two-column
    title: Før og nu
    left: {heading: Før, bullets: [A, B]}
    right: {heading: Nu, bullets: [C]}
  - kind: image
    title: Billede
    image: images/kort.png
    alt: Et kort
    caption: Kortet
  - kind: image
    title: Pynt
    image: images/kort.png
    decorative: true
  - kind: table
    title: Møder
    columns: [Dato, Møde]
    rows:
      - ["2017-08-17", Formænd]
      - ["2017-08-24", Bestyrelsen]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("every-kind")
    (folder / "images").mkdir()
    Image.new("RGB", (400, 300), (20, 90, 160)).save(folder / "images" / "kort.png")
    deck = write_deck(folder, EVERY_KIND)
    first = folder / "first.pptx"
    build(deck, first)
    imported = tmp_path_factory.mktemp("imported") / "deck"
    result = import_deck(first, imported)
    second = imported / "second.pptx"
    build(result.deck, second)
    return first, result.deck, second


def _slides(path: Path) -> list[list[tuple[int, str]]]:
    """Every slide's paragraphs (level, text) in every text frame and table, in order."""
    from pptx import Presentation

    out = []
    for slide in Presentation(path).slides:
        paragraphs = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                paragraphs += [(p.level, p.text) for p in shape.text_frame.paragraphs if p.text]
            if shape.has_table:
                paragraphs += [(0, c.text) for row in shape.table.rows for c in row.cells]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append(paragraphs + [(-1, notes)])
    return out


def test_every_slide_kind_comes_back_with_the_same_texts_levels_and_notes(built) -> None:
    first, _, second = built
    assert_valid_deck(second)
    assert _slides(second) == _slides(first)


def test_the_outline_reads_back_as_the_outline_that_was_built(built) -> None:
    _, deck, _ = built
    original = to_plain(load_file(_write_tmp(deck.parent, EVERY_KIND)))
    imported = to_plain(load_file(deck))
    kinds = [s["kind"] for s in imported["slides"]]
    assert kinds == [s["kind"] for s in original["slides"]]
    assert imported["slides"][2]["bullets"] == original["slides"][2]["bullets"]
    assert imported["slides"][5] == {"kind": "bullets", "continues": "true", "bullets": ["Tre"]}
    assert imported["slides"][6]["steps"] == original["slides"][6]["steps"]
    assert imported["slides"][11]["rows"] == original["slides"][11]["rows"]
    assert imported["slides"][8] == original["slides"][8]
    assert imported["slides"][3]["bullets"] == original["slides"][3]["bullets"]
    assert imported["slides"][10]["decorative"] == "true"


def test_pictures_come_back_byte_for_byte_and_are_shown_again(built) -> None:
    first, deck, second = built
    extracted = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (deck.parent / "images").iterdir()}
    assert set(deck_pictures(first)) <= extracted
    assert len(deck_pictures(second)) == len(deck_pictures(first))


def test_every_word_survives(built) -> None:
    first, _, second = built
    assert deck_words(second) == deck_words(first)


def test_the_outline_starts_with_the_schema_line_and_keeps_one_blank_line_between_slides(built) -> None:
    text = built[1].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=kkrdeck.schema.json\n")
    body = text.split("slides:\n", 1)[1]
    assert body.count("\n  - kind:") + body.startswith("  - kind:") == 12
    assert "\n\n\n" not in text
    assert '      - "NO"\n' in text and '      - "1.10"\n' in text and '      - "- ikke en liste"\n' in text


def _write_tmp(folder: Path, text: str) -> Path:
    path = folder / "original.yaml"
    path.write_text(text, encoding="utf-8")
    return path

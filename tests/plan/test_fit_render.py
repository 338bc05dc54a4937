"""Fitting against the real renderer: LibreOffice lays out every planned line where the plan said."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kkrdeck.build import build
from kkrdeck.export.libreoffice import pptx_to_pdf
from tests.conftest import write_deck
from tests.fitcorpus import varied_deck
from tests.package_check import assert_valid_deck
from tests.render_check import page_lines, paragraph_lines, text_of_pages, words_outside
from tests.plan.test_planner import SEED_BULLETS, bullets_deck

pytestmark = pytest.mark.libreoffice  # every test here renders with LibreOffice

AGREEMENT_GOAL = 0.98


def render(deck: Path, out: Path):
    result = build(deck, out)
    assert_valid_deck(result.output)
    pdf = pptx_to_pdf(result.output, out.with_suffix(".pdf"), expected_pages=len(result.plan.slides))
    return result, pdf


def line_agreement(result, pdf: Path) -> tuple[int, int, list[str]]:
    pages = page_lines(pdf)
    agree, total, misses = 0, 0, []
    for number, slide in enumerate(result.plan.slides):
        for role, block in [("title", slide.title), *slide.placeholders.items()]:
            for p in block.paragraphs:
                rendered = len(paragraph_lines(pages[number], p.text))
                total += 1
                if rendered == len(p.lines):
                    agree += 1
                else:
                    misses.append(f"slide {number + 1} {role}: planned {len(p.lines)}, rendered {rendered}: {p.text}")
    return agree, total, misses


@pytest.mark.parametrize("seed", [7, 3])
def test_planned_line_counts_match_libreoffice_and_no_word_leaves_its_box(tmp_path: Path, seed: int) -> None:
    deck = write_deck(tmp_path, varied_deck(seed, 14))
    result, pdf = render(deck, tmp_path / "varied.pptx")
    agree, total, misses = line_agreement(result, pdf)
    assert total > 100
    assert agree / total >= AGREEMENT_GOAL, misses
    assert words_outside(pdf, result.output) == []


def test_four_times_the_seeds_bullets_render_over_numbered_slides_inside_their_boxes(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, bullets_deck(SEED_BULLETS * 4))
    result, pdf = render(deck, tmp_path / "long.pptx")
    pages = text_of_pages(pdf)
    assert len(pages) == len(result.plan.slides) >= 2
    assert "(I)" in pages[0] and "(II)" in pages[1]
    assert words_outside(pdf, result.output) == []


def test_one_bullet_three_times_as_long_renders_inside_its_box(tmp_path: Path) -> None:
    deck = write_deck(tmp_path, bullets_deck(SEED_BULLETS[:4] + [" ".join([SEED_BULLETS[2]] * 3)]))
    result, pdf = render(deck, tmp_path / "longer.pptx")
    assert len(text_of_pages(pdf)) == 1
    assert words_outside(pdf, result.output) == []


def test_every_slide_kind_renders_inside_its_boxes(tmp_path: Path) -> None:
    Image.new("RGB", (1600, 900), (30, 90, 120)).save(tmp_path / "kort.png")
    body = """title: Alle slags
organisation: KKR Sjælland
date: 2024-03-05
slides:
  - kind: title
    title: Alle slags dias
    subtitle: En prøve på hver slags
  - kind: section
    title: Tema 1
    subtitle: KKR som politisk koordinations- og mødeforum
  - kind: two-column
    title: Før og nu
    left:
      heading: Før
      bullets: [Fem regioner, 'Ét KL med **fælles** udspil', Kommunalbestyrelsesmedlemmernes adgang]
    right:
      heading: Nu
      bullets: [Fælles udspil, text: Tværkommunalt samarbejde, ]
  - kind: image
    title: Kommunerne i region Sjælland
    image: kort.png
    alt: Kort over de 17 kommuner i region Sjælland
    caption: 'Kilde: KL'
  - kind: table
    title: Møder i efteråret
    columns: [Dato, Møde, Sted]
    rows:
      - [2017-08-17, Formænd og næstformænd, København]
      - [2017-08-24, KL’s bestyrelse, Weidekampsgade]
      - [2017-08-31, De fem KKR, 'Hovedstaden, Sjælland, Syddanmark, Midtjylland og Nordjylland']
  - kind: process
    title: Fire trin
    steps:
      - {date: 2024-01-10, text: Forberedelse af kommunalbestyrelsesmedlemmernes møde}
      - {date: 2024-02-01, until: 2024-02-03, text: Høring}
      - {date: 2024-03-01, text: Beslutning i KKR}
      - {date: 2024-04-15, text: Opfølgning og evaluering af samarbejdet med regionerne}
  - kind: statements
    title: Seks udsagn
    statements: [Godt politisk koordineringsforum, Troværdig samarbejdspartner, Komplekse processer,
                 Uklart samspil, Tillid til KKR's politikere, Formandskabet varetager relationen til KL]
"""
    body = body.replace("bullets: [Fælles udspil, text: Tværkommunalt samarbejde, ]",
                        "bullets: [Fælles udspil, Tværkommunalt samarbejde]")
    deck = write_deck(tmp_path, body)
    result, pdf = render(deck, tmp_path / "kinds.pptx")
    assert len(text_of_pages(pdf)) == 7
    assert words_outside(pdf, result.output) == []


def test_a_long_table_renders_over_numbered_slides_inside_its_cells(tmp_path: Path) -> None:
    from tests.plan.test_planner import table_deck

    result, pdf = render(write_deck(tmp_path, table_deck(30)), tmp_path / "table.pptx")
    pages = text_of_pages(pdf)
    assert len(pages) == len(result.plan.slides) >= 2
    assert all("Deltagere" in page for page in pages)
    assert words_outside(pdf, result.output) == []

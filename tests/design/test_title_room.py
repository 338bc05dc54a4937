"""A title box grows into the free space below it only where its text stays as legible as in the box itself."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.template import load_template
from tests.conftest import write_deck
from tests.data.templates import make
from tests.package_check import assert_valid_deck

LONG = "Tema 2: Relationen mellem KKR og kommunalbestyrelserne i regionerne"
DECK = ("title: T\nslides:\n  - kind: bullets\n    title: Baggrund\n    bullets:\n      - Et punkt\n"
        f"  - kind: bullets\n    title: \"{LONG}\"\n    bullets:\n      - Et punkt\n")


def _titles(path: Path) -> list[tuple[float, float]]:
    """(height of the box in inches, size in pt) of each slide's title."""
    found = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title
        found.append((round(title.height / 914400, 2), title.text_frame.paragraphs[0].runs[0].font.size.pt))
    return found


def test_a_title_in_a_colour_faint_on_the_whole_page_may_still_grow_into_the_space_below(tmp_path: Path) -> None:
    """Pencil sets its titles in orange on white (2.93:1): the space under the title is no worse than the box, so a
    long title takes two lines at the deck's title size instead of shrinking alone below the brand's minimum."""
    template = make.one_line_title(tmp_path, band=False)
    assert load_template(template).geometry.title_frame.room == 576072  # down to 0.12 in above the body
    out = tmp_path / "faint.pptx"
    result = build(write_deck(tmp_path, DECK), out, template=template)
    assert [n.message for n in result.notices if n.severity == "warning" and "title '" in n.message] == []
    assert_valid_deck(out)
    (_, short), (long_box, size) = _titles(out)
    assert size == short and long_box == 1.33  # grown by 0.63 in


def test_a_title_on_a_band_the_master_draws_does_not_grow_off_it(tmp_path: Path) -> None:
    """White on a dark band: a second line under the band would be white on white, so the box keeps its height and
    the long title shrinks alone, saying so."""
    template = make.one_line_title(tmp_path, band=True)
    assert load_template(template).geometry.title_frame.room == 0
    out = tmp_path / "band.pptx"
    result = build(write_deck(tmp_path, DECK), out, template=template)
    (_, short), (long_box, size) = _titles(out)
    assert size < short and long_box == 0.7
    assert [n.message for n in result.notices if n.severity == "warning" and "title '" in n.message] == [
        f"the title '{LONG}' is too long for the title box; it is set at {size:g} pt, below the brand's 28 pt — "
        "shorten it"]

"""A picture or filled shape the template's master draws inside the content area is kept clear of: kkrdeck's text,
cards, timeline and tables go in the largest free part of the area."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pptx import Presentation

from kkrdeck.build import build
from kkrdeck.design.geometry import Box
from kkrdeck.design.obstacles import CHROME_GAP, free_rectangle
from kkrdeck.design.template import load_template
from tests.conftest import ROOT
from tests.data.templates import make
from tests.design.test_corpus import stress_deck
from tests.package_check import assert_valid_deck

LOGO = Box(*make.LOGO_BOX)


@pytest.fixture(scope="module")
def logo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make.with_master_logo(tmp_path_factory.mktemp("logo"))


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_the_masters_logo_is_an_obstacle_and_the_body_is_the_free_part_left_of_it(logo_template: Path) -> None:
    geometry = load_template(logo_template).geometry
    assert geometry.obstacles == (LOGO,)
    # the largest free rectangle of the default's body (457200 … 8686800 wide) is the part left of the logo
    assert (geometry.body.x, geometry.body.y, geometry.body.bottom) == (457200, 1600200, 6126163)
    assert LOGO.x - 60000 <= geometry.body.right <= LOGO.x
    assert not _overlaps(geometry.body, LOGO)
    assert not _overlaps(geometry.left, LOGO) and not _overlaps(geometry.right, LOGO)


@pytest.mark.parametrize("deck", ["default", "stress"])
def test_no_shape_or_text_kkrdeck_writes_overlaps_the_masters_logo(logo_template: Path, deck: str,
                                                                   tmp_path: Path) -> None:
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("*.md"))
    source = tmp_path / "deck.yaml"
    if deck == "stress":
        source.write_text(yaml.safe_dump(stress_deck(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    else:
        shutil.copy(ROOT / "deck.yaml", source)
    out = tmp_path / "out.pptx"
    build(source, out, template=logo_template)
    assert_valid_deck(out)
    prs = Presentation(str(out))
    overlapping, shapes = [], 0
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (1, 3):  # the title stays in its place
                continue
            if shape.left is None:
                continue
            shapes += 1
            box = Box(shape.left, shape.top, shape.width, shape.height)
            if _overlaps(box, LOGO):
                overlapping.append((number, shape.name, box))
    assert shapes > 30
    assert overlapping == []


def test_the_free_rectangle_avoids_every_taken_pixel() -> None:
    mask = Image.new("L", (100, 50), 0)
    mask.paste(255, (60, 10, 80, 30))
    area = Box(0, 0, 1000, 500)
    assert free_rectangle(mask, area, (1000, 500)) == Box(0, 0, 600, 500)
    mask.paste(255, (0, 40, 100, 50))  # a band along the bottom too
    assert free_rectangle(mask, area, (1000, 500)) == Box(0, 0, 600, 400)


TITLE_LOGO = Box(6858000, 182880, 1828800, 914400)  # over the right end of python-pptx's title box


def test_a_title_narrows_beside_a_logo_in_its_band_and_no_title_overlaps_it(tmp_path: Path) -> None:
    template = make.with_master_logo(tmp_path, (TITLE_LOGO.x, TITLE_LOGO.y, TITLE_LOGO.w, TITLE_LOGO.h),
                                     "logo-title.pptx")
    title = load_template(template).geometry.title
    assert title.right <= TITLE_LOGO.x and title.w >= 0.5 * 8229600  # narrowed, not gone
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(ROOT / "deck.yaml", tmp_path / "deck.yaml")
    out = tmp_path / "out.pptx"
    result = build(tmp_path / "deck.yaml", out, template=template)
    assert_valid_deck(out)
    assert [n.message for n in result.notices if "title box" in n.message] == []  # every title fits the narrower box
    slides = enumerate(Presentation(str(out)).slides, 1)
    titles = [(number, Box(s.left, s.top, s.width, s.height)) for number, slide in slides
              for s in slide.shapes if s.is_placeholder and s.placeholder_format.type == 1]
    assert len(titles) >= 7
    assert [(n, box) for n, box in titles if _overlaps(box, TITLE_LOGO)] == []


def test_the_widest_run_keeps_the_full_height_and_the_room_below_stops_above_a_drawing() -> None:
    from kkrdeck.design.obstacles import clear_below, widest_run

    mask = Image.new("L", (100, 50), 0)
    mask.paste(255, (70, 0, 100, 8))  # a logo in the top right corner
    area = Box(0, 0, 1000, 100)  # the top 10 pixels
    assert widest_run(mask, area, (1000, 500)) == Box(0, 0, 700, 100)
    mask.paste(255, (0, 20, 30, 30))  # a drawing under the left of the band
    assert clear_below(mask, Box(0, 0, 700, 100), 200, (1000, 500)) == 90  # rows 10-19 free, row 20 taken
    assert clear_below(mask, Box(400, 0, 300, 100), 200, (1000, 500)) == 200  # nothing under this part


def test_the_body_keeps_out_of_a_footer_row_the_templates_content_area_reaches_into(tmp_path: Path) -> None:
    """Progress's and Vivid's body placeholders reach over their own footer and slide number: kkrdeck's text, cards
    and panels stop 0.1 in above them (the largest free part at least 2.5 in tall is what remains)."""
    template = load_template(make.footer_row_inside_body(tmp_path))
    footer, number = template.footer.box, template.number.box
    body = template.geometry.body
    assert body.bottom <= min(footer.y, number.y) - CHROME_GAP
    assert body.bottom >= min(footer.y, number.y) - CHROME_GAP - 914400 // 20  # and no higher than that
    out = tmp_path / "long.pptx"
    result = build(ROOT / "deck.yaml", out, template=make.footer_row_inside_body(tmp_path))
    assert_valid_deck(out)
    for slide in result.plan.slides:
        for block in [*slide.placeholders.values(), *(s.text for s in slide.shapes if getattr(s, "text", None))]:
            if block.box not in (footer, number) and slide.layout != "cover":
                assert block.box.bottom <= footer.y, (slide.title_text, block.box)


def test_the_largest_free_rectangle_can_be_asked_to_be_tall_enough() -> None:
    """A footer-row box at the right leaves a wide, short strip and a narrower, tall one: asked for 2.5 in, the tall
    one is the answer."""
    from PIL import ImageDraw

    size = (10 * 914400, 5 * 914400)
    mask = Image.new("L", (200, 100), 0)
    ImageDraw.Draw(mask).rectangle((120, 70, 199, 99), fill=255)  # 6–10 in across, 3.5–5 in down
    area = Box(0, 0, *size)
    assert free_rectangle(mask, area, size) == Box(0, 0, size[0], 7 * 914400 // 2)  # 35 square inches, not 30
    tall = free_rectangle(mask, area, size, least_height=4 * 914400)
    assert tall == Box(0, 0, 6 * 914400, size[1])

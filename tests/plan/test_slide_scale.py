"""The brand's type sizes follow a template's slide height, so text reads as large when the slide fills a screen."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from kkrdeck.design.geometry import inch
from kkrdeck.outline.model import Brand
from kkrdeck.plan.slide_scale import scaled_brand
from tests.conftest import ROOT, write_deck
from tests.data.templates import make
from tests.plan.test_plan_messages_da import build_in_both, messages

SIZES = {"title": 36, "title-min": 28, "body": [24, 22, 20, 20], "body-min": 18, "small": 12}
BRAND = Brand.model_validate({**yaml.safe_load((ROOT / "assets" / "brand.yaml").read_text(encoding="utf-8")),
                              "sizes": SIZES})


def test_on_a_slide_of_the_brands_height_the_sizes_are_as_written() -> None:
    for height in (inch(7.5), inch(7.6), inch(7.4)):  # the 16:9 and 4:3 brands, A4 paper; within 2 % of them
        scaled = scaled_brand(BRAND, height)
        assert scaled.factor == 1.0 and scaled.brand is BRAND


def test_on_a_shorter_slide_every_size_shrinks_with_it_to_the_half_point() -> None:
    """LibreOffice's Impress templates are 15.75 cm tall, the brand's slides 19.05 cm: 82.7 %."""
    scaled = scaled_brand(BRAND, 5669280)
    sizes = scaled.brand.sizes
    assert round(scaled.factor, 3) == 0.827
    assert (sizes.title, sizes.title_min, sizes.body, sizes.body_min, sizes.small) == (30, 23, [20, 18, 16.5, 16.5],
                                                                                         15, 10)
    assert BRAND.sizes.title == 36 and scaled.brand.colours == BRAND.colours  # the brand itself is left as it was


def test_on_a_taller_slide_the_sizes_grow() -> None:
    sizes = scaled_brand(BRAND, inch(9)).brand.sizes
    assert (sizes.title, sizes.title_min, sizes.body_min) == (43, 33.5, 21.5)


def test_a_deck_on_a_template_with_smaller_slides_is_set_smaller_and_says_so_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = make.scaled(tmp_path, 0.8)
    write_deck(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: Baggrund\n    bullets: [Et punkt]\n")
    english, danish = build_in_both(tmp_path, monkeypatch, "--template", str(template))
    assert english.exit_code == 0
    assert "'aspect: 16:9' is not used" in messages(english)[0]  # the template is 4:3
    assert messages(english)[1:] == [
        "assets/brand.yaml:20:3: notice: the slides of scaled-0.8.pptx are 15.2 cm tall, the brand's 19.1 cm: its "
        "text sizes are scaled to 80 % so they read as large when shown (titles 29 pt, at least 22.5 pt; body 21 pt, "
        "at least 14.5 pt)"]
    assert messages(danish)[1:] == [
        "assets/brand.yaml:20:3: bemærk: diasene i scaled-0.8.pptx er 15,2 cm høje, designprofilens er 19,1 cm: dens "
        "tekststørrelser er skaleret til 80 %, så teksten ser lige så stor ud, når den vises (titler 29 pt, mindst "
        "22,5 pt; brødtekst 21 pt, mindst 14,5 pt)"]
    body = next(s for s in Presentation(str(tmp_path / "out.pptx")).slides[0].placeholders
                if s.placeholder_format.idx == 1)
    assert body.text_frame.paragraphs[0].runs[0].font.size.pt == 21  # the brand's 26 pt at 80 %

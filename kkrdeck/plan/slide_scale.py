"""The brand's type sizes on a template's slide: scaled with its height, so text reads as large on the screen."""

from __future__ import annotations

from dataclasses import dataclass

from kkrdeck.design.geometry import inch
from kkrdeck.outline.model import Brand

BRAND_HEIGHT = inch(7.5)  # the built-in 16:9 and 4:3 slides the brand's sizes are chosen for
TOLERANCE = 0.02  # a template within 2 % of that height keeps the sizes as written
STEP = 0.5  # pt the scaled sizes are rounded to


@dataclass(frozen=True)
class Scaled:
    brand: Brand
    factor: float  # 1.0: the sizes are as the brand file writes them


def scaled_brand(brand: Brand, slide_height: int) -> Scaled:
    """The brand with its sizes scaled by the slide's height over the brand's: a projector or screen shows a slide at
    its height, so 28 pt on a 19 cm slide reads like 23 pt on a 16 cm one (LibreOffice's Impress templates)."""
    factor = slide_height / BRAND_HEIGHT
    if abs(factor - 1) <= TOLERANCE:
        return Scaled(brand, 1.0)
    s = brand.sizes
    sizes = s.model_copy(update={"title": _round(s.title * factor), "title_min": _round(s.title_min * factor),
                                 "body": [_round(b * factor) for b in s.body],
                                 "body_min": _round(s.body_min * factor), "small": _round(s.small * factor)})
    return Scaled(brand.model_copy(update={"sizes": sizes}), factor)


def _round(size: float) -> float:
    return round(size / STEP) * STEP

"""The brand's logo cleaned like every picture and placed in its boxes at its own shape, never stretched."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from PIL import Image

from kkrdeck.design.geometry import Box, Geometry
from kkrdeck.ooxml.images import prepare_image

_ASPECT_TOLERANCE = 0.01  # a logo within 1 % of its box's shape fills the box as drawn


def clean_logo(path: Path, geometry: Geometry) -> tuple[bytes, Geometry]:
    """The logo upright, without metadata, at 200 dpi of the largest box it is shown in, as PNG or JPEG; and the
    geometry with the logo's boxes shrunk to its shape (the cover's centred, the master's against the right edge)."""
    largest = max(geometry.logo, geometry.cover_logo, key=lambda b: b.w * b.h)
    data = prepare_image(path, largest.w, largest.h)
    with Image.open(io.BytesIO(data)) as image:
        size = image.size
    return data, replace(geometry, logo=fitted(geometry.logo, size, "right"),
                         cover_logo=fitted(geometry.cover_logo, size, "centre"))


def fitted(box: Box, pixels: tuple[int, int], align: str) -> Box:
    """The largest box of the picture's shape inside `box`, centred vertically and aligned as asked."""
    pw, ph = pixels
    if abs((pw / ph) / (box.w / box.h) - 1) <= _ASPECT_TOLERANCE:
        return box
    scale = min(box.w / pw, box.h / ph)
    w, h = round(pw * scale), round(ph * scale)
    x = box.x + (box.w - w) if align == "right" else box.x + (box.w - w) // 2
    return Box(x, box.y + (box.h - h) // 2, w, h)

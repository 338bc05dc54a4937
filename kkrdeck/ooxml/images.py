"""Pictures made lean before they go into the file: upright, displayed size at 200 dpi at most, no metadata."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageOps

from kkrdeck.design.geometry import EMU_PER_INCH
from kkrdeck.plan.data import Picture, Plan

MAX_DPI = 200
PHOTO_FORMATS = {"JPEG", "MPO"}  # MPO: a phone's JPEG with a second, preview picture after the first
_KEPT_MODES = {"1", "L", "LA", "RGB", "RGBA", "P"}  # modes a PNG holds as they are
_COLOUR_MODES = {"CMYK", "YCbCr", "LAB", "HSV", "RGBX"}  # no alpha: as RGB


def prepare_images(plan: Plan, sources: Mapping[str, Path]) -> dict[str, bytes]:
    """Every picture of the plan prepared once (image key → bytes), at the size of its first appearance."""
    images: dict[str, bytes] = {}
    for slide in plan.slides:
        for shape in slide.shapes:
            if isinstance(shape, Picture) and shape.image not in images:
                images[shape.image] = prepare_image(sources[shape.image], shape.box.w, shape.box.h)
    return images


def prepare_image(path: Path, width_emu: int, height_emu: int) -> bytes:
    """Turned upright (EXIF orientation), downscaled to the displayed size at MAX_DPI, EXIF/GPS and other metadata
    dropped, colours kept whatever the mode; JPEG for photos, PNG for everything else."""
    with Image.open(path) as original:
        photo = original.format in PHOTO_FORMATS
        image = displayable(ImageOps.exif_transpose(original))
        max_w = max(1, round(width_emu / EMU_PER_INCH * MAX_DPI))
        max_h = max(1, round(height_emu / EMU_PER_INCH * MAX_DPI))
        if image.width > max_w or image.height > max_h:
            if image.mode in ("1", "P"):  # these would be resampled by nearest neighbour: jagged
                image = image.convert("L" if image.mode == "1" else "RGBA")
            image = image.copy()
            image.thumbnail((max_w, max_h), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if photo:
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        else:
            image.save(out, "PNG", optimize=True)
        return out.getvalue()


def displayable(image: Image.Image) -> Image.Image:
    """The picture in a mode PNG and every viewer hold, with the colours it has: 16-bit and float greys scaled to
    8 bits (not clipped to white), palette transparency and CMYK turned into RGB(A)."""
    mode = image.mode
    if mode in _KEPT_MODES:
        return image.convert("RGBA") if mode == "P" and "transparency" in image.info else image
    if mode.startswith("I;16") or mode in ("I", "F"):
        return _grey_8bit(image)
    if mode in _COLOUR_MODES:
        return image.convert("RGB")
    return image.convert("RGBA")  # PA, La, RGBa and whatever Pillow adds: with their alpha


def _grey_8bit(image: Image.Image) -> Image.Image:
    """A 16-bit, 32-bit or float grey picture as 8-bit grey. 16-bit files use 0–65535; a float file 0–1 or the
    range it holds; anything else is stretched between its darkest and lightest pixel."""
    sixteen = image.mode.startswith("I;16")
    floats = image.convert("F")
    low, high = floats.getextrema()
    if sixteen or (image.mode == "I" and 0 <= low and 255 < high <= 65535):
        scale, offset = 1 / 257, 0.0
    elif 0 <= low and high <= 1 and image.mode == "F":
        scale, offset = 255.0, 0.0
    elif 0 <= low and high <= 255:
        scale, offset = 1.0, 0.0
    elif 0 <= low and high <= 65535:
        scale, offset = 1 / 257, 0.0
    else:
        scale = 255 / (high - low) if high > low else 0.0
        offset = -low * scale
    return floats.point(lambda v: v * scale + offset + 0.5).convert("L")

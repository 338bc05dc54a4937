"""Pictures made lean before they go into the file: displayed size at 200 dpi at most, no metadata."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageOps

from kkrdeck.design.geometry import EMU_PER_INCH
from kkrdeck.plan.data import Picture, Plan

MAX_DPI = 200


def prepare_images(plan: Plan, sources: Mapping[str, Path]) -> dict[str, bytes]:
    """Every picture of the plan prepared once (image key → bytes), at the size of its first appearance."""
    images: dict[str, bytes] = {}
    for slide in plan.slides:
        for shape in slide.shapes:
            if isinstance(shape, Picture) and shape.image not in images:
                images[shape.image] = prepare_image(sources[shape.image], shape.box.w, shape.box.h)
    return images


def prepare_image(path: Path, width_emu: int, height_emu: int) -> bytes:
    """Downscale to the displayed size at MAX_DPI, drop EXIF/GPS and other metadata; JPEG for photos, PNG else."""
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)
        photo = original.format == "JPEG"
        max_w = max(1, round(width_emu / EMU_PER_INCH * MAX_DPI))
        max_h = max(1, round(height_emu / EMU_PER_INCH * MAX_DPI))
        if image.width > max_w or image.height > max_h:
            image = image.copy()
            image.thumbnail((max_w, max_h), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if photo:
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        else:
            if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            image.save(out, "PNG", optimize=True)
        return out.getvalue()

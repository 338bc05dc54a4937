"""Contact sheet: all slide pictures of a deck on one numbered grid image (Pillow only)."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from kkrdeck.paths import replace_atomically
from kkrdeck.errors import ExportError, display_path
from kkrdeck.i18n import _

# Space around and between thumbnails, and the line drawn around each one, in pixels.
GAP = 24
BORDER = 1

BACKGROUND = (255, 255, 255)
BORDER_COLOUR = (170, 170, 170)
BADGE_COLOUR = (40, 40, 40)
BADGE_TEXT = (255, 255, 255)


def grid_columns(count: int) -> int:
    """Columns used when none are asked for: a roughly square grid (9 slides -> 3 x 3)."""
    return max(1, math.ceil(math.sqrt(count)))


def contact_sheet(
    pngs: list[Path],
    out: Path,
    *,
    columns: int | None = None,
    thumb_width: int = 480,
    label: bool = True,
) -> Path:
    """Write a grid of numbered thumbnails of `pngs` (in the given order) to `out`; returns `out`.

    Every cell is `thumb_width` wide plus a `BORDER` on each side and as tall as the tallest
    thumbnail; cells are `GAP` apart and `GAP` from the edge. The slide number (position in
    `pngs`, from 1) is drawn in a small badge when `label` is true.
    """
    out = Path(out)
    if not pngs:
        raise ExportError(_("There are no slide pictures to put on a contact sheet."))
    if thumb_width < 1:
        raise ExportError(_("The thumbnail width must be at least 1 pixel, not {width}.").format(width=thumb_width))
    if columns is not None and columns < 1:
        raise ExportError(_("A contact sheet needs at least 1 column, not {columns}.").format(columns=columns))
    image_format = Image.registered_extensions().get(out.suffix.lower())
    if image_format is None:
        raise ExportError(_("Cannot tell which picture format to write for {file} — use a name ending in .png or "
                            ".jpg.").format(file=display_path(out)))

    thumbs = [_thumbnail(Path(p), thumb_width) for p in pngs]
    cols = min(columns or grid_columns(len(thumbs)), len(thumbs))
    rows = math.ceil(len(thumbs) / cols)
    cell_w = thumb_width + 2 * BORDER
    cell_h = max(t.height for t in thumbs) + 2 * BORDER
    sheet = Image.new(
        "RGB",
        (cols * cell_w + (cols + 1) * GAP, rows * cell_h + (rows + 1) * GAP),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    font = _badge_font(thumb_width)

    for index, thumb in enumerate(thumbs):
        row, col = divmod(index, cols)
        left = GAP + col * (cell_w + GAP)
        top = GAP + row * (cell_h + GAP)
        draw.rectangle(
            (left, top, left + thumb.width + 2 * BORDER - 1, top + thumb.height + 2 * BORDER - 1),
            outline=BORDER_COLOUR,
            width=BORDER,
        )
        sheet.paste(thumb, (left + BORDER, top + BORDER))
        if label:
            _draw_badge(draw, font, str(index + 1), left + BORDER, top + BORDER, thumb_width)

    _save_atomically(sheet, out, image_format)
    return out


def _thumbnail(path: Path, width: int) -> Image.Image:
    """`path` scaled to `width`, keeping its aspect ratio, flattened onto white."""
    try:
        with Image.open(path) as img:
            img.load()
            rgba = img.convert("RGBA")
    except FileNotFoundError as err:
        raise ExportError(_("The slide picture {file} does not exist.").format(file=display_path(path))) from err
    except (UnidentifiedImageError, OSError) as err:
        raise ExportError(_("The slide picture {file} cannot be read as an image.").format(
            file=display_path(path))) from err
    height = max(1, round(rgba.height * width / rgba.width))
    scaled = rgba.resize((width, height), Image.Resampling.LANCZOS)
    # Transparent areas would otherwise turn black in an RGB sheet.
    flat = Image.new("RGB", scaled.size, BACKGROUND)
    flat.paste(scaled, mask=scaled.getchannel("A"))
    return flat


def _badge_font(thumb_width: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Scale the number with the thumbnail so it stays readable but small; Pillow's bundled
    # font needs no system fonts (CI images often have none).
    size = max(10, thumb_width // 24)
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ValueError, OSError):  # Pillow without FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def _draw_badge(
    draw: ImageDraw.ImageDraw,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    text: str,
    left: int,
    top: int,
    thumb_width: int,
) -> None:
    """The slide number, white on a dark rounded box in the thumbnail's top-left corner."""
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
    pad = max(3, thumb_width // 80)
    inset = max(4, thumb_width // 60)
    box = (left + inset, top + inset, left + inset + (x1 - x0) + 2 * pad, top + inset + (y1 - y0) + 2 * pad)
    draw.rounded_rectangle(box, radius=pad, fill=BADGE_COLOUR)
    # Offset by the bbox origin: fonts draw with some space above the glyphs.
    draw.text((box[0] + pad - x0, box[1] + pad - y0), text, font=font, fill=BADGE_TEXT)


def _save_atomically(sheet: Image.Image, out: Path, image_format: str) -> None:
    try:
        replace_atomically(out, lambda f: sheet.save(f, format=image_format))
    except OSError as err:
        raise ExportError(_("Could not write {file}: {reason}.").format(file=display_path(out),
                                                                      reason=err.strerror or err)) from err
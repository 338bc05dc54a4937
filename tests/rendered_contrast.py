"""The contrast of the text kkrdeck coloured itself, measured on LibreOffice's rendering of the deck."""

from __future__ import annotations

import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from PIL import Image, ImageFilter
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from kkrdeck.design.colours import palette
from kkrdeck.design.contrast import contrast_ratio

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DPI = 60
TEXT_LIKE = 2.0  # a pixel this close to the text's colour is ink (or its anti-aliased edge), not background
LOW = 0.05  # the percentile of the background pixels the contrast is read at


def kkrdeck_coloured(pptx: Path) -> list[tuple[int, str, str, tuple[int, int, int, int]]]:
    """(slide index, shape name, text colour as hex, box in EMU) of every drawn shape whose text kkrdeck set in a
    scheme colour (or black or white) of its own: timeline, cards, panels, text boxes."""
    prs = Presentation(str(pptx))
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    found = []
    for index, slide in enumerate(prs.slides):
        colours = None
        for shape in slide.shapes:
            if shape.is_placeholder or not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            fill = shape._element.find(f".//{A}rPr/{A}solidFill")
            if fill is None or not len(fill):
                continue
            if colours is None:
                colours = palette(prs, next(i for i, l in enumerate(layouts) if l.part is slide.slide_layout.part))
            found.append((index, shape.name, colours.names[fill[0].get("val")],
                          (int(shape.left), int(shape.top), int(shape.width), int(shape.height))))
    return found


@contextmanager
def rendered_pages(pdf: Path, dpi: int) -> Iterator[list[Path]]:
    """The PDF's pages as PNG files at `dpi`, in page order, for as long as the block runs."""
    with tempfile.TemporaryDirectory(prefix="kkrdeck-contrast-") as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{tmp}/page"], check=True, timeout=300)
        yield sorted(Path(tmp).glob("page*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def _around(word, scale: float) -> tuple[int, int, int, int]:
    """A rendered word's box in pixels with a margin of a few pixels, for _word_contrast's ring around its ink."""
    return (int(word.x0 * scale) - 4, int(word.y0 * scale) - 4, int(word.x1 * scale) + 5, int(word.y1 * scale) + 5)


def rendered_contrasts(pdf: Path, pptx: Path) -> list[tuple[float, int, str]]:
    """(contrast, slide index, shape name) of every kkrdeck-coloured text, measured on the page at 60 dpi: the
    text's colour against a low percentile of the pixels around its lines that are neither ink nor next to ink."""
    shapes = kkrdeck_coloured(pptx)
    width = int(Presentation(str(pptx)).slide_width)
    out = []
    with rendered_pages(pdf, DPI) as pages:
        for index, name, colour, (x, y, w, h) in shapes:
            page = Image.open(pages[index]).convert("RGB")
            scale = page.width / width
            crop = page.crop((int(x * scale), int(y * scale), int((x + w) * scale), int((y + h) * scale)))
            raw = crop.tobytes()
            pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
            ratio = {p: contrast_ratio("#" + p.hex(), colour) for p in set(pixels)}
            ink = Image.frombytes("L", crop.size, bytes(255 if ratio[p] < TEXT_LIKE else 0 for p in pixels))
            near = ink.filter(ImageFilter.MaxFilter(3))
            lines = near.getbbox()  # where the text is: the background behind it, not a card's accent bar
            if lines is None:  # no ink at all: the text cannot be told from what is behind it
                out.append((min(ratio.values()), index, name))
                continue
            left, top, right, bottom = lines
            around = [ratio[pixels[y * crop.width + x]] for y in range(max(0, top - 2), min(crop.height, bottom + 2))
                      for x in range(max(0, left - 2), min(crop.width, right + 2)) if not near.getpixel((x, y))]
            ratios = sorted(around) or [min(ratio.values())]
            out.append((ratios[int(len(ratios) * LOW)], index, name))
    return out


def chart_label_contrasts(pdf: Path, pptx: Path, dpi: int = 100) -> list[tuple[float, int, str]]:
    """(contrast, slide index, word) of every number LibreOffice wrote inside a chart's frame (data labels, the
    value axis), measured on the page: the word's ink (its pixel farthest from the colour most of its box shows)
    against a low percentile of the pixels around it that are neither ink nor next to ink: the bar or slice under
    a label inside it, the slide under one outside."""
    from tests.render_check import page_words

    prs = Presentation(str(pptx))
    frames = {i: next((s for s in slide.shapes if s.has_chart), None) for i, slide in enumerate(prs.slides)}
    words = page_words(pdf)
    out = []
    with rendered_pages(pdf, dpi) as pages:
        for index, frame in frames.items():
            if frame is None:
                continue
            page = Image.open(pages[index]).convert("RGB")
            scale = dpi / 72
            emu = 12700  # per pt
            x0, y0 = frame.left / emu, frame.top / emu
            x1, y1 = x0 + frame.width / emu, y0 + frame.height / emu
            for word in words[index]:
                if not any(ch.isdigit() for ch in word.text) or not (x0 <= word.x0 and word.x1 <= x1 and
                                                                      y0 <= word.y0 and word.y1 <= y1):
                    continue
                box = _around(word, scale)
                out.append((_word_contrast(page.crop(box)), index, word.text))
    return out


def chrome_contrasts(pdf: Path, pptx: Path, dpi: int = 100) -> list[tuple[float, int, str]]:
    """(contrast, slide index, word) of every word of the footer and slide number, in the boxes of the slide's
    footer and slide number placeholders, measured as a chart's numbers are."""
    from tests.render_check import page_words

    prs = Presentation(str(pptx))
    words = page_words(pdf)
    out = []
    with rendered_pages(pdf, dpi) as pages:
        for index, slide in enumerate(prs.slides):
            page = Image.open(pages[index]).convert("RGB")
            scale, emu = dpi / 72, 12700
            for shape in slide.placeholders:
                if shape.placeholder_format.type not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                    continue
                if shape.left is None or shape.width is None:
                    continue
                x0, y0 = shape.left / emu, shape.top / emu
                x1, y1 = x0 + shape.width / emu, y0 + shape.height / emu
                for word in words[index]:
                    cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
                    if x0 <= cx <= x1 and y0 <= cy <= y1:
                        box = _around(word, scale)
                        out.append((_word_contrast(page.crop(box)), index, word.text))
    return out


def table_contrasts(pdf: Path, pptx: Path, dpi: int = 100) -> list[tuple[float, int, str]]:
    """(contrast, slide index, word) of every word LibreOffice wrote inside a table's frame, measured as a chart's
    numbers are: the header on its fill, each row on its band."""
    from tests.render_check import page_words

    prs = Presentation(str(pptx))
    words = page_words(pdf)
    out = []
    with rendered_pages(pdf, dpi) as pages:
        for index, slide in enumerate(prs.slides):
            for frame in (s for s in slide.shapes if s.has_table):
                page = Image.open(pages[index]).convert("RGB")
                scale, emu = dpi / 72, 12700
                x0, y0 = frame.left / emu, frame.top / emu
                x1, y1 = x0 + frame.width / emu, y0 + frame.height / emu
                for word in words[index]:
                    # a header word's line box may reach a little above the frame
                    if x0 - 3 <= word.x0 and word.x1 <= x1 + 3 and y0 - 3 <= word.y0 and word.y1 <= y1 + 3:
                        # inside the frame only: the slide above the header is not behind its words
                        box = (max(int(x0 * scale) + 1, int(word.x0 * scale) - 4),
                               max(int(y0 * scale) + 1, int(word.y0 * scale) - 4),
                               min(int(x1 * scale) - 1, int(word.x1 * scale) + 5), int(word.y1 * scale) + 5)
                        out.append((_word_contrast(page.crop(box)), index, word.text))
    return out


def _word_contrast(crop: Image.Image) -> float:
    """The ink's contrast on the ring of pixels just outside its glyphs' extent: what is behind the word (the bar
    or slice under a label inside it), not the template's texture between its glyphs, nor a bar the word's line
    box reaches below its baseline."""
    raw = crop.tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    w, h = crop.size
    edge = [pixels[y * w + x] for y in range(h) for x in range(w) if x in (0, w - 1) or y in (0, h - 1)]
    # the middle of the box's edge by brightness stands for the background; the ink is what differs most from it
    behind = "#" + sorted(edge, key=sum)[len(edge) // 2].hex()
    ink = "#" + max(set(pixels), key=lambda p: contrast_ratio("#" + p.hex(), behind)).hex()
    ratio = {p: contrast_ratio("#" + p.hex(), ink) for p in set(pixels)}
    glyphs = Image.frombytes("L", crop.size, bytes(255 if ratio[p] < TEXT_LIKE else 0 for p in pixels)).getbbox()
    if glyphs is None:
        return 1.0
    left, top, right, bottom = glyphs
    # two to four pixels out: clear of the glyphs' anti-aliased edges
    outer = (max(0, left - 4), max(0, top - 4), min(w, right + 4), min(h, bottom + 4))
    ring = sorted(ratio[pixels[y * w + x]] for y in range(outer[1], outer[3]) for x in range(outer[0], outer[2])
                  if not (left - 2 <= x < right + 2 and top - 2 <= y < bottom + 2))
    ring = [r for r in ring if r >= TEXT_LIKE] or ring
    return ring[int(len(ring) * LOW)] if ring else 1.0


if __name__ == "__main__":  # python -m tests.rendered_contrast deck.pdf deck.pptx …
    import sys

    for pdf in sys.argv[1:]:
        found = rendered_contrasts(Path(pdf), Path(pdf).with_suffix(".pptx"))
        print(f"{Path(pdf).stem:36} {min(found)[0]:5.2f} {min(found)[2]}" if found else f"{Path(pdf).stem} -")

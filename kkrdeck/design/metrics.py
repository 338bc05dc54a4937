"""Font metrics from real font files (Pillow): advance widths and line heights, cached per face and word."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

_UNITS = 1000  # measure at 1000 px per em, then scale: one cache serves every size


@dataclass(frozen=True)
class FaceFiles:
    """The four faces of a family; missing faces fall back to the regular one (and are reported by the caller)."""

    regular: Path
    bold: Path | None = None
    italic: Path | None = None
    bold_italic: Path | None = None

    def path(self, bold: bool, italic: bool) -> Path:
        if bold and italic:
            return self.bold_italic or self.bold or self.italic or self.regular
        if bold:
            return self.bold or self.regular
        if italic:
            return self.italic or self.regular
        return self.regular


class Face:
    """One font file, measured in em units (1.0 = the font size)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._font = ImageFont.truetype(str(path), _UNITS)
        except OSError:
            self._font = ImageFont.truetype(str(path), _UNITS, layout_engine=ImageFont.Layout.BASIC)
        self._widths: dict[str, float] = {}
        self.line_height = _line_height(path)

    def width(self, text: str) -> float:
        """Advance width of `text` in em, kerning included where the layout engine supports it."""
        w = self._widths.get(text)
        if w is None:
            w = self._font.getlength(text) / _UNITS
            if len(self._widths) < 200_000:
                self._widths[text] = w
        return w


@lru_cache(maxsize=64)
def face(path: Path) -> Face:
    return Face(path)


def _line_height(path: Path) -> float:
    """Line height in em as LibreOffice and PowerPoint lay out single spacing: the larger of hhea and OS/2 win."""
    data = path.read_bytes()
    num_tables = struct.unpack(">H", data[4:6])[0]
    tables: dict[bytes, int] = {}
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        tables[tag] = offset
    units = struct.unpack(">H", data[tables[b"head"] + 18: tables[b"head"] + 20])[0]
    heights = []
    if b"hhea" in tables:
        asc, desc, gap = struct.unpack(">hhh", data[tables[b"hhea"] + 4: tables[b"hhea"] + 10])
        heights.append(asc - desc + gap)
    if b"OS/2" in tables:
        win_asc, win_desc = struct.unpack(">HH", data[tables[b"OS/2"] + 74: tables[b"OS/2"] + 78])
        heights.append(win_asc + win_desc)
    return max(heights) / units if heights else 1.2

"""Font metrics from real font files (Pillow): advance widths and line heights, cached per face and word."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from kkrdeck.i18n import _

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


class FontUnreadable(ValueError):
    """A file given as a font that kkrdeck cannot measure with: why, and what to do instead."""

    def __init__(self, reason: str, advice: str | None = None) -> None:
        advice = _("use a .ttf, .otf or .ttc file of the font") if advice is None else advice
        super().__init__(reason)
        self.reason, self.advice = reason, advice


_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def line_height(path: Path) -> float:
    """The font's own line box in em: the larger of hhea and OS/2 win (reading it checks the file; the planner
    pitches lines at 1.2 em, as PowerPoint and LibreOffice do, see plan.textfit.LINE_PITCH).

    Reads TrueType, OpenType and collections (.ttc/.otc: the first font, the one FreeType measures by default);
    anything else is a FontUnreadable saying what it is."""
    return _line_height(path)


def _line_height(path: Path) -> float:
    data = path.read_bytes()
    tables = _tables(data)
    if b"head" not in tables:
        raise FontUnreadable(_("is damaged: it has no 'head' table"))

    def read(tag: bytes, at: int, fmt: str) -> tuple[int, ...]:
        start, length = tables[tag]
        if at + struct.calcsize(fmt) > length:
            raise FontUnreadable(_("is damaged: its '{table}' table is too short").format(table=tag.decode("latin-1")))
        return struct.unpack_from(fmt, data, start + at)

    units = read(b"head", 18, ">H")[0]
    if not 16 <= units <= 16384:
        raise FontUnreadable(_("is damaged: it says {units} units per em").format(units=units))
    heights = []
    if b"hhea" in tables:
        asc, desc, gap = read(b"hhea", 4, ">hhh")
        heights.append(asc - desc + gap)
    if b"OS/2" in tables:
        win_asc, win_desc = read(b"OS/2", 74, ">HH")
        heights.append(win_asc + win_desc)
    height = max(heights) / units if heights else 1.2
    return height if 0.5 <= height <= 5 else 1.2


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    """The table directory of a font (of the first font of a collection): tag → (offset, length), checked."""
    try:
        base = 0
        if data[:4] == b"ttcf":
            if struct.unpack_from(">I", data, 8)[0] < 1:
                raise FontUnreadable(_("is an empty font collection"))
            base = struct.unpack_from(">I", data, 12)[0]
        version = data[base:base + 4]
        if version in (b"wOFF", b"wOF2"):
            raise FontUnreadable(_("is a web font (WOFF)"), _("use the font's .ttf or .otf file instead"))
        if version not in _SFNT_VERSIONS:
            raise FontUnreadable(_("is not a TrueType or OpenType font"))
        count = struct.unpack_from(">H", data, base + 4)[0]
        tables = {}
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
            if offset + length > len(data):
                raise FontUnreadable(_("is damaged or cut short: its tables run past the end of the file"))
            tables[tag] = (offset, length)
        return tables
    except struct.error:
        raise FontUnreadable(_("is damaged or cut short")) from None

"""A template's colours as a slide shows them: scheme names through the colour map, and the background behind text."""

from __future__ import annotations

import colorsys
import io
from bisect import bisect_left
from dataclasses import dataclass, field

from lxml import etree

from kkrdeck.design.contrast import MINIMUM, contrast_ratio, luminance
from kkrdeck.design.geometry import Box
from kkrdeck.design.shapetree import A, P, q
from kkrdeck.i18n import _

SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
          "folHlink")
MAPPED = ("bg1", "tx1", "bg2", "tx2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
          "folHlink")
# the names kkrdeck may write for drawn text, in the order tried when the wanted one is too faint
CANDIDATES = ("tx1", "bg1", "tx2", "bg2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
LAST_RESORT = {"black": "#000000", "white": "#FFFFFF"}  # when no scheme colour reaches 4.5:1 (prstClr in the XML)
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Palette:
    """One layout's colours: every scheme name (bg1, tx1, accent1 …) as RGB hex, its background's colour, and the
    slide as the master and layout paint it (background, pictures, filled shapes), small, to look behind a box."""

    names: dict[str, str]
    background: str
    how: str  # how the background colour was found, for messages: "solid fill", "the background picture" …
    pixels: bytes = b""  # the painted slide, RGB, row by row; empty: the background colour everywhere
    raster: tuple[int, int] = (1, 1)  # its width and height in pixels
    size: tuple[int, int] = (1, 1)  # the slide's width and height, EMU, to place a box on the raster
    # per (box, fill): the backdrop's colours sorted by luminance, with their pixel counts (see lowest)
    _sorted: dict = field(default_factory=dict, compare=False, repr=False)

    def backdrop(self, box: Box | None = None, fill: str | None = None) -> list[tuple[int, str]]:
        """(pixel count, colour) of what is behind a shape, most frequent first: its own fill, else the painted
        pixels its box covers, else the background."""
        if fill:
            return [(1, self.names.get(fill, self.background))]
        if not self.pixels or box is None:
            return [(1, self.background)]
        from PIL import Image

        image = Image.frombytes("RGB", self.raster, self.pixels)
        sx, sy = self.raster[0] / self.size[0], self.raster[1] / self.size[1]
        # the pixels whose centre is inside the box, at least one
        x0, y0 = min(max(0, round(box.x * sx)), self.raster[0] - 1), min(max(0, round(box.y * sy)), self.raster[1] - 1)
        x1 = min(max(x0 + 1, round(box.right * sx)), self.raster[0])
        y1 = min(max(y0 + 1, round(box.bottom * sy)), self.raster[1])
        crop = image.crop((x0, y0, x1, y1))
        found = crop.getcolors(crop.width * crop.height) or []
        return sorted(((n, "#%02X%02X%02X" % rgb) for n, rgb in found), key=lambda c: (-c[0], c[1]))

    def behind(self, box: Box | None = None, fill: str | None = None) -> tuple[str, ...]:
        """The colours behind a shape, most frequent first."""
        return tuple(c for _, c in self.backdrop(box, fill))

    def lowest(self, colour: str, box: Box | None = None, fill: str | None = None,
               share: float | None = None) -> tuple[float, str]:
        """The contrast `colour` (hex) keeps on all but the worst few per cent (`share`, else WORST_SHARE) of what
        is behind the shape (a speck of a picture does not decide), and the colour it is measured against."""
        # the backdrop's colours nearest the text's luminance have the lowest contrast: walk outwards from it on
        # both sides, always taking the lower ratio, until more than the allowed share of pixels is seen (a photo
        # behind a box brings thousands of colours; this reads only the worst few of them)
        key = (box, fill)
        found = self._sorted.get(key)
        if found is None:
            found = self._sorted[key] = sorted((luminance(back), n, back) for n, back in self.backdrop(box, fill))
        text = luminance(colour)
        allowed, seen = sum(n for _, n, _ in found) * (WORST_SHARE if share is None else share), 0
        below = bisect_left(found, (text,)) - 1
        above = below + 1
        while True:
            darker = (text + 0.05) / (found[below][0] + 0.05) if below >= 0 else float("inf")
            lighter = (found[above][0] + 0.05) / (text + 0.05) if above < len(found) else float("inf")
            if darker <= lighter:
                ratio, (_, n, back), below = darker, found[below], below - 1
            else:
                ratio, (_, n, back), above = lighter, found[above], above + 1
            seen += n
            if seen > allowed or (below < 0 and above >= len(found)):
                return ratio, back

    def ratio(self, name: str, fill: str | None = None, box: Box | None = None) -> float:
        """The contrast of scheme colour `name` against what is behind the shape."""
        return self.lowest(self.names[name], box, fill)[0]

    def legible(self, wanted: str, fill: str | None = None, box: Box | None = None) -> str:
        """`wanted`, or the first candidate scheme name that reaches 4.5:1 on what is behind the shape, else black
        or white; the best one there is when none does."""
        tried = [n for n in dict.fromkeys((wanted, *CANDIDATES, *LAST_RESORT)) if n in self.names]
        for name in tried:
            if self.ratio(name, fill, box) >= MINIMUM:
                return name
        return max(tried, key=lambda n: self.ratio(n, fill, box))

    def legible_on(self, behind: str, wanted: str | None = None) -> str:
        """`wanted`, or the first candidate scheme name (then black or white) that reaches 4.5:1 on the colour
        `behind` (hex: a chart's bar, a table style's tinted band); the best one there is when none does."""
        tried = [n for n in dict.fromkeys((*((wanted,) if wanted else ()), *CANDIDATES, *LAST_RESORT))
                 if n in self.names]
        for name in tried:
            if contrast_ratio(self.names[name], behind) >= MINIMUM:
                return name
        return max(tried, key=lambda n: contrast_ratio(self.names[n], behind))


WORST_SHARE = 0.05  # the share of a box's backdrop pixels a text's contrast is allowed to miss on


def palette(prs, layout_index: int) -> Palette:
    """The palette of the layout at `layout_index` (among all masters' layouts, in order)."""
    from PIL import Image

    from kkrdeck.design.backdrop import drawings, paint, raster_size

    layouts = [(m, l) for m in prs.slide_masters for l in m.slide_layouts]
    master, layout = layouts[layout_index]
    master_root, layout_root = master.part._element, layout.part._element
    theme = _theme(master)
    mapping = {name: name for name in MAPPED}
    clr_map = master_root.find(q(P, "clrMap"))
    if clr_map is not None:
        mapping.update({k: v for k, v in clr_map.attrib.items() if k in MAPPED})
    override = layout_root.find(f"{q(P, 'clrMapOvr')}/{q(A, 'overrideClrMapping')}")
    if override is not None:
        mapping.update({k: v for k, v in override.attrib.items() if k in MAPPED})
    names = {name: theme.get(mapping[name], "#000000") for name in MAPPED}
    names.update({s: theme[s] for s in SCHEME if s in theme})
    names.update(LAST_RESORT)
    size = (int(prs.slide_width), int(prs.slide_height))
    raster = raster_size(size)
    found = (names["bg1"], _("bg1, no background set"), None)
    for part, root in ((layout.part, layout_root), (master.part, master_root)):
        bg = root.find(f"{q(P, 'cSld')}/{q(P, 'bg')}")
        if bg is not None:
            found = _background(bg, names, part, raster) or found
            break
    colour, how, picture = found
    base = picture if picture is not None else Image.new("RGB", raster, colour)
    painted = paint(master, layout, lambda e: _colour(e, names), size, base)
    if drawings(master, layout):
        how += _(", with the master's and layout's drawings")
    return Palette(names, colour, how, painted.tobytes(), raster, size)


def text_style_colours(prs, layout_index: int, style: str, names: dict[str, str]) -> tuple[str, ...]:
    """The colours the master's title or body style (`titleStyle`, `bodyStyle`) sets its first level in: one for a
    solid fill, every stop of a gradient fill, tx1 when it sets none."""
    masters = [m for m in prs.slide_masters for _ in m.slide_layouts]
    props = masters[layout_index].part._element.find(f"{q(P, 'txStyles')}/{q(P, style)}/{q(A, 'lvl1pPr')}/"
                                                     f"{q(A, 'defRPr')}")
    fill = props.find(q(A, "solidFill")) if props is not None else None
    if fill is not None and len(fill):
        colour = _colour(fill[0], names)
        return (colour,) if colour else (names["tx1"],)
    grad = props.find(q(A, "gradFill")) if props is not None else None
    if grad is not None:
        stops = tuple(c for c in (_colour(gs[0], names) for gs in grad.iter(q(A, "gs")) if len(gs)) if c)
        if stops:
            return stops
    return (names["tx1"],)


def tint(hex_colour: str, amount: float) -> str:
    """a:tint as PowerPoint and LibreOffice apply it: towards white in linear RGB, `amount` of the colour kept
    (measured: accent1 #4F81BD at 40 % renders #D0D8E7 in LibreOffice's table style)."""
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        linear = c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        linear = 1 - (1 - linear) * amount
        c = linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
        out.append(f"{round(min(1.0, max(0.0, c)) * 255):02X}")
    return "#" + "".join(out)


def lighter(hex_colour: str, lum_mod: float, lum_off: float) -> str:
    """a:lumMod and a:lumOff applied to a colour's lightness (what a chart's seventh series and on are drawn in)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, l, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, l * lum_mod + lum_off)), s)
    return "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def brand_palette(names: dict[str, str]) -> Palette:
    """The built-in brand's colours as a palette (its theme's twelve slots, the usual colour map), the background
    lt1 everywhere: its master draws nothing behind a chart or a table."""
    mapped = {"bg1": names["lt1"], "tx1": names["dk1"], "bg2": names["lt2"], "tx2": names["dk2"],
              **{k: v for k, v in names.items()}, **LAST_RESORT}
    return Palette(mapped, names["lt1"], _("solid fill"))


# --- reading -----------------------------------------------------------------------------------------------

def _theme(master) -> dict[str, str]:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in master.part.rels.values():
        if rel.reltype == RT.THEME:
            root = etree.fromstring(rel.target_part.blob)
            scheme = root.find(f".//{q(A, 'clrScheme')}")
            if scheme is None:
                break
            found = {}
            for child in scheme:
                name = etree.QName(child).localname
                if name in SCHEME and len(child):
                    found[name] = _colour(child[0], {}) or "#000000"
            return found
    return {"dk1": "#000000", "lt1": "#FFFFFF"}


def _background(bg, names: dict[str, str], part, raster: tuple[int, int]):
    """(its colour, how it was found, a painted picture of it or None when it is one colour), or None."""
    from PIL import Image

    from kkrdeck.design.backdrop import gradient_of

    ref = bg.find(q(P, "bgRef"))
    if ref is not None and len(ref):
        # the theme's background style filled with this colour; its tints and shades are not followed
        colour = _colour(ref[0], names)
        return (colour, _("the colour of the background style"), None) if colour else None
    pr = bg.find(q(P, "bgPr"))
    if pr is None:
        return None
    solid = pr.find(q(A, "solidFill"))
    if solid is not None and len(solid):
        colour = _colour(solid[0], names)
        return (colour, _("solid fill"), None) if colour else None
    grad = pr.find(q(A, "gradFill"))
    if grad is not None:
        painted = gradient_of(grad, lambda e: _colour(e, names), raster)
        if painted is None:
            return None
        shown = Image.alpha_composite(Image.new("RGBA", raster, names["bg1"]), painted).convert("RGB")
        return _mean(shown), _("the gradient"), shown
    blip = pr.find(f"{q(A, 'blipFill')}/{q(A, 'blip')}")
    if blip is not None:
        shown = _picture_backdrop(blip, part, raster, names)
        return (_mean(shown), _("the background picture, sampled"), shown) if shown is not None else None
    return None


def _mean(image) -> str:
    from PIL import Image

    return "#%02X%02X%02X" % image.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def _picture_backdrop(blip, part, raster: tuple[int, int], names: dict[str, str]):
    """The background picture stretched over the slide, transparency over bg1 (16-bit greys scaled, not clipped);
    None if it cannot be read."""
    from PIL import Image

    from kkrdeck.ooxml.images import displayable

    target = part.related_part(blip.get(f"{{{_R}}}embed")) if blip.get(f"{{{_R}}}embed") else None
    if target is None:
        return None
    try:
        with Image.open(io.BytesIO(target.blob)) as image:
            shown = displayable(image).convert("RGBA").resize(raster, Image.Resampling.BOX)
    except Exception:  # a vector (EMF/SVG) or damaged picture: no colour rather than a guess
        return None
    return Image.alpha_composite(Image.new("RGBA", raster, names.get("bg1", "#FFFFFF")), shown).convert("RGB")


def _colour(element, names: dict[str, str]) -> str | None:
    """An a:srgbClr / a:sysClr / a:schemeClr / a:prstClr as hex, with its lumMod/lumOff/tint/shade applied."""
    tag = etree.QName(element).localname
    if tag == "srgbClr":
        value = "#" + (element.get("val") or "000000").upper()
    elif tag == "sysClr":
        value = "#" + (element.get("lastClr") or ("FFFFFF" if element.get("val") == "window" else "000000")).upper()
    elif tag == "schemeClr":
        value = names.get(element.get("val") or "")
        if value is None:
            return None
    elif tag == "prstClr":
        value = {"black": "#000000", "white": "#FFFFFF"}.get(element.get("val") or "")
        if value is None:
            return None
    else:
        return None
    return _modified(value, element)


def _modified(value: str, element) -> str:
    """lumMod and lumOff on the lightness; tint and shade in linear RGB, as PowerPoint and LibreOffice apply them
    (tx1 #000000 at tint 75 % renders #898989, not the #404040 a lightness blend gives)."""
    for mod in element:
        name, amount = etree.QName(mod).localname, int(mod.get("val") or 0) / 100000
        if name == "tint":  # towards white
            value = tint(value, amount)
        elif name == "shade":  # towards black
            value = _shade(value, amount)
        elif name in ("lumMod", "lumOff"):
            r, g, b = (int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))
            h, l, s = colorsys.rgb_to_hls(r, g, b)
            l = min(1.0, max(0.0, l * amount if name == "lumMod" else l + amount))
            r, g, b = colorsys.hls_to_rgb(h, l, s)
            value = "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))
    return value


def _shade(hex_colour: str, amount: float) -> str:
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        linear = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4) * amount
        c = linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
        out.append(f"{round(min(1.0, max(0.0, c)) * 255):02X}")
    return "#" + "".join(out)

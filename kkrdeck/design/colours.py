"""A template's colours as a slide shows them: scheme names through the colour map, and the background behind text."""

from __future__ import annotations

import colorsys
import io
from dataclasses import dataclass

from lxml import etree

from kkrdeck.design.contrast import MINIMUM, contrast_ratio
from kkrdeck.design.geometry import Box
from kkrdeck.design.shapetree import A, P, q
from kkrdeck.i18n import _

SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
          "folHlink")
MAPPED = ("bg1", "tx1", "bg2", "tx2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
          "folHlink")
# the names kkrdeck may write for drawn text, in the order tried when the wanted one is too faint
CANDIDATES = ("tx1", "bg1", "tx2", "bg2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Palette:
    """One layout's colours: every scheme name (bg1, tx1, accent1 …) as RGB hex, and its background's colour."""

    names: dict[str, str]
    background: str
    how: str  # how the background colour was found, for messages: "solid fill", "average of the picture" …
    # a background picture or gradient sampled on a grid over the slide (rows of hex colours), None when plain
    grid: tuple[tuple[str, ...], ...] | None = None
    size: tuple[int, int] = (1, 1)  # the slide's width and height, EMU, to place a box on the grid

    def behind(self, box: Box | None = None, fill: str | None = None) -> tuple[str, ...]:
        """The colours behind a shape: its own fill, else the grid cells its box covers, else the background."""
        if fill:
            return (self.names.get(fill, self.background),)
        if self.grid is None or box is None:
            return (self.background,)
        rows, cols = len(self.grid), len(self.grid[0])
        x0, x1 = (min(cols - 1, max(0, v * cols // self.size[0])) for v in (box.x, box.right - 1))
        y0, y1 = (min(rows - 1, max(0, v * rows // self.size[1])) for v in (box.y, box.bottom - 1))
        return tuple(dict.fromkeys(self.grid[y][x] for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)))

    def ratio(self, name: str, fill: str | None = None, box: Box | None = None) -> float:
        """The lowest contrast of scheme colour `name` against what is behind the shape."""
        return min(contrast_ratio(self.names[name], back) for back in self.behind(box, fill))

    def legible(self, wanted: str, fill: str | None = None, box: Box | None = None) -> str:
        """`wanted`, or the first candidate scheme name that reaches 4.5:1 on everything behind the shape; the best
        one there is when none does."""
        tried = [n for n in dict.fromkeys((wanted, *CANDIDATES)) if n in self.names]
        for name in tried:
            if self.ratio(name, fill, box) >= MINIMUM:
                return name
        return max(tried, key=lambda n: self.ratio(n, fill, box))


def palette(prs, layout_index: int) -> Palette:
    """The palette of the layout at `layout_index` (among all masters' layouts, in order)."""
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
    size = (int(prs.slide_width), int(prs.slide_height))
    found: tuple[str, str, tuple[tuple[str, ...], ...] | None] = (names["bg1"], _("bg1, no background set"), None)
    for part, root in ((layout.part, layout_root), (master.part, master_root)):
        bg = root.find(f"{q(P, 'cSld')}/{q(P, 'bg')}")
        if bg is not None:
            found = _background(bg, names, part) or found
            break
    colour, how, grid = found
    roots = [master_root, layout_root] if layout_root.get("showMasterSp") != "0" else [layout_root]
    bands = [band for root in roots for band in _filled_shapes(root, names)]
    if bands and (grid is None or len(grid) == GRID[1]):  # a gradient's stops stay a list of their own
        cells = [list(row) for row in grid] if grid else [[colour] * GRID[0] for _ in range(GRID[1])]
        for box, fill in bands:  # a cell takes the colour of the last shape over its centre, as drawn
            for y in range(GRID[1]):
                for x in range(GRID[0]):
                    cx, cy = (2 * x + 1) * size[0] // (2 * GRID[0]), (2 * y + 1) * size[1] // (2 * GRID[1])
                    if box.x <= cx < box.right and box.y <= cy < box.bottom:
                        cells[y][x] = fill
        grid = tuple(tuple(row) for row in cells)
        how += _(", with the master's and layout's filled shapes")
    return Palette(names, colour, how, grid, size)


def _filled_shapes(root, names: dict[str, str]) -> list[tuple[Box, str]]:
    """The boxes and solid fills of the shapes (not placeholders) a master or layout draws, in drawing order."""
    from kkrdeck.design.shapetree import xfrm_box

    found = []
    tree = root.find(f"{q(P, 'cSld')}/{q(P, 'spTree')}")
    for shape in tree.findall(q(P, "sp")) if tree is not None else ():
        if shape.find(f".//{q(P, 'ph')}") is not None:
            continue
        fill = shape.find(f"{q(P, 'spPr')}/{q(A, 'solidFill')}")
        box = xfrm_box(shape)
        colour = _colour(fill[0], names) if fill is not None and len(fill) else None
        if colour and box is not None and box.w > 0 and box.h > 0:
            found.append((box, colour))
    return found


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


def _background(bg, names: dict[str, str], part) -> tuple[str, str, tuple[tuple[str, ...], ...] | None] | None:
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
        stops = [_colour(gs[0], names) for gs in grad.iter(q(A, "gs")) if len(gs)]
        stops = [s for s in stops if s]
        # every stop is somewhere behind the text: checked against each (as a one-row grid of them)
        return (_average(stops), _("the gradient's stops"), (tuple(stops),)) if stops else None
    blip = pr.find(f"{q(A, 'blipFill')}/{q(A, 'blip')}")
    if blip is not None:
        target = part.related_part(blip.get(f"{{{_R}}}embed")) if blip.get(f"{{{_R}}}embed") else None
        grid = _picture_grid(target.blob, names) if target is not None else None
        return (_average([c for row in grid for c in row]), _("the background picture, sampled"), grid) if grid else None
    return None


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
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, l, s = colorsys.rgb_to_hls(r, g, b)
    for mod in element:
        name, amount = etree.QName(mod).localname, int(mod.get("val") or 0) / 100000
        if name == "lumMod":
            l *= amount
        elif name == "lumOff":
            l += amount
        elif name == "tint":  # towards white
            l = l * amount + (1 - amount)
        elif name == "shade":  # towards black
            l *= amount
    l = min(1.0, max(0.0, l))
    r, g, b = colorsys.hls_to_rgb(h, l, s)
    return "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def _average(colours: list[str]) -> str:
    channels = [sum(int(c[i:i + 2], 16) for c in colours) / len(colours) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c):02X}" for c in channels)


GRID = (32, 18)  # columns, rows the background is sampled on (a picture is stretched over the slide)


def _picture_grid(data: bytes, names: dict[str, str]) -> tuple[tuple[str, ...], ...] | None:
    """The picture's mean colour per grid cell (16-bit greys scaled, not clipped; transparency over bg1), None
    if it cannot be read."""
    from PIL import Image

    from kkrdeck.ooxml.images import displayable

    try:
        with Image.open(io.BytesIO(data)) as image:
            shown = displayable(image)
            if shown.mode in ("RGBA", "LA", "PA") or "transparency" in shown.info:
                base = Image.new("RGBA", shown.size, names.get("bg1", "#FFFFFF"))
                shown = Image.alpha_composite(base, shown.convert("RGBA"))
            small = shown.convert("RGB").resize(GRID, Image.Resampling.BOX)
    except Exception:  # a vector (EMF/SVG) or damaged picture: no colour rather than a guess
        return None
    return tuple(tuple("#%02X%02X%02X" % small.getpixel((x, y)) for x in range(GRID[0])) for y in range(GRID[1]))

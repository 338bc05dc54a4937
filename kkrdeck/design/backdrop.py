"""What a slide shows behind its content, painted small: the background, then the master's and layout's drawings."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Callable, Iterator

from lxml import etree
from PIL import Image, ImageDraw

from kkrdeck.design.geometry import Box
from kkrdeck.design.shapetree import A, P, R, q

WIDTH = 192  # pixels across the painted slide: about 1.7 mm a pixel on a 13.33 in slide
Colour = Callable[[etree._Element], "str | None"]  # an a:srgbClr/a:schemeClr … as hex, None if unknown


@dataclass(frozen=True)
class Drawing:
    """One picture or filled shape a master or layout draws (not a placeholder), with its box on the slide."""

    kind: str  # "picture" or "shape"
    box: Box
    name: str
    root: str  # "master" or "layout"


def paint(master, layout, colour: Colour, size: tuple[int, int], background: Image.Image) -> Image.Image:
    """`background` (already painted at the raster's size) with every drawing of the master (when the layout shows
    it) and of the layout painted over it, in drawing order."""
    canvas = background.convert("RGB")
    scale = canvas.width / size[0]
    for part, root, _ in _roots(master, layout):
        for element, box in _walk(root):
            _paint_one(canvas, element, box, scale, colour, part)
    return canvas


def drawings(master, layout) -> list[Drawing]:
    """The pictures and filled shapes the master (when shown) and the layout draw, in drawing order."""
    found = []
    for _part, root, who in _roots(master, layout):
        for element, box in _walk(root):
            tag = etree.QName(element).localname
            if tag == "pic":
                found.append(Drawing("picture", box, _name(element), who))
            elif tag == "sp" and _fill(element) is not None:
                found.append(Drawing("shape", box, _name(element), who))
    return found


def raster_size(size: tuple[int, int]) -> tuple[int, int]:
    return WIDTH, max(1, round(WIDTH * size[1] / size[0]))


def gradient(stops: list[tuple[float, str, float]], angle: float, path: str | None, w: int, h: int,
             focus: tuple[float, float, float, float] = (0.5, 0.5, 0.5, 0.5)) -> Image.Image:
    """An RGBA picture of a gradient (stops: position 0–1, hex, alpha 0–1), linear at `angle` degrees or, for a
    path gradient, outwards from its focus (fillToRect: insets from the left, top, right and bottom edges, as
    shares) to the shape's edges: Lights' glow has its focus at 85 % down, not in the middle."""
    stops = sorted(stops)
    left, top, right, bottom = focus[0], focus[1], 1 - focus[2], 1 - focus[3]
    if right < left:
        left = right = (left + right) / 2
    if bottom < top:
        top = bottom = (top + bottom) / 2

    def outward(at: float, low: float, high: float) -> float:
        """How far out of the focus, as a share of the way to the farther edge: the path spreads as far on both
        sides (measured against LibreOffice's rendering of Lights, whose glow brightens the bottom edge too)."""
        return max(0.0, low - at, at - high) / (max(low, 1 - high) or 1.0)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    corners = [cx * cos + cy * sin for cx in (0, 1) for cy in (0, 1)]
    low, span = min(corners), (max(corners) - min(corners)) or 1.0
    out = []
    for y in range(h):
        v = (y + 0.5) / h
        for x in range(w):
            u = (x + 0.5) / w
            if path == "circle":  # a circle around the focus, out to half the shape's diagonal
                du, dv = max(0.0, left - u, u - right) * w, max(0.0, top - v, v - bottom) * h
                t = min(1.0, math.hypot(du, dv) / (math.hypot(w, h) / 2))
            elif path:  # 0 in the focus, 1 at the edge
                t = min(1.0, max(outward(u, left, right), outward(v, top, bottom)))
            else:
                t = (u * cos + v * sin - low) / span
            out.append(_at(stops, t))
    image = Image.new("RGBA", (w, h))
    image.putdata(out)
    return image


# --- the shape tree -------------------------------------------------------------------------------------------

def _roots(master, layout) -> Iterator[tuple[object, etree._Element, str]]:
    layout_root = layout.part._element
    if layout_root.get("showMasterSp") != "0":
        yield master.part, master.part._element, "master"
    yield layout.part, layout_root, "layout"


def _walk(root) -> Iterator[tuple[etree._Element, Box]]:
    """(element, box on the slide) of every picture and shape that is not a placeholder, groups opened."""
    tree = root.find(f"{q(P, 'cSld')}/{q(P, 'spTree')}")
    if tree is not None:
        yield from _children(tree, lambda b: b)


def _children(group, place: Callable[[Box], Box]) -> Iterator[tuple[etree._Element, Box]]:
    for child in group:
        tag = etree.QName(child).localname
        if tag == "grpSp":
            xfrm = child.find(f"{q(P, 'grpSpPr')}/{q(A, 'xfrm')}")
            inner = _group_mapping(xfrm, place)
            if inner is not None:
                yield from _children(child, inner)
        elif tag in ("sp", "pic") and child.find(f".//{q(P, 'nvPr')}/{q(P, 'ph')}") is None:
            box = _own_box(child)
            if box is not None and box.w > 0 and box.h > 0:
                yield child, place(box)


def _own_box(shape) -> Box | None:
    xfrm = shape.find(f"{q(P, 'spPr')}/{q(A, 'xfrm')}")
    return _box(xfrm, "off", "ext") if xfrm is not None else None


def _box(xfrm, off_tag: str, ext_tag: str) -> Box | None:
    off, ext = xfrm.find(q(A, off_tag)), xfrm.find(q(A, ext_tag))
    if off is None or ext is None:
        return None
    return Box(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))


def _group_mapping(xfrm, outer: Callable[[Box], Box]) -> Callable[[Box], Box] | None:
    """How a group's child coordinates land on the slide (its chOff/chExt stretched onto its off/ext)."""
    if xfrm is None:
        return None
    box, child = _box(xfrm, "off", "ext"), _box(xfrm, "chOff", "chExt")
    if box is None or child is None or child.w <= 0 or child.h <= 0:
        return None
    sx, sy = box.w / child.w, box.h / child.h

    def place(b: Box) -> Box:
        return outer(Box(round(box.x + (b.x - child.x) * sx), round(box.y + (b.y - child.y) * sy), round(b.w * sx),
                         round(b.h * sy)))
    return place


def _name(element) -> str:
    c_nv = element.find(f".//{q(P, 'cNvPr')}")
    return (c_nv.get("name") or "") if c_nv is not None else ""


def _fill(shape):
    """The element that fills a shape (solid, gradient, pattern, picture), or None when it has no fill."""
    sp_pr = shape.find(q(P, "spPr"))
    for child in sp_pr if sp_pr is not None else ():
        name = etree.QName(child).localname
        if name == "noFill":
            return None
        if name in ("solidFill", "gradFill", "pattFill", "blipFill"):
            return child
    ref = shape.find(f"{q(P, 'style')}/{q(A, 'fillRef')}")  # no own fill: the theme style's, in its colour
    if ref is not None and ref.get("idx") not in (None, "0") and len(ref):
        return ref
    return None


# --- painting -------------------------------------------------------------------------------------------------

def _paint_one(canvas: Image.Image, element, box: Box, scale: float, colour: Colour, part) -> None:
    layer = _layer(element, box, scale, colour, part, canvas.size)
    if layer is not None:
        picture, alpha, at = layer
        canvas.paste(picture.convert("RGB"), at, alpha)


def _layer(element, box: Box, scale: float, colour: Colour, part, limit: tuple[int, int], outline_only: bool = False):
    """(the drawing's RGBA picture, its coverage mask, where it goes) at the raster's scale, rotated and flipped as
    drawn; None when it paints nothing there. `outline_only`: the area of a shape drawn only with a line too."""
    x0, y0 = math.floor(box.x * scale), math.floor(box.y * scale)
    x1, y1 = math.ceil(box.right * scale), math.ceil(box.bottom * scale)
    w, h = x1 - x0, y1 - y0
    if w <= 0 or h <= 0:
        return None
    tag = etree.QName(element).localname
    if tag == "pic":
        picture = _picture(element.find(f"{q(P, 'blipFill')}/{q(A, 'blip')}"), part, (w, h))
        mask = picture.getchannel("A") if picture is not None else None
    else:
        fill = _fill(element)
        picture = _filling(fill, colour, part, (w, h)) if fill is not None else None
        if picture is None and outline_only and _lined(element):
            picture = Image.new("RGBA", (w, h), (0, 0, 0, 255))
        outline = _outline(element, (w, h)) if picture is not None else None
        mask = Image.composite(picture.getchannel("A"), Image.new("L", (w, h), 0), outline) \
            if picture is not None and outline is not None else None
    if picture is None or mask is None:
        return None
    xfrm = element.find(f"{q(P, 'spPr')}/{q(A, 'xfrm')}")
    if xfrm is not None and xfrm.get("flipH") == "1":
        picture, mask = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT), mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if xfrm is not None and xfrm.get("flipV") == "1":
        picture, mask = picture.transpose(Image.Transpose.FLIP_TOP_BOTTOM), mask.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    rotation = int(xfrm.get("rot", 0)) / 60000 if xfrm is not None else 0.0
    if rotation:  # clockwise on the slide, about the box's centre
        picture = picture.rotate(-rotation, expand=True)
        mask = mask.rotate(-rotation, expand=True)
        x0, y0 = x0 + (w - mask.width) // 2, y0 + (h - mask.height) // 2
    if x0 >= limit[0] or y0 >= limit[1] or x0 + mask.width <= 0 or y0 + mask.height <= 0:
        return None
    return picture, mask, (x0, y0)


def _lined(shape) -> bool:
    ln = shape.find(f"{q(P, 'spPr')}/{q(A, 'ln')}")
    if ln is not None:
        return ln.find(q(A, "noFill")) is None and ln.find(q(A, "solidFill")) is not None
    ref = shape.find(f"{q(P, 'style')}/{q(A, 'lnRef')}")
    return ref is not None and ref.get("idx") not in (None, "0")


def obstacles(master, layout, colour: Colour, size: tuple[int, int], area: Box, background: str,
              smallest: int) -> tuple[Image.Image, list[Drawing]]:
    """A mask (255: taken) of the raster's pixels the master's and layout's pictures and shapes cover inside
    `area`, and those drawings. Left out: a drawing that covers the whole area or most of the slide (a backdrop),
    one smaller than `smallest` EMU each way (a speck), one that hardly differs from the background (a tint)."""
    from kkrdeck.design.contrast import contrast_ratio

    raster = raster_size(size)
    scale = raster[0] / size[0]
    mask = Image.new("L", raster, 0)
    found = []
    for part, root, who in _roots(master, layout):
        for element, box in _walk(root):
            if not in_the_way(box, area, size, smallest):
                continue
            layer = _layer(element, box, scale, colour, part, raster, outline_only=True)
            if layer is None:
                continue
            picture, alpha, at = layer
            seen = picture.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
            if etree.QName(element).localname == "sp" and _fill(element) is not None and \
                    contrast_ratio("#%02X%02X%02X" % seen, background) < FAINT:
                continue
            taken = alpha.point(lambda a: 255 if a > 96 else 0)
            inside = taken.crop((round(area.x * scale) - at[0], round(area.y * scale) - at[1],
                                 round(area.right * scale) - at[0], round(area.bottom * scale) - at[1]))
            if inside.getbbox() is None:  # transparent where it crosses the area
                continue
            mask.paste(255, (*at, at[0] + alpha.width, at[1] + alpha.height), taken)
            found.append(Drawing("picture" if etree.QName(element).localname == "pic" else "shape", box,
                                 _name(element), who))
    return mask, found


FAINT = 1.25  # a filled shape this close to the background is a tint behind text, not something to keep out of


def in_the_way(box: Box, area: Box, size: tuple[int, int], smallest: int) -> bool:
    """Whether a drawing with this box is something text in `area` keeps out of: it crosses the area, and is not
    a backdrop (covering the area whole, or most of the slide) nor a speck smaller than `smallest` each way."""
    if area.overlap(box) == 0 or box.holds(area) or box.w * box.h >= BACKDROP * size[0] * size[1]:
        return False
    return box.w >= smallest or box.h >= smallest


BACKDROP = 0.6  # a drawing this share of the slide or more is a backdrop, whatever it paints


def _filling(fill, colour: Colour, part, size: tuple[int, int]) -> Image.Image | None:
    """An RGBA picture of a fill at `size` pixels."""
    name = etree.QName(fill).localname
    if name in ("solidFill", "fillRef"):
        hex_colour = colour(fill[0]) if len(fill) else None
        return Image.new("RGBA", size, _rgba(hex_colour, _alpha(fill[0]))) if hex_colour else None
    if name == "pattFill":  # both colours of a pattern are behind text on it: a checkerboard of them
        fg, bg = fill.find(q(A, "fgClr")), fill.find(q(A, "bgClr"))
        shades = [colour(c[0]) for c in (fg, bg) if c is not None and len(c)]
        shades = [s for s in shades if s]
        if not shades:
            return None
        image = Image.new("RGBA", size, _rgba(shades[-1], 1.0))
        if len(shades) == 2:
            even, odd = ((pair * (size[0] // 2 + 1))[:size[0]] for pair in (b"\xff\x00", b"\x00\xff"))
            checks = Image.frombytes("L", size, b"".join(odd if y % 2 else even for y in range(size[1])))
            image.paste(_rgba(shades[0], 1.0), (0, 0, *size), checks)
        return image
    if name == "gradFill":
        return gradient_of(fill, colour, size)
    if name == "blipFill":
        return _picture(fill.find(q(A, "blip")), part, size)
    return None


def gradient_of(fill, colour: Colour, size: tuple[int, int]) -> Image.Image | None:
    stops = []
    for gs in fill.iter(q(A, "gs")):
        hex_colour = colour(gs[0]) if len(gs) else None
        if hex_colour:
            stops.append((int(gs.get("pos", 0)) / 100000, hex_colour, _alpha(gs[0])))
    if not stops:
        return None
    lin, path = fill.find(q(A, "lin")), fill.find(q(A, "path"))
    angle = int(lin.get("ang", 0)) / 60000 if lin is not None else 90.0
    rect = path.find(q(A, "fillToRect")) if path is not None else None
    focus = tuple(int(rect.get(k, 0)) / 100000 for k in "ltrb") if rect is not None else (0.5, 0.5, 0.5, 0.5)
    return gradient(stops, angle, path.get("path", "circle") if path is not None else None, *size,
                    focus=focus)  # type: ignore[arg-type]


def _picture(blip, part, size: tuple[int, int]) -> Image.Image | None:
    """A picture stretched to `size` as RGBA, or None when it cannot be read (a vector picture, a broken link)."""
    from kkrdeck.ooxml.images import displayable

    rid = blip.get(f"{{{R}}}embed") if blip is not None else None
    if not rid:
        return None
    try:
        data = part.related_part(rid).blob
        with Image.open(io.BytesIO(data)) as image:
            shown = displayable(image).convert("RGBA")
            picture = shown.resize(size, Image.Resampling.BOX)
    except Exception:  # a vector (EMF/SVG) or damaged picture: left out rather than guessed
        return None
    amount = blip.find(q(A, "alphaModFix"))
    if amount is not None:
        factor = int(amount.get("amt", 100000)) / 100000
        picture.putalpha(picture.getchannel("A").point(lambda a: round(a * factor)))
    return picture


def _outline(shape, size: tuple[int, int]) -> Image.Image | None:
    """A mask of the shape's outline at `size`: its custom path, an ellipse, else its box."""
    w, h = size
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    geom = shape.find(f"{q(P, 'spPr')}/{q(A, 'prstGeom')}")
    cust = shape.find(f"{q(P, 'spPr')}/{q(A, 'custGeom')}")
    if cust is not None:
        polygons = _paths(cust)
        if polygons is None:
            draw.rectangle((0, 0, w - 1, h - 1), fill=255)
        for points in polygons or ():
            if len(points) >= 3:
                draw.polygon([(u * (w - 1), v * (h - 1)) for u, v in points], fill=255)
        return mask
    preset = geom.get("prst") if geom is not None else "rect"
    if preset in ("line", "straightConnector1"):
        return None
    if preset in ("ellipse", "flowChartConnector"):
        draw.ellipse((0, 0, w - 1, h - 1), fill=255)
    else:  # a rectangle or any other preset: its box, which covers it
        draw.rectangle((0, 0, w - 1, h - 1), fill=255)
    return mask


def _paths(cust) -> list[list[tuple[float, float]]] | None:
    """Each filled path of a custom geometry as points from 0 to 1 of its box; None when a point is not a number."""
    polygons = []
    for path in cust.iter(q(A, "path")):
        if path.get("fill") == "none":
            continue
        pw, ph = int(path.get("w", 0)) or 1, int(path.get("h", 0)) or 1
        points: list[tuple[float, float]] = []
        try:
            for command in path:
                name = etree.QName(command).localname
                pts = [(int(pt.get("x")) / pw, int(pt.get("y")) / ph) for pt in command.iter(q(A, "pt"))]
                if name == "moveTo" and points:
                    polygons.append(points)
                    points = []
                if name == "arcTo" and points:
                    points += _arc(points[-1], int(command.get("wR")) / pw, int(command.get("hR")) / ph,
                                   int(command.get("stAng")) / 60000, int(command.get("swAng")) / 60000)
                points += pts
        except (TypeError, ValueError):  # a guide's name where a number was expected
            return None
        if points:
            polygons.append(points)
    return polygons


def _arc(start: tuple[float, float], rx: float, ry: float, begin: float, sweep: float) -> list[tuple[float, float]]:
    a = math.radians(begin)
    cx, cy = start[0] - rx * math.cos(a), start[1] - ry * math.sin(a)
    steps = max(2, int(abs(sweep) / 15))
    return [(cx + rx * math.cos(math.radians(begin + sweep * k / steps)),
             cy + ry * math.sin(math.radians(begin + sweep * k / steps))) for k in range(1, steps + 1)]


def _alpha(element) -> float:
    found = element.find(q(A, "alpha")) if element is not None else None
    return int(found.get("val", 100000)) / 100000 if found is not None else 1.0


def _rgba(hex_colour: str, alpha: float) -> tuple[int, int, int, int]:
    return (*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)), round(alpha * 255))


def _at(stops: list[tuple[float, str, float]], t: float) -> tuple[int, int, int, int]:
    if t <= stops[0][0]:
        return _rgba(stops[0][1], stops[0][2])
    for (p0, c0, a0), (p1, c1, a1) in zip(stops, stops[1:]):
        if t <= p1:
            f = (t - p0) / (p1 - p0) if p1 > p0 else 1.0
            low, high = _rgba(c0, a0), _rgba(c1, a1)
            return tuple(round(lo + (hi - lo) * f) for lo, hi in zip(low, high))  # type: ignore[return-value]
    return _rgba(stops[-1][1], stops[-1][2])

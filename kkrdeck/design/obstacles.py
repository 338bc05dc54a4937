"""The template's own drawings inside a content area (a logo, a band, a corner graphic), and the free part left."""

from __future__ import annotations

from dataclasses import replace

from kkrdeck.design.geometry import Box, Geometry, inch

SMALLEST = inch(0.4)  # a drawing smaller than this each way is a speck text may pass over
LEAST_LEFT = 0.4  # a free part smaller than this share of the area is no place for text: the area is kept
LEAST_HEIGHT = inch(2.5)  # nor one lower than this: a timeline with a lead and a conclusion needs it
LEAST_SHARE = 0.6  # … unless the area is short itself: then this share of its height will do


def _on_raster(mask, area: Box, size: tuple[int, int]) -> tuple[tuple[float, float], tuple[int, int, int, int]]:
    """The raster's pixels per EMU each way, and `area`'s pixel columns and rows on it (left, top, right, bottom;
    right and bottom exclusive), clipped to the raster."""
    sx, sy = mask.width / size[0], mask.height / size[1]
    return (sx, sy), (max(0, round(area.x * sx)), max(0, round(area.y * sy)), min(mask.width, round(area.right * sx)),
                      min(mask.height, round(area.bottom * sy)))


def free_rectangle(mask, area: Box, size: tuple[int, int], least_height: int = 0) -> Box:
    """The largest rectangle of `area` with no taken pixel of `mask` (255: taken; the painted slide's raster), of
    those at least `least_height` EMU tall."""
    (sx, sy), (x0, y0, x1, y1) = _on_raster(mask, area, size)
    if x1 <= x0 or y1 <= y0:
        return area
    tall = least_height * sy - 1  # pixels; every rectangle of that height lies in a maximal one the walk rates
    pixels = mask.load()
    heights = [0] * (x1 - x0)
    best = (0, 0, 0, 0, 0)  # area in pixels, left, top, right, bottom (exclusive)
    for y in range(y0, y1):
        for i, x in enumerate(range(x0, x1)):
            heights[i] = heights[i] + 1 if pixels[x, y] == 0 else 0
        stack: list[int] = []  # the largest rectangle under the histogram of free runs ending on this row
        for i in range(len(heights) + 1):
            h = heights[i] if i < len(heights) else 0
            while stack and heights[stack[-1]] >= h:
                top = heights[stack.pop()]
                left = stack[-1] + 1 if stack else 0
                if top * (i - left) > best[0] and top >= tall:
                    best = (top * (i - left), x0 + left, y + 1 - top, x0 + i, y + 1)
            stack.append(i)
    if best[0] == 0:
        return area
    _, left, top, right, bottom = best
    # back to EMU, never past the area; an edge on the area's own edge stays exactly there
    bx = area.x if left == x0 else max(area.x, round(left / sx))
    by = area.y if top == y0 else max(area.y, round(top / sy))
    br = area.right if right == x1 else min(area.right, round(right / sx))
    bb = area.bottom if bottom == y1 else min(area.bottom, round(bottom / sy))
    return Box(bx, by, br - bx, bb - by)


def keep_clear(geometry: Geometry, masks: dict[str, object], size: tuple[int, int]) -> Geometry:
    """The geometry with the body, and the two columns together, shrunk to the largest part that no drawing of the
    master or layout covers (`masks`: per area, the taken pixels); an area barely left is kept whole."""
    changed: dict[str, Box] = {}
    body = masks.get("body")
    if body is not None:
        free = _shrunk(body, geometry.body, size)
        if free is not None:
            changed["body"] = free
    columns = masks.get("columns")
    if columns is not None:
        both = _columns(geometry)
        free = _shrunk(columns, both, size)
        if free is not None:  # the columns keep their gap and share the free part equally
            gap = geometry.right.x - geometry.left.right
            column = (free.w - gap) // 2
            changed["left"] = Box(free.x, free.y, column, free.h)
            changed["right"] = Box(free.right - column, free.y, column, free.h)
    title = masks.get("title")
    if title is not None:  # a title keeps its height and its band: it only narrows, beside the drawing
        box, room = geometry.title, geometry.title_frame.room
        # two ways to keep clear, the one leaving the title more room wins: narrowed so that a second line has
        # its room clear too, or narrowed at its own height with its room cut short above the drawing
        beside = widest_run(title, Box(box.x, box.y, box.w, box.h + room), size)
        tall = (Box(beside.x, box.y, beside.w, box.h), room)
        own = widest_run(title, box, size)
        short = (own, clear_below(title, own, room, size))
        narrowed, room = max((c for c in (tall, short) if c[0].w >= LEAST_TITLE * box.w),
                             key=lambda c: c[0].w * (c[0].h + c[1]), default=(box, room))
        if narrowed != box:
            changed["title"] = narrowed
        if room != geometry.title_frame.room:
            changed["title_frame"] = replace(geometry.title_frame, room=room)
    return replace(geometry, **changed) if changed else geometry


def clear_below(mask, box: Box, room: int, size: tuple[int, int]) -> int:
    """How far (EMU, at most `room`) below `box` the mask stays free across the box's width."""
    (sx, sy), (x0, top, x1, bottom) = _on_raster(mask, Box(box.x, box.bottom, box.w, room), size)
    pixels = mask.load()
    for y in range(top, bottom):
        if any(pixels[x, y] for x in range(x0, x1)):
            return max(0, min(room, round((y - 1) / sy) - box.bottom))
    return room


LEAST_TITLE = 0.5  # a title narrowed to less than this share of its box is no better off: the box is kept


def widest_run(mask, area: Box, size: tuple[int, int]) -> Box:
    """The widest part of `area`, at its full height, in which no pixel of `mask` is taken."""
    (sx, sy), (x0, y0, x1, y1) = _on_raster(mask, area, size)
    if x1 <= x0 or y1 <= y0:
        return area
    pixels = mask.load()
    free = [all(pixels[x, y] == 0 for y in range(y0, y1)) for x in range(x0, x1)]
    best, start = (0, 0, 0), None
    for i, ok in enumerate(free + [False]):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            best = max(best, (i - start, start, i))
            start = None
    if best[0] == len(free):
        return area
    if best[0] == 0:
        return Box(area.x, area.y, 0, area.h)
    _, left, right = best
    bx = area.x if left == 0 else max(area.x, round((x0 + left) / sx))
    br = area.right if right == len(free) else min(area.right, round((x0 + right) / sx))
    return Box(bx, area.y, br - bx, area.h)


def _columns(geometry: Geometry) -> Box:
    top, bottom = min(geometry.left.y, geometry.right.y), max(geometry.left.bottom, geometry.right.bottom)
    return Box(geometry.left.x, top, geometry.right.right - geometry.left.x, bottom - top)


def _shrunk(mask, area: Box, size: tuple[int, int]) -> Box | None:
    least = min(area.h, LEAST_HEIGHT, round(LEAST_SHARE * area.h))
    free = free_rectangle(mask, area, size, least)
    enough = free.w * free.h >= LEAST_LEFT * area.w * area.h and free.h >= least
    return free if free != area and enough else None


def drawn_obstacles(prs, choices: dict, palettes: dict, geometry: Geometry) -> tuple[dict[str, object], tuple[Box, ...]]:
    """Per content area (the body; the two columns together) the mask of the drawings inside it on the layouts that use it (bullets,
    drawn slides; two-column), and the boxes of those drawings."""
    from PIL import ImageChops

    from kkrdeck.design.backdrop import obstacles
    from kkrdeck.design.colours import _colour

    layouts = [(m, l) for m in prs.slide_masters for l in m.slide_layouts]
    size = (int(prs.slide_width), int(prs.slide_height))
    users = {"body": ("content", "title-only"), "columns": ("two",), "title": ("content", "title-only")}
    masks: dict[str, object] = {}
    boxes: dict[Box, None] = {}
    for area_name, keys in users.items():
        area = {"body": geometry.body, "title": geometry.title}.get(area_name) or _columns(geometry)
        for key in dict.fromkeys(keys):
            choice = choices.get(key)
            if choice is None or choice.layout is None or key not in palettes:
                continue
            master, layout = layouts[choice.layout.index]
            colours = palettes[key]
            mask, found = obstacles(master, layout, lambda e, n=colours.names: _colour(e, n), size, area,
                                    colours.background, SMALLEST)
            if not found:
                continue
            masks[area_name] = ImageChops.lighter(masks[area_name], mask) if area_name in masks else mask
            boxes.update(dict.fromkeys(d.box for d in found))
        if area_name != "title":
            _reserve_chrome(masks, area_name, area, [choices[k].layout for k in keys if k in choices and
                                                     choices[k].layout is not None], size)
    return masks, tuple(boxes)


CHROME = ("ftr", "sldNum")  # what kkrdeck writes into the footer row of a content slide
CHROME_GAP = inch(0.1)


def _reserve_chrome(masks: dict[str, object], name: str, area: Box, layouts: list, size: tuple[int, int]) -> None:
    """The footer and slide-number boxes of the layouts as taken pixels of the area's mask, where a template's
    content area reaches into its footer row (Progress, Vivid): body text, panels and cards keep out of them."""
    from PIL import Image, ImageDraw

    from kkrdeck.design.backdrop import raster_size

    boxes = [p.box for layout in layouts for p in layout.placeholders
             if p.type in CHROME and p.box is not None and p.box.y > area.y and area.overlap(p.box)]
    if not boxes:
        return
    raster = raster_size(size)
    scale = raster[0] / size[0]
    mask = masks.get(name) or Image.new("L", raster, 0)
    draw = ImageDraw.Draw(mask)
    for box in boxes:
        draw.rectangle((round((box.x - CHROME_GAP) * scale), round((box.y - CHROME_GAP) * scale),
                        round((box.right + CHROME_GAP) * scale), round((box.bottom + CHROME_GAP) * scale)), fill=255)
    masks[name] = mask

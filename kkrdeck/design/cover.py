"""The title slide's room on a template: its date and footer placeholders, its drawings, the free space below."""

from __future__ import annotations

from kkrdeck.design.fonts import footer_size
from kkrdeck.design.geometry import Box, CoverRoom, inch
from kkrdeck.design.layouts import Layout, Placeholder, placeholder_roles, planning_box
from kkrdeck.design.shapetree import A, P, body_props, master_placeholder, ph_elements, q, xfrm_box

_FILLS = ("solidFill", "gradFill", "blipFill", "pattFill")
GAP = inch(0.1)  # between the subtitle and the text under it, and above whatever ends the free space


def cover_room(prs, layout: Layout, width: int, height: int) -> CoverRoom:
    """Where organisation and date can go on the cover besides the subtitle, read from the cover layout."""
    roles = placeholder_roles("cover", layout)
    subtitle, title = planning_box(roles["subtitle"]), planning_box(roles["title"])
    # whatever the layout places there is in the way: its other placeholders and its drawings
    others = [p.box for p in layout.placeholders if p.box is not None and p is not roles["subtitle"]]
    blockers = [title, *others, *drawings(prs, layout, width, height, subtitle)]
    below = _free_below(subtitle, blockers, _floor(subtitle, prs, layout, width, height))
    date, footer, second = (roles.get(r) for r in ("date", "footer", "second"))
    return CoverRoom(date=planning_box(date) if date else None, footer=planning_box(footer) if footer else None,
                     second=planning_box(second) if second else None,
                     chrome_size=footer_size(prs, layout) if date or footer else 12.0,
                     chrome_anchor=_anchor(prs, layout, footer or date) if date or footer else "t",
                     below=below, align=_subtitle_align(prs, layout, roles["subtitle"]))


def drawings(prs, layout: Layout, width: int, height: int, subtitle: Box) -> list[Box]:
    """Pictures, filled shapes, groups and text the layout (and the master, when shown) draws: what kkrdeck's text
    must not cover. A drawing behind the subtitle is its background, not an obstacle; so is a full-slide one."""
    found = []
    for root in _drawn_roots(prs, layout):
        tree = root.find(f"{q(P, 'cSld')}/{q(P, 'spTree')}")
        for shape in tree if tree is not None else ():
            box = _drawing_box(shape)
            if box is None or box.w <= 0 or box.h <= 0 or box.w * box.h >= 0.5 * width * height:
                continue
            if box.overlap(subtitle) > 0:
                continue
            found.append(box)
    return found


def backgrounds(prs, layout: Layout, subtitle: Box) -> list[Box]:
    """Drawings that hold the whole subtitle box: text under the subtitle stays on them."""
    found = []
    for root in _drawn_roots(prs, layout):
        tree = root.find(f"{q(P, 'cSld')}/{q(P, 'spTree')}")
        for shape in tree if tree is not None else ():
            box = _drawing_box(shape)
            if box is not None and box.holds(subtitle):
                found.append(box)
    return found


def _drawn_roots(prs, layout: Layout) -> list:
    master = prs.slide_masters[layout.master]
    root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    shown = root.get("showMasterSp", "1") not in ("0", "false")
    return [root, master.part._element] if shown else [root]


def _drawing_box(shape) -> Box | None:
    tag = shape.tag.rsplit("}", 1)[-1]
    if tag == "pic":
        return xfrm_box(shape)
    if tag == "grpSp":
        xfrm = shape.find(f"{q(P, 'grpSpPr')}/{q(A, 'xfrm')}")
        off, ext = (xfrm.find(q(A, t)) if xfrm is not None else None for t in ("off", "ext"))
        if off is None or ext is None:
            return None
        return Box(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))
    if tag != "sp" or shape.find(f".//{q(P, 'ph')}") is not None:
        return None
    sp_pr = shape.find(q(P, "spPr"))
    filled = sp_pr is not None and any(sp_pr.find(q(A, f)) is not None for f in _FILLS)
    styled = sp_pr is not None and sp_pr.find(q(A, "noFill")) is None and \
        shape.find(f"{q(P, 'style')}/{q(A, 'fillRef')}[@idx]") is not None and \
        shape.find(f"{q(P, 'style')}/{q(A, 'fillRef')}").get("idx") not in ("0", None)
    text = "".join(t.text or "" for t in shape.iter(q(A, "t"))).strip()
    return xfrm_box(shape) if filled or styled or text else None


def _floor(subtitle: Box, prs, layout: Layout, width: int, height: int) -> int:
    """Where free space under the subtitle ends at the latest: the slide's bottom margin, or the bottom of a
    drawing the subtitle sits on (text stays on the background it was designed for)."""
    bottom = height - inch(0.4)
    for box in backgrounds(prs, layout, subtitle):
        if box.w * box.h < width * height:
            bottom = min(bottom, box.bottom - GAP)
    return bottom


def _free_below(subtitle: Box, blockers: list[Box], floor: int) -> Box | None:
    """The subtitle's column from its bottom down to the first thing in the way; None if there is no room."""
    top = subtitle.bottom
    bottom = floor
    for box in blockers:
        if box.right <= subtitle.x or box.x >= subtitle.right or box.bottom <= top:
            continue  # beside the column, or above it
        bottom = min(bottom, box.y - GAP)
    if bottom - top < inch(0.3):
        return None
    return Box(subtitle.x, top, subtitle.w, bottom - top)


def _anchor(prs, layout: Layout, p: Placeholder) -> str:
    """The vertical anchor of a placeholder's text: its own, else its master placeholder's; OOXML's default top."""
    own = _layout_shape(prs, layout, p.idx)
    base = master_placeholder(prs.slide_masters[layout.master].part._element, p.type)
    for props in (body_props(own), body_props(base)):
        if props is not None and props.get("anchor") in ("t", "ctr", "b"):
            return props.get("anchor")
    return "t"


def _subtitle_align(prs, layout: Layout, p: Placeholder) -> str:
    """How the subtitle's first level is aligned (the text under it follows): layout, master, body style."""
    own = _layout_shape(prs, layout, p.idx)
    master = prs.slide_masters[layout.master].part._element
    base = master_placeholder(master, p.type)
    level = f"{q(P, 'txBody')}/{q(A, 'lstStyle')}/{q(A, 'lvl1pPr')}"
    for ppr in (own.find(level) if own is not None else None, base.find(level) if base is not None else None,
                master.find(f"{q(P, 'txStyles')}/{q(P, 'bodyStyle')}/{q(A, 'lvl1pPr')}")):
        if ppr is not None and ppr.get("algn") in ("l", "ctr", "r"):
            return ppr.get("algn")
    return "l"


def _layout_shape(prs, layout: Layout, idx: int):
    root = [l for m in prs.slide_masters for l in m.slide_layouts][layout.index].part._element
    return next((s for s, ph in ph_elements(root) if int(ph.get("idx", "0")) == idx), None)

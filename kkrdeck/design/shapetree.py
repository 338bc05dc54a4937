"""A template's placeholders in its XML: namespaces, a shape tree's placeholders, the master's ones, their boxes."""

from __future__ import annotations

from kkrdeck.design.geometry import Box
from kkrdeck.ooxml.ns import A_NS as A, CT_PML as PML, MC_NS as MC, P_NS as P, R_NS as R  # noqa: F401 (re-used)

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj")  # an OBJECT placeholder takes text like a body placeholder
CHROME_TYPES = ("dt", "ftr", "sldNum", "hdr")


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def ph_elements(root) -> list:
    """(shape element, p:ph element) of every placeholder in a shape tree, in document order."""
    found = []
    for ph in root.iter(q(P, "ph")):
        nv_pr = ph.getparent()
        shape = nv_pr.getparent().getparent() if nv_pr is not None and nv_pr.getparent() is not None else None
        if shape is not None:
            found.append((shape, ph))
    return found


def xfrm_box(shape) -> Box | None:
    if shape is None:
        return None
    sp_pr = shape.find(q(P, "spPr"))
    xfrm = sp_pr.find(q(A, "xfrm")) if sp_pr is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(q(A, "off")), xfrm.find(q(A, "ext"))
    if off is None or ext is None:
        return None
    return Box(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))


def master_placeholder(master_root, ph_type: str):
    """The master's placeholder a layout placeholder of this type inherits from."""
    wanted = "title" if ph_type in TITLE_TYPES else ph_type if ph_type in CHROME_TYPES else "body"
    for shape, ph in ph_elements(master_root):
        if ph.get("type", "obj") == wanted:
            return shape
    return None


def body_props(shape):
    return shape.find(f"{q(P, 'txBody')}/{q(A, 'bodyPr')}") if shape is not None else None
